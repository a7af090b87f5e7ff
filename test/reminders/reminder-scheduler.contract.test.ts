import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../src/core/model.ts';
import type { ScheduledOccurrence } from '../../src/core/ports/reminder-scheduler.ts';
import type { ReminderQueue } from '../../src/infra/reminders/reminder-queue.ts';
import type { DueHandler, DueOccurrence, DueOutcome } from '../../src/core/reminders/delivery.ts';
import { BullmqReminderScheduler, type ReminderWorker } from '../../src/infra/reminders/bullmq-reminder-scheduler.ts';
import { InProcessReminderScheduler } from '../../src/infra/reminders/in-process-reminder-scheduler.ts';
import { silentLogger } from '../support/bot.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';
import { eventually, sleep } from './fakes.ts';

const realClock = { now: () => new Date() };

interface SchedulerHarness {
  scheduler: ReminderQueue;
  startWorker(platforms: Platform[], handler: DueHandler): ReminderWorker;
  /** Whether pending occurrences outlive the scheduler object (another instance or a restart sees them). */
  durable: boolean;
  /** Another scheduler over the same storage, as a second instance or the same one after a restart. */
  another(): SchedulerHarness;
  /** Occurrences a worker has taken whose handler may not have been called yet. */
  taken(): Promise<number>;
  close(): Promise<void>;
}

const redisPrefix = uniquePrefix('sched');
const redisConn = testRedis(redisPrefix);
const queueConnections: Redis[] = [];
afterAll(async () => {
  for (const c of queueConnections) c.disconnect();
  await redisConn.cleanup();
});

