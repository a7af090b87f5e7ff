// `npm run bench reminders`: schedules BENCH_REMINDERS (default 100,000) reminders due within a few minutes through
// the real path (ReminderBook → Redis records + BullMQ delayed jobs), delivers them with two worker processes
// (bench/reminders-worker.ts) to a counting sink, and prints delivery rate, lateness after the due time,
// duplicates and losses. Needs Redis at REDIS_URL (default redis://127.0.0.1:6379); cleans up its keys.
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createReminderBook } from '../src/core/reminders/reminder-book.ts';
import { RedisDocumentStore } from '../src/infra/redis-document-store.ts';
import { BullmqReminderScheduler } from '../src/infra/reminders/bullmq-reminder-scheduler.ts';
import type { DeliveryRecord } from './reminders-worker.ts';
import type { SummaryRow } from './summary.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOTAL = Number(process.env.BENCH_REMINDERS ?? 100_000);
const WORKERS = 2;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/** Reminders fall due evenly over this window (ms): 100,000 over 3 minutes is ~555 due per second. */
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 180_000);
/**
 * The window opens this long after scheduling starts (ms). Scheduling runs in due order at ~500/s on a busy
 * 2-core machine, so a minute's head start keeps it ahead of the due times and lateness measures delivery.
 */
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 60_000);
/** After the last due time, how long to wait for stragglers before counting the rest as lost (ms). */
const DRAIN_MS = 60_000;
const USERS = Math.max(1, Math.ceil(TOTAL / 10));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

function startWorker(prefix: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./reminders-worker.ts', import.meta.url));
  const child = fork(script, [REDIS_URL, prefix, String(CONCURRENCY)], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () => resolve(child));
  });
}

export default async function run(): Promise<SummaryRow[]> {
  const prefix = `bench:reminders:${randomUUID().slice(0, 8)}`;
  const clock = { now: () => new Date() };
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  const stateConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const queueConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const store = new RedisDocumentStore(stateConnection, { prefix });
  const scheduler = new BullmqReminderScheduler({
    connection: queueConnection,
    prefix: `${prefix}:bull`,
    clock,
    logger,
  });
  const book = createReminderBook({ store, scheduler });
  const children: ChildProcess[] = [];

  try {
    // Workers first: starting a process with tsx takes seconds, and they should be idle when the window opens.
    for (let w = 0; w < WORKERS; w++) children.push(await startWorker(prefix));
    console.log(`${WORKERS} worker processes × concurrency ${CONCURRENCY} started`);
    const delivered = new Map<string, number>();
    const lateness: number[] = [];
    let duplicates = 0;
    let lastDeliveryAt = 0;
    let firstDeliveryAt = Number.POSITIVE_INFINITY;
    for (const child of children) {
      child.on('message', (message: { kind: string; records?: DeliveryRecord[] }) => {
        if (message.kind !== 'delivered') return;
        for (const [id, occ, dueAt, deliveredAt] of message.records ?? []) {
          const key = `${id}/${occ}`;
          const seen = delivered.get(key) ?? 0;
          delivered.set(key, seen + 1);
          if (seen > 0) duplicates++;
          else lateness.push(deliveredAt - dueAt);
          lastDeliveryAt = Math.max(lastDeliveryAt, deliveredAt);
          firstDeliveryAt = Math.min(firstDeliveryAt, deliveredAt);
        }
      });
    }
    // Reminders are added in due order while the window is already running, as long as adding stays ahead of
    // the due times; one added only after its due time is counted and its lateness shows in the figures.
    const windowStart = Date.now() + LEAD_MS;
    let addedLate = 0;
    console.log(`scheduling ${TOTAL} reminders for ${USERS} users, due evenly over ${WINDOW_MS / 1000} s …`);
    const scheduleStarted = performance.now();
    let next = 0;
    const add = async () => {
      while (next < TOTAL) {
        const i = next++;
        const dueAt = windowStart + Math.floor((i / TOTAL) * WINDOW_MS);
        const ownerId = `slack:T1:U${i % USERS}`;
        const added = await book.add({
          // The id carries the due time, so the sink can measure lateness without reading the record.
          id: `rem-b${i}-${dueAt}`,
          owner: { id: ownerId },
          address: { platform: 'slack', key: `slack:T1:C1:${i % 100}`, channelKey: 'slack:T1:C1', isPrivate: false },
          text: `uppföljning ${i}`,
          due: new Date(dueAt),
          recurrence: null,
          locale: 'sv',
          timeZone: 'Europe/Stockholm',
          source: 'message',
          now: new Date(),
        });
        if (!added.ok) throw new Error(`could not add reminder ${i}: ${added.reason}`);
        if (Date.now() > dueAt) addedLate++;
      }
    };
    await Promise.all(Array.from({ length: 200 }, add));
    const scheduleSeconds = (performance.now() - scheduleStarted) / 1000;
    console.log(
      `scheduled in ${scheduleSeconds.toFixed(1)} s (${Math.round(TOTAL / scheduleSeconds)}/s); ` +
        `${addedLate} could only be added after their due time`,
    );

    console.log('waiting for the window to pass …');

    const windowEnd = windowStart + WINDOW_MS;
    let lastProgress = Date.now();
    let lastCount = 0;
    while (delivered.size < TOTAL) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (delivered.size !== lastCount) {
        lastCount = delivered.size;
        lastProgress = Date.now();
      }
      if (Date.now() > windowEnd && Date.now() - lastProgress > DRAIN_MS) break;
    }
    // Anything still in flight would show up as a duplicate now.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const child of children) {
      const stopped = new Promise((resolve) => child.once('exit', resolve));
      child.send({ kind: 'stop' });
      await stopped;
    }
    children.length = 0;

    lateness.sort((a, b) => a - b);
    const losses = TOTAL - delivered.size;
    const spanSeconds = (lastDeliveryAt - Math.max(windowStart, firstDeliveryAt)) / 1000;
    console.log(`reminders          ${TOTAL}`);
    console.log(`delivered          ${delivered.size} in ${spanSeconds.toFixed(1)} s after the window opened`);
    console.log(
      `delivery rate      ${Math.round(delivered.size / Math.max(spanSeconds, 0.001))}/s (offered load ${Math.round(TOTAL / (WINDOW_MS / 1000))}/s)`,
    );
    console.log(`lateness p50       ${percentile(lateness, 50)} ms`);
    console.log(`lateness p99       ${percentile(lateness, 99)} ms`);
    console.log(`lateness max       ${lateness.at(-1)} ms`);
    console.log(`duplicates         ${duplicates}`);
    console.log(`losses             ${losses}`);
    if (duplicates > 0 || losses > 0) process.exitCode = 1;
    return [
      [
        'Reminders',
        `${TOTAL.toLocaleString('en')} due over ${WINDOW_MS / 1000} s, ${WORKERS} workers`,
        `${Math.round(delivered.size / Math.max(spanSeconds, 0.001))}/s delivered, lateness p50 ${percentile(lateness, 50)} ms, ` +
          `p99 ${percentile(lateness, 99)} ms; ${duplicates} duplicates, ${losses} lost`,
      ],
    ];
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await scheduler.close();
    const deleted = await deleteKeys(stateConnection, prefix);
    console.log(`(cleaned up ${deleted} keys under ${prefix})`);
    stateConnection.disconnect();
    queueConnection.disconnect();
  }
}
