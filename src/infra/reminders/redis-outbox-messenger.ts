import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { ConversationAddress, Platform, Reply } from '../../core/model.ts';
import type { Messenger, SendOutcome } from '../../core/ports/messenger.ts';
import { replySchema } from '../../core/reply-schema.ts';

const entrySchema = z.object({ v: z.literal(1), replies: z.array(replySchema) });
const GROUP = 'deliver';

export interface RedisOutboxOptions {
  /** Namespace (REDIS_PREFIX). */
  prefix: string;
  platform: Platform;
  /** Entries kept per conversation before the oldest are trimmed. */
  maxLen?: number;
  /** An outbox nobody reads is forgotten this long after its last message (ms). */
  ttlMs?: number;
}

function outboxKey(options: RedisOutboxOptions, conversationKey: string): string {
  return `${options.prefix}:outbox:${options.platform}:${conversationKey}`;
}

/**
 * Messenger into a Redis stream per conversation: whichever instance's worker delivers the reminder, the process
 * that owns the conversation (a console chat) reads it from there — now, or when it next starts. Used where the
 * platform has no API to post through (the console with Redis).
 */
export class RedisOutboxMessenger implements Messenger {
  constructor(
    private readonly redis: Redis,
    private readonly options: RedisOutboxOptions,
  ) {}

  async send(address: ConversationAddress, replies: Reply[]): Promise<SendOutcome> {
    if (address.platform !== this.options.platform) {
      return {
        status: 'failed',
        permanent: true,
        reason: `not a ${this.options.platform} conversation (${address.platform})`,
      };
    }
    const key = outboxKey(this.options, address.key);
    try {
      const results = await this.redis
        .multi()
        .xadd(key, 'MAXLEN', '~', String(this.options.maxLen ?? 1000), '*', 'entry', JSON.stringify({ v: 1, replies }))
        .pexpire(key, this.options.ttlMs ?? 30 * 24 * 3600 * 1000)
        .exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('transaction aborted');
      return { status: 'delivered' };
    } catch (error) {
      return { status: 'failed', permanent: false, reason: `outbox unavailable: ${(error as Error).message}` };
    }
  }
}

type StreamReply = Array<[string, Array<[string, string[]]>]> | null;

/** Reads one conversation's outbox: each entry is handed to one reader once, and removed after it was shown. */
export class RedisOutboxReader {
  private stopped = false;

  /** `redis` should be a connection of its own: reads block on it. */
  constructor(
    private readonly redis: Redis,
    private readonly options: RedisOutboxOptions & { consumer?: string; logger?: CoreLogger },
  ) {}

  private async ensureGroup(key: string): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  /**
   * Takes waiting entries (first any this consumer took before but never acknowledged, e.g. after a crash),
   * waiting up to `blockMs` for new ones. Unreadable entries are dropped and reported.
   */
  async take(conversationKey: string, blockMs = 0): Promise<Array<{ id: string; replies: Reply[] }>> {
    const key = outboxKey(this.options, conversationKey);
    const consumer = this.options.consumer ?? 'reader';
    await this.ensureGroup(key);
    const read = async (from: string, block: boolean) =>
      (block
        ? await this.redis.xreadgroup('GROUP', GROUP, consumer, 'COUNT', 50, 'BLOCK', blockMs, 'STREAMS', key, from)
        : await this.redis.xreadgroup('GROUP', GROUP, consumer, 'COUNT', 50, 'STREAMS', key, from)) as StreamReply;
    let result = await read('0', false);
    if (!result?.[0]?.[1].length) result = blockMs > 0 ? await read('>', true) : await read('>', false);
    const entries: Array<{ id: string; replies: Reply[] }> = [];
    for (const [id, fields] of result?.[0]?.[1] ?? []) {
      const raw = fields[fields.indexOf('entry') + 1] ?? '';
      const parsed = safeJson(raw);
      const entry = entrySchema.safeParse(parsed);
      if (entry.success) entries.push({ id, replies: entry.data.replies });
      else {
        this.options.logger?.warn({ key, id }, 'unreadable outbox entry dropped');
        await this.ack(conversationKey, [id]);
      }
    }
    return entries;
  }

  /** Marks entries as shown and deletes them. */
  async ack(conversationKey: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const key = outboxKey(this.options, conversationKey);
    await this.redis
      .multi()
      .xack(key, GROUP, ...ids)
      .xdel(key, ...ids)
      .exec();
  }

  /** Hands every entry to `sink` until `stop()`; an entry is acknowledged only after the sink returned. */
  async consume(conversationKey: string, sink: (replies: Reply[]) => void | Promise<void>): Promise<void> {
    while (!this.stopped) {
      try {
        const entries = await this.take(conversationKey, 1_000);
        for (const entry of entries) {
          await sink(entry.replies);
          await this.ack(conversationKey, [entry.id]);
        }
      } catch (error) {
        if (this.stopped) return;
        this.options.logger?.warn({ err: (error as Error).message }, 'outbox read failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  /** Ends `consume` after its current read. */
  stop(): void {
    this.stopped = true;
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
