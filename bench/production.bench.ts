// `npm run bench production`: what an operator asks before go-live — how long start-up takes, how many Redis
// commands and round trips one turn costs, and how much memory a serving process holds after load.
// Measures only; asserts nothing. Per-platform throughput is in the slack and teams benches.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import type { Turn } from '../src/core/model.ts';
import { createLogger } from '../src/infra/logger.ts';
import { createRuntime } from '../src/runtime.ts';
import { TEST_REDIS_URL, uniquePrefix } from '../test/support/redis.ts';
import { countRoundTrips } from '../test/support/round-trips.ts';
import type { SummaryRow } from './summary.ts';

const BIN = fileURLToPath(new URL('../bin/iop-bot.js', import.meta.url));
const TURNS = 200;

/** Sums Redis `INFO commandstats` calls, so a delta counts the commands a workload sent. */
async function commandCount(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

function turn(i: number, text: string): Turn {
  return {
    id: `bench-${i}-${Math.random().toString(36).slice(2)}`,
    conversation: { platform: 'slack', key: `slack:T1:C1:${i}`, channelKey: 'slack:T1:C1', isPrivate: false },
    user: { id: `slack:T1:U${i % 20}`, name: 'Bench' },
    input: { kind: 'message', text },
  };
}

async function commandsPerTurn(): Promise<Array<[string, string]>> {
  const prefix = uniquePrefix('bench-prod');
  const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '0' });
  const counter = countRoundTrips('iop-bot:state');
  const runtime = await createRuntime(config, createLogger('silent'), { serving: true });
  const probe = new Redis(TEST_REDIS_URL);
  const rows: Array<[string, string]> = [];
  try {
    for (const [label, text] of [
      ['question', 'Vad skiljer IOP från föreningsbidrag?'],
      ['greeting', 'hej'],
    ] as const) {
      const before = await commandCount(probe);
      counter.reset();
      for (let i = 0; i < TURNS; i++) await runtime.bot.handleTurn(turn(i, text));
      // The probe's own INFO call is one command; subtract it. Redis counts a Lua script's inner calls too.
      const perTurn = ((await commandCount(probe)) - before - 1) / TURNS;
      const sent = counter.read();
      rows.push([
        `Redis per turn (${label})`,
        `${(sent.roundTrips / TURNS).toFixed(1)} round trips, ${(sent.commands / TURNS).toFixed(1)} commands sent ` +
          `(${perTurn.toFixed(1)} executed, counting Lua's inner calls)`,
      ]);
    }
  } finally {
    counter.restore();
    const keys = await probe.keys(`${prefix}:*`);
    if (keys.length > 0) await probe.del(...keys);
    probe.disconnect();
    await runtime.close();
  }
  return rows;
}

/** Starts `iop-bot` serving Slack (no network needed until an event arrives) and times it to /readyz. */
async function startAndLoad(): Promise<Array<[string, string]>> {
  const port = 39000 + Math.floor(Math.random() * 1000);
  const prefix = uniquePrefix('bench-start');
  const started = performance.now();
  const child = spawn(process.execPath, [BIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let readyMs = Number.NaN;
    while (performance.now() - started < 30_000) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        readyMs = performance.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (Number.isNaN(readyMs)) throw new Error('iop-bot did not become ready within 30 s');
    // Load: readiness checks (each one a Redis PING) in batches of 50, as a load balancer and probes would send.
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.text())),
      );
    }
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1] ?? Number.NaN);
    return [
      ['start-up to /readyz (Slack over HTTP, Redis)', `${readyMs.toFixed(0)} ms`],
      ['RSS of the serving process after load', `${(rss / 1024 / 1024).toFixed(0)} MiB`],
    ];
  } finally {
    child.kill('SIGTERM');
  }
}

export default async function run(): Promise<SummaryRow[]> {
  const rows = [...(await startAndLoad()), ...(await commandsPerTurn())];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  return rows.map(([measure, value]) => ['production', measure, value]);
}
