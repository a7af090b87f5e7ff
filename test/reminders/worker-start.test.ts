import { Queue } from 'bullmq';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Messenger } from '../../src/core/ports/messenger.ts';
import { createRuntime } from '../../src/runtime.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';

const prefix = uniquePrefix('worker-start');
const cleanup = testRedis(prefix);
afterAll(() => cleanup.cleanup());

/** Never called: the test only looks at which workers start. */
const quietMessenger: Messenger = { send: async () => ({ status: 'delivered' }) };

describe('reminder workers', () => {
  it('start once, in one place: one worker for every platform with a messenger, and no second start', async () => {
    const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' });
    const runtime = await createRuntime(config, pino({ level: 'silent' }), { serving: true });
    const queue = new Queue('reminders-slack', { connection: { url: TEST_REDIS_URL }, prefix: `${prefix}:bull` });
    try {
      await runtime.startReminders({ slack: quietMessenger, teams: quietMessenger });
      await expect(runtime.startReminders({ slack: quietMessenger })).rejects.toThrow(/once/);
      // Connecting takes a moment; BullMQ names each worker's connection, so one per queue means one worker.
      const deadline = Date.now() + 5_000;
      let workers = await queue.getWorkers();
      while ((workers.length === 0 || !runtime.reminders.workerRunning()) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        workers = await queue.getWorkers();
      }
      expect(runtime.reminders.workerRunning()).toBe(true);
      expect(workers).toHaveLength(1);
    } finally {
      await queue.close();
      await runtime.close();
    }
  });
});
