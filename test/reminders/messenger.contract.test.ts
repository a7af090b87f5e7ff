import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { printConsoleReminders, withMentions } from '../../src/adapters/console/console-messenger.ts';
import { renderReply } from '../../src/adapters/console/render.ts';
import type { ConversationAddress, Reply } from '../../src/core/model.ts';
import { InProcessMessenger } from '../../src/infra/reminders/in-process-messenger.ts';
import { RedisOutboxMessenger, RedisOutboxReader } from '../../src/infra/reminders/redis-outbox-messenger.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';
import { messengerContract } from './messenger.contract.ts';

let sessions = 0;
const consoleAddress = (key: string): ConversationAddress => ({
  platform: 'console',
  key,
  channelKey: key,
  isPrivate: true,
});
const terminalText = (replies: Reply[]) =>
  replies.map((reply) =>
    renderReply(reply, { styled: false, messageId: 'm', firstNumber: 1, updatedLabel: '' }).lines.join('\n'),
  );

// The console without Redis: the in-process messenger, printed through the console chat's rendering.
messengerContract('console, in process', async () => {
  const messenger = new InProcessMessenger('console');
  const printed = new Map<string, string[]>();
  const inbox = {
    openInbox: (_p: unknown, key: string, sink: (r: Reply[]) => void) => {
      const detach = messenger.attach(key, sink);
      return async () => detach();
    },
  };
  return {
    messenger,
    platform: 'console',
    reachable: async () => {
      const key = `console:session-${++sessions}`;
      printed.set(key, []);
      printConsoleReminders(inbox, key, (replies) => printed.get(key)?.push(...terminalText(replies)));
      return consoleAddress(key);
    },
    seen: async (address) => printed.get(address.key) ?? [],
    mentionOf: (userId) => `@${userId.replace(/^console:/, '')}`,
    gone: async () => consoleAddress('console:closed-session'),
    outage: async () => {
      const failing = new InProcessMessenger('console');
      failing.attach('console:broken', () => {
        throw new Error('EPIPE');
      });
      return { messenger: failing, address: consoleAddress('console:broken') };
    },
  };
});

// The console with Redis: the outbox messenger; the chat owning the conversation reads and prints.
const prefix = uniquePrefix('outbox');
const redis = testRedis(prefix);
const extra: Redis[] = [];
afterAll(async () => {
  for (const c of extra) c.disconnect();
  await redis.cleanup();
});

messengerContract('console, Redis outbox', async () => {
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  extra.push(connection);
  const options = { prefix, platform: 'console' as const };
  const reader = new RedisOutboxReader(connection, { ...options, consumer: 'chat' });
  const printed = new Map<string, string[]>();
  return {
    messenger: new RedisOutboxMessenger(connection, options),
    platform: 'console',
    reachable: async () => consoleAddress(`console:outbox-${++sessions}`),
    seen: async (address) => {
      // What the chat for that conversation would print: take, render, acknowledge.
      const lines = printed.get(address.key) ?? [];
      const entries = await reader.take(address.key);
      for (const entry of entries) lines.push(...terminalText(entry.replies.map(withMentions)));
      await reader.ack(
        address.key,
        entries.map((e) => e.id),
      );
      printed.set(address.key, lines);
      return lines;
    },
    mentionOf: (userId) => `@${userId.replace(/^console:/, '')}`,
    outage: async () => {
      const down = new Redis('redis://127.0.0.1:1', {
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        lazyConnect: true,
        retryStrategy: () => null,
      });
      down.on('error', () => undefined);
      extra.push(down);
      return { messenger: new RedisOutboxMessenger(down, options), address: consoleAddress('console:down') };
    },
  };
});
