import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { errorReply } from '../../src/core/error-reply.ts';
import { isIopError } from '../../src/core/errors.ts';
import type { Reply } from '../../src/core/model.ts';
import { plainText } from '../../src/core/reply.ts';
import { translator } from '../../src/i18n/translator.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { turnOf } from '../support/bot.ts';
import { PrivateRedis } from '../support/private-redis.ts';
import { eventually, RecordingMessenger } from '../reminders/fakes.ts';

// Redis is away for 30 s, as a restart or failover of a production Redis might take.
const OUTAGE_MS = 30_000;
const RECOVERY_BUDGET_MS = 8_000;

// Persistent, as production Redis must be (AOF): what was stored before the crash is there after it.
const privateRedis = new PrivateRedis({ persistent: true });
const delivered = new RecordingMessenger('console');

const people = { user: 'console:outage-user', conversation: 'console:outage' };
const say = (runtime: Runtime, text: string) => runtime.bot.handleTurn(turnOf(text, people));

function sourcesOf(replies: Reply[]): string[] {
  return replies.flatMap((r) => r.blocks.flatMap((b) => (b.type === 'context' ? b.items : [])));
}

async function expectStoreUnavailable(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isIopError(error, 'store_unavailable'), `expected store_unavailable, got ${String(error)}`).toBe(true);
  // What every adapter sends for it.
  expect(plainText(errorReply(error, translator('sv')).blocks)).toBe(translator('sv')('errors.temporarilyUnavailable'));
}

describe('Redis outage', () => {
  let runtime: Runtime;
  const exitSpy = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Error(`process.exit(${code}) called during a Redis outage`);
  }) as typeof process.exit);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    await privateRedis.start();
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: privateRedis.url,
      REDIS_PREFIX: `test:outage:${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    runtime = await createRuntime(config, pino({ level: 'silent' }), { serving: true });
    runtime.reminders.messengers.set('console', delivered);
    await runtime.reminders.startWorker(['console']);
  }, 30_000);

  afterAll(async () => {
    await runtime?.close().catch(() => undefined);
    await privateRedis.kill();
    process.off('unhandledRejection', onUnhandled);
    exitSpy.mockRestore();
  }, 30_000);

  let downSince = 0;

  it('works while Redis is healthy, and takes a reminder that will fall due during the outage', async () => {
    expect(plainText((await say(runtime, '/iop kommun Ekerö')).flatMap((r) => r.blocks))).toContain('Ekerö');
    const set = plainText((await say(runtime, 'påminn mig in 10 seconds att ringa Bo')).flatMap((r) => r.blocks));
    expect(set).toMatch(/ringa Bo/);
    expect(delivered.sent).toHaveLength(0);
  });

  const writesFail = async () => {
    await expectStoreUnavailable(say(runtime, '/iop kommun Ekerö'));
    await expectStoreUnavailable(say(runtime, '/iop påminn mig imorgon kl 9 att ringa Anna'));
    await expectStoreUnavailable(say(runtime, '/iop checklista skr'));
  };

  it('refuses to change state with store_unavailable right after Redis crashes', async () => {
    await privateRedis.kill();
    downSince = Date.now();
    await writesFail();
  });

  /** Every feature that intercepts typed messages must let a question through when the store is away. */
  it('still answers a question with sources while Redis is down', async () => {
    const answer = await say(runtime, 'Vad är IOP?');
    expect(plainText(answer.flatMap((r) => r.blocks)).length).toBeGreaterThan(50);
    expect(sourcesOf(answer).length).toBeGreaterThan(0);
  });

  it(
    'still refuses writes after several failed reconnects, and recovers by itself when Redis is back',
    async () => {
      expect(downSince).toBeGreaterThan(0);
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
      await writesFail();

      await privateRedis.start();
      const backSince = Date.now();
      let recovered: Reply[] | undefined;
      let lastError: unknown;
      while (!recovered && Date.now() - backSince < RECOVERY_BUDGET_MS) {
        try {
          recovered = await say(runtime, '/iop kommun Ekerö');
        } catch (error) {
          lastError = error;
          await sleep(200);
        }
      }
      expect(recovered, `not recovered within ${RECOVERY_BUDGET_MS} ms: ${String(lastError)}`).toBeDefined();
      expect(plainText((recovered ?? []).flatMap((r) => r.blocks))).toContain('Ekerö');
      // The write really landed: the user's context now carries the stored municipality.
      const after = await runtime.bot.contextFor(turnOf('x', people));
      expect(after.municipality?.name).toBe('Ekerö');
      // And questions work again.
      expect(sourcesOf(await say(runtime, 'Vad är IOP?')).length).toBeGreaterThan(0);
    },
    OUTAGE_MS + 30_000,
  );

  it('loses no reminder: one that fell due during the outage is delivered once Redis is back', async () => {
    expect(await eventually(() => delivered.sent.length > 0, 20_000)).toBe(true);
    expect(delivered.sent).toHaveLength(1);
    expect(delivered.sent[0]?.text).toMatch(/ringa Bo/);
  }, 30_000);

  it('never exits the process and leaves no unhandled rejection', () => {
    expect(exitSpy).not.toHaveBeenCalled();
    expect(unhandled).toEqual([]);
  });
});
