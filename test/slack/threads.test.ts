import { describe, expect, it } from 'vitest';
import { conversationOf } from '../../src/adapters/slack/inbound.ts';
import { createThreadMarks } from '../../src/adapters/slack/threads.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { testBot } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';

const logger = createLogger('silent');

describe('threads the bot takes part in', () => {
  it('are known to every instance: marked ones, and those the core holds a conversation for', async () => {
    const clock = new FakeClock();
    const store = new MemoryDocumentStore(clock);
    const { bot } = testBot({ store, clock });
    const conversation = conversationOf(
      { team: 'T1', channel: 'C1', isDm: false, threadTs: '1700000000.000100' },
      'U1',
    );
    await bot.handleTurn({
      id: 'slack-msg:x',
      conversation,
      user: { id: 'slack:T1:U1' },
      input: { kind: 'message', text: 'hej' },
    });
    await createThreadMarks(store, logger).mark('T1', 'C1', '1800000000.000001', clock.now().toISOString());

    const otherInstance = createThreadMarks(store, logger);
    expect(await otherInstance.isBotThread('T1', 'C1', '1700000000.000100')).toBe(true);
    expect(await otherInstance.isBotThread('T1', 'C1', '1800000000.000001')).toBe(true);
    expect(await otherInstance.isBotThread('T1', 'C1', '1600000000.000001')).toBe(false);
    expect(await otherInstance.isBotThread('T1', 'C2', '1700000000.000100')).toBe(false);
  });

  it('are forgotten with the store’s TTL (30 days)', async () => {
    const clock = new FakeClock();
    const store = new MemoryDocumentStore(clock);
    await createThreadMarks(store, logger).mark('T1', 'C1', '1800000000.000001', clock.now().toISOString());
    clock.advance(31 * 24 * 60 * 60 * 1000);
    expect(await createThreadMarks(store, logger).isBotThread('T1', 'C1', '1800000000.000001')).toBe(false);
  });
});
