/**
 * GET /metrics: a bounded set of series whatever clients send, and kept off the public port when the operator
 * says so (METRICS_PORT, METRICS_HOST) or behind a bearer token (METRICS_TOKEN).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Turn } from '../../src/core/model.ts';
import { createHttpServer } from '../../src/infra/http-server.ts';
import { createMetrics } from '../../src/infra/metrics.ts';
import { createRuntime } from '../../src/runtime.ts';
import { freePort } from '../support/private-redis.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-requests.ts';
import { startSlackWebApi } from '../support/slack-web-api.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const prefix = uniquePrefix('metrics');
const redis = testRedis(prefix);
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});
afterAll(() => redis.cleanup());

function pressed(actionId: string, n: number): Turn {
  const key = `slack:T1:C1:${n}`;
  return {
    id: `forged-${n}`,
    conversation: { platform: 'slack', key, channelKey: 'slack:T1:C1', isPrivate: false },
    user: { id: 'slack:T1:U1', name: 'Anna' },
    input: { kind: 'action', actionId, value: '' },
  };
}

describe('metric labels', () => {
  it('keeps the turn metrics to a fixed set of series however many action ids are forged', async () => {
    const metrics = createMetrics();
    const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '0' });
    const runtime = await createRuntime(config, pino({ level: 'silent' }), {
      serving: true,
      telemetry: metrics.telemetry,
    });
    closers.push(() => runtime.close());
    const before = (await metrics.registry.metrics()).length;
    for (let n = 0; n < 500; n += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => runtime.bot.handleTurn(pressed(`verb${n + i}:go`, n + i))),
      );
    }
    await runtime.bot.handleTurn(pressed('settings:invented', 1_000));
    const turns = await metrics.registry.getSingleMetric('iop_turns_total')!.get();
    expect(turns.values.map((v) => v.labels.kind).sort()).toEqual(['action:other', 'action:settings']);
    expect(turns.values.find((v) => v.labels.kind === 'action:other')?.value).toBe(500);
    // Histogram buckets included, the exposition grows by a few series, not by 500 of them.
    expect((await metrics.registry.metrics()).length - before).toBeLessThan(8_000);
  });

  it('records kinds it has never seen as "other" once it has seen a few dozen', async () => {
    const { registry, telemetry } = createMetrics();
    for (let n = 0; n < 200; n++) telemetry.turnHandled('slack', `invented-${n}`, 1);
    const turns = await registry.getSingleMetric('iop_turns_total')!.get();
    expect(turns.values.length).toBeLessThanOrEqual(65);
    expect(turns.values.find((v) => v.labels.kind === 'other')?.value).toBeGreaterThan(100);
  });
});

describe('where /metrics is served', () => {
  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const metrics = createMetrics();
    const server = createHttpServer(() => undefined);
    metrics.mount(server, { token: 'scrape-secret-0123456789' });
    const port = await server.listen(0, '127.0.0.1');
    closers.push(() => server.close());
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const scraped = await fetch(url, { headers: { authorization: 'Bearer scrape-secret-0123456789' } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/iop_turns_total/);
  });

  it('serves metrics on METRICS_PORT, bound to loopback, and not on the public port', async () => {
    const api = await startSlackWebApi();
    closers.push(() => api.close());
    const [port, metricsPort] = [await freePort(), await freePort()];
    const child: ChildProcess = spawn(process.execPath, ['bin/iop-bot.js', 'serve'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: api.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: `${prefix}:serve`,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'warn',
      },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    closers.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    });
    const deadline = Date.now() + 20_000;
    while (!(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null) throw new Error(`iop-bot serve exited before it was ready:\n${output}`);
      if (Date.now() > deadline) throw new Error(`iop-bot serve was not ready within 20 s:\n${output}`);
      await sleep(100);
    }
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/iop_turns_total/);
    // Loopback only by default: the port is not open on the machine's other addresses.
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      const reached = await fetch(`http://${external.address}:${metricsPort}/metrics`).then(
        () => true,
        () => false,
      );
      expect(reached).toBe(false);
    }
  });
});