function bullHarness(prefix: string): SchedulerHarness {
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queueConnections.push(connection);
  const scheduler = new BullmqReminderScheduler({
    connection,
    prefix,
    clock: realClock,
    logger: silentLogger,
    attempts: 3,
    backoffMs: 50,
  });
  const queues = PLATFORMS.map((platform) => new Queue(`reminders-${platform}`, { connection, prefix }));
  return {
    scheduler,
    durable: true,
    startWorker: (platforms, handler) =>
      scheduler.startWorker(platforms, handler, { lockDurationMs: 2_000, stalledIntervalMs: 1_000 }),
    another: () => bullHarness(prefix),
    taken: async () => (await Promise.all(queues.map((q) => q.getActiveCount()))).reduce((a, b) => a + b, 0),
    close: async () => {
      await scheduler.close();
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}

function inProcessHarness(): SchedulerHarness {
  const scheduler = new InProcessReminderScheduler({
    clock: realClock,
    logger: silentLogger,
    attempts: 3,
    backoffMs: 50,
  });
  const harness: SchedulerHarness = {
    scheduler,
    durable: false,
    startWorker: (platforms, handler) => scheduler.startWorker(platforms, handler),
    another: () => harness,
    // A timer that fires calls the handler in the same tick: nothing is ever taken and not yet handed over.
    taken: async () => 0,
    close: () => scheduler.close(),
  };
  return harness;
}

const implementations: Array<[string, () => SchedulerHarness]> = [
  ['in-process', inProcessHarness],
  ['bullmq', () => bullHarness(`${redisPrefix}:${Math.random().toString(36).slice(2, 8)}`)],
];

let counter = 0;
function occurrence(inMs: number, platform: Platform = 'console'): ScheduledOccurrence {
  return { platform, reminderId: `rem-c${++counter}`, occurrence: 0, dueAt: new Date(Date.now() + inMs) };
}

/** A handler that records what it was given and when, answering with `answer`. */
function recorder(
  answer: (due: DueOccurrence) => DueOutcome | Promise<DueOutcome> = () => ({ kind: 'delivered', late: false }),
) {
  const calls: Array<DueOccurrence & { at: number }> = [];
  let running = 0;
  const handler: DueHandler = async (due) => {
    calls.push({ ...due, at: Date.now() });
    running++;
    try {
      return await answer(due);
    } finally {
      running--;
    }
  };
  return { calls, handler, running: () => running };
}

/**
 * Resolves once nothing more happens by itself on `platform`: no handler runs, no occurrence is taken, and nothing
 * pending is due within a minute (a retry or busy wait keeps its past due time). Checking that nothing else ran is
 * then final, not a bet on how long to wait. Quiet twice in a row, so a hand-over between checks cannot slip through.
 */
async function settled(h: SchedulerHarness, rec: { running(): number }, platform: Platform = 'console'): Promise<void> {
  const quiet = async () =>
    rec.running() === 0 &&
    (await h.taken()) === 0 &&
    (await h.scheduler.list(platform)).every((o) => o.dueAt.getTime() > Date.now() + 60_000);
  expect(await eventually(async () => (await quiet()) && (await quiet()), 10_000)).toBe(true);
}

describe.each(implementations)('ReminderScheduler contract (%s)', (_name, make) => {
  const open: SchedulerHarness[] = [];
  const harness = () => {
    const h = make();
    open.push(h);
    return h;
  };
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });

  it('hands an occurrence to the worker once, at its due time and not before', async () => {
    const h = harness();
    const { calls, handler, running } = recorder();
    h.startWorker(['console'], handler);
    const due = occurrence(400);
    await h.scheduler.schedule(due);
    expect(await eventually(() => calls.length === 1)).toBe(true);
    expect(calls[0]?.at).toBeGreaterThanOrEqual(due.dueAt.getTime() - 5);
    expect(calls[0]).toMatchObject({ reminderId: due.reminderId, occurrence: 0, platform: 'console', attempt: 1 });
    expect(calls[0]?.dueAt.toISOString()).toBe(due.dueAt.toISOString());
    await settled(h, { running });
    expect(calls).toHaveLength(1);
  });

  it('runs an occurrence that is already due at once', async () => {
    const h = harness();
    const { calls, handler } = recorder();
    h.startWorker(['console'], handler);
    await h.scheduler.schedule(occurrence(-60_000));
    expect(await eventually(() => calls.length === 1, 3_000)).toBe(true);
  });

  it('keeps one job when the same occurrence is scheduled twice', async () => {
    const h = harness();
    const due = occurrence(300);
    await h.scheduler.schedule(due);
    await h.scheduler.schedule({ ...due, dueAt: new Date(due.dueAt.getTime() + 10) });
    expect(await h.scheduler.list()).toHaveLength(1);
    const { calls, handler, running } = recorder();
    h.startWorker(['console'], handler);
    expect(await eventually(() => calls.length > 0)).toBe(true);
    await settled(h, { running });
    expect(calls).toHaveLength(1);
  });

  it('lists pending occurrences soonest first, and forgets cancelled ones', async () => {
    const h = harness();
    const later = occurrence(60_000, 'slack');
    const sooner = occurrence(30_000);
    await h.scheduler.schedule(later);
    await h.scheduler.schedule(sooner);
    const listed = await h.scheduler.list();
    expect(listed.map((o) => [o.reminderId, o.platform, o.occurrence, o.dueAt.toISOString()])).toEqual([
      [sooner.reminderId, 'console', 0, sooner.dueAt.toISOString()],
      [later.reminderId, 'slack', 0, later.dueAt.toISOString()],
    ]);
    expect((await h.scheduler.list('slack')).map((o) => o.reminderId)).toEqual([later.reminderId]);
    await h.scheduler.cancel(sooner);
    await h.scheduler.cancel({ platform: 'console', reminderId: 'rem-never', occurrence: 3 });
    expect((await h.scheduler.list()).map((o) => o.reminderId)).toEqual([later.reminderId]);
    await h.scheduler.cancel(later);
  });

  it('never runs a cancelled occurrence', async () => {
    const h = harness();
    const { calls, handler, running } = recorder();
    h.startWorker(['console'], handler);
    const due = occurrence(300);
    await h.scheduler.schedule(due);
    await h.scheduler.cancel(due);
    await settled(h, { running });
    expect(calls).toHaveLength(0);
  });

  it('retries with backoff, says which try is the last, and stops after it', async () => {
    const h = harness();
    const { calls, handler, running } = recorder(() => ({ kind: 'retry', reason: 'timeout' }));
    h.startWorker(['console'], handler);
    await h.scheduler.schedule(occurrence(0));
    expect(await eventually(() => calls.length === 3, 5_000)).toBe(true);
    expect(calls.map((c) => [c.attempt, c.finalAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    // Exponential: the second gap is about twice the first (50 ms, then 100 ms).
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(45);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(90);
    await settled(h, { running });
    expect(calls).toHaveLength(3);
  });

  it('treats a throwing handler like a retry', async () => {
    const h = harness();
    const { calls, handler, running } = recorder((due) => {
      if (due.attempt === 1) throw new Error('store down');
      return { kind: 'delivered', late: false };
    });
    h.startWorker(['console'], handler);
    await h.scheduler.schedule(occurrence(0));
    expect(await eventually(() => calls.length === 2, 5_000)).toBe(true);
    await settled(h, { running });
    expect(calls).toHaveLength(2);
  });

  it('looks again after a busy answer without spending an attempt', async () => {
    const h = harness();
    const { calls, handler } = recorder(() =>
      calls.length < 5 ? { kind: 'busy', retryInMs: 30 } : { kind: 'delivered', late: false },
    );
    h.startWorker(['console'], handler);
    await h.scheduler.schedule(occurrence(0));
    expect(await eventually(() => calls.length === 5, 5_000)).toBe(true);
    expect(calls.every((c) => c.attempt === 1 && !c.finalAttempt)).toBe(true);
  });

  it("gives a worker only its own platforms' occurrences", async () => {
    const h = harness();
    const consoleCalls = recorder();
    h.startWorker(['console'], consoleCalls.handler);
    await h.scheduler.schedule(occurrence(0, 'teams'));
    await h.scheduler.schedule(occurrence(0, 'console'));
    expect(await eventually(() => consoleCalls.calls.length === 1)).toBe(true);
    await settled(h, consoleCalls);
    expect(consoleCalls.calls.map((c) => c.platform)).toEqual(['console']);
    expect((await h.scheduler.list('teams')).length).toBe(1);
  });

  it('hands an occurrence that fell due while no worker ran to the next one that starts', async () => {
    const first = harness();
    const due = occurrence(100);
    await first.scheduler.schedule(due);
    await sleep(400);
    const next = first.durable ? first.another() : first;
    if (next !== first) open.push(next);
    const { calls, handler } = recorder();
    next.startWorker(['console'], handler);
    expect(await eventually(() => calls.length === 1, 5_000)).toBe(true);
    expect(calls[0]!.at - due.dueAt.getTime()).toBeGreaterThanOrEqual(300);
  });
});
