import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  type HealthRoutes,
  mountHealthRoutes,
  type ReadinessSubject,
  runtimeReadinessChecks,
} from '../../src/infra/health-routes.ts';
import { createHttpServer } from '../../src/infra/http-server.ts';
import { connectRedis, createRedisConnection } from '../../src/infra/redis-connection.ts';
import { RedisDocumentStore } from '../../src/infra/redis-document-store.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import type { Messenger } from '../../src/core/ports/messenger.ts';
import { freePort, PrivateRedis } from '../support/private-redis.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';

/** A messenger for a platform this test never delivers to: the worker only needs one to start. */
const quietMessenger: Messenger = { send: async () => ({ status: 'delivered' }) };

const prefix = uniquePrefix('readiness');
const redis = testRedis(prefix);
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Bounded: a close that waits for a Redis a test stopped must not eat the hook's timeout.
  for (const close of closers.splice(0).reverse()) await Promise.race([close().catch(() => undefined), sleep(10_000)]);
});
afterAll(() => redis.cleanup());

interface Probe {
  status: number;
  body: { status: string; checks: Record<string, boolean> };
  tookMs: number;
}

/** A runtime as `iop-bot serve` builds it, on the shared test Redis under this file's prefix. */
async function startRuntime(env: Record<string, string> = {}, redisUrl = TEST_REDIS_URL): Promise<Runtime> {
  const config = loadConfig({
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `${prefix}:${Math.random().toString(36).slice(2, 8)}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const runtime = await createRuntime(config, pino({ level: 'silent' }), { serving: true });
  closers.push(() => runtime.close());
  return runtime;
}

/** Mounts the health routes for `subject` on a server of their own and returns how to probe `/readyz`. */
async function serveReadiness(
  subject: ReadinessSubject,
): Promise<{ probe: () => Promise<Probe>; health: HealthRoutes }> {
  const server = createHttpServer(() => undefined);
  const health = mountHealthRoutes(server, runtimeReadinessChecks(subject));
  const port = await server.listen(0, '127.0.0.1');
  closers.push(() => server.close());
  const probe = async (): Promise<Probe> => {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    const body = (await response.json()) as Probe['body'];
    return { status: response.status, body, tookMs: performance.now() - started };
  };
  return { probe, health };
}

/** Polls `/readyz` until `done` holds, or gives up after `timeoutMs`; returns the last answer either way. */
async function probeUntil(probe: () => Promise<Probe>, done: (p: Probe) => boolean, timeoutMs: number): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last) && Date.now() < deadline) {
    await sleep(100);
    last = await probe();
  }
  return last;
}

const isReady = (p: Probe) => p.status === 200;

describe('GET /readyz', () => {
  it('is 200 when Redis answers, the knowledge is loaded and the reminder worker runs', async () => {
    const runtime = await startRuntime();
    await runtime.startReminders({ slack: quietMessenger });
    const { probe } = await serveReadiness(runtime);
    const answer = await probeUntil(probe, isReady, 5_000);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ready', checks: { state: true, knowledge: true, reminders: true } });
  });

  it('is 503 naming `state` when the state store cannot reach Redis', async () => {
    const runtime = await startRuntime();
    await runtime.startReminders({ slack: quietMessenger });
    const unreachable = createRedisConnection(`redis://127.0.0.1:${await freePort()}`, 'state');
    unreachable.on('error', () => undefined);
    closers.push(async () => unreachable.disconnect());
    const store = new RedisDocumentStore(unreachable, { prefix });
    const { probe } = await serveReadiness({ ...runtime, store });
    const answer = await probeUntil(probe, isReady, 1_000); // the worker settles; state must keep failing
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ status: 'not ready', checks: { state: false, knowledge: true, reminders: true } });
  });

  it('is 503 naming `knowledge` when the knowledge folder holds nothing', async () => {
    // An empty (e.g. unmounted) knowledge volume: the runtime starts, but could answer nothing.
    const empty = mkdtempSync(join(tmpdir(), 'iop-empty-knowledge-'));
    mkdirSync(join(empty, 'checklists'));
    const runtime = await startRuntime({ KNOWLEDGE_DIR: empty });
    await runtime.startReminders({ slack: quietMessenger });
    const { probe } = await serveReadiness(runtime);
    const answer = await probeUntil(probe, isReady, 1_000);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ status: 'not ready', checks: { state: true, knowledge: false, reminders: true } });
  });

  it('is 503 naming `reminders` before the worker has started (start-up)', async () => {
    const runtime = await startRuntime();
    const { probe } = await serveReadiness(runtime);
    const answer = await probe();
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ status: 'not ready', checks: { state: true, knowledge: true, reminders: false } });

    await runtime.startReminders({ slack: quietMessenger });
    expect((await probeUntil(probe, isReady, 5_000)).status).toBe(200);
  });

  it('is 503 naming `reminders` once the worker has stopped', async () => {
    const runtime = await startRuntime();
    await runtime.startReminders({ slack: quietMessenger });
    const { probe } = await serveReadiness(runtime);
    expect((await probeUntil(probe, isReady, 5_000)).status).toBe(200);

    await runtime.reminders.close();
    const answer = await probe();
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ status: 'not ready', checks: { state: true, knowledge: true, reminders: false } });
  });

  it('is 503 from the moment shutdown begins, while the checks still pass', async () => {
    const runtime = await startRuntime();
    await runtime.startReminders({ slack: quietMessenger });
    const { probe, health } = await serveReadiness(runtime);
    expect((await probeUntil(probe, isReady, 5_000)).status).toBe(200);

    health.beginShutdown();
    const answer = await probe();
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: 'shutting down',
      checks: { state: true, knowledge: true, reminders: true },
    });
  });
});

describe('GET /readyz when a private Redis fails', () => {
  const privateRedis = new PrivateRedis();
  const killPrivateRedis = () => privateRedis.kill();

  // Registered as a closer before the runtime, so that the runtime closes while its Redis still runs.
  const withPrivateRedis = async () => {
    closers.push(killPrivateRedis);
    await privateRedis.start();
  };
  afterAll(killPrivateRedis);

  it('answers within about a second when Redis hangs, naming `state`', async () => {
    await withPrivateRedis();
    const { url } = privateRedis;
    const runtime = await startRuntime();
    await runtime.startReminders({ slack: quietMessenger });
    const hanging = createRedisConnection(url, 'state');
    hanging.on('error', () => undefined);
    closers.push(async () => hanging.disconnect());
    await connectRedis(hanging, url);
    const store = new RedisDocumentStore(hanging, { prefix });
    const { probe } = await serveReadiness({ ...runtime, store });
    expect((await probeUntil(probe, isReady, 5_000)).status).toBe(200);

    // SIGSTOP: the socket stays open and PING is accepted, but no answer ever comes.
    privateRedis.pause();
    // The second probe finds the first PING still unanswered and is bounded the same way.
    for (let i = 0; i < 2; i++) {
      const answer = await probe();
      expect(answer.status).toBe(503);
      expect(answer.body.checks).toEqual({ state: false, knowledge: true, reminders: true });
      expect(answer.tookMs).toBeLessThan(2_500);
    }
  });

  it('names `state` and `reminders` while Redis is down, and is ready again when it is back', async () => {
    await withPrivateRedis();
    const runtime = await startRuntime({}, privateRedis.url);
    await runtime.startReminders({ slack: quietMessenger });
    const { probe } = await serveReadiness(runtime);
    expect((await probeUntil(probe, isReady, 5_000)).status).toBe(200);

    await killPrivateRedis();
    // The worker's connection is down too: it cannot take a due reminder.
    const down = await probeUntil(probe, (p) => !p.body.checks.state && !p.body.checks.reminders, 5_000);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'not ready', checks: { state: false, knowledge: true, reminders: false } });

    await privateRedis.start();
    const back = await probeUntil(probe, isReady, 10_000);
    expect(back.body).toEqual({ status: 'ready', checks: { state: true, knowledge: true, reminders: true } });
  });
});
