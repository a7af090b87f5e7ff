import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { connectRedis, createRedisConnection } from '../redis-connection.ts';

/** What one instance made of a reload: the new knowledge in use, or the problems that kept the old in place. */
export type ReloadOutcome =
  | { ok: true; documents: number; municipalities: number }
  | { ok: false; problems: string[] };

const replySchema = z.object({
  request: z.string(),
  instance: z.string(),
  ok: z.boolean(),
  documents: z.number().optional(),
  municipalities: z.number().optional(),
  problems: z.array(z.string()).optional(),
});
/** One instance's answer to a reload request, as published on the reply channel. */
export type ReloadReply = z.infer<typeof replySchema>;

/** Requests go out on one channel, each instance's outcome comes back on another, both under the key prefix. */
export const reloadChannels = (prefix: string) => ({
  request: `${prefix}:knowledge:reload`,
  reply: `${prefix}:knowledge:reloaded`,
});

/** An instance's name in reload replies: host and pid are what an operator finds it by; the suffix tells apart two in one process. */
export const instanceName = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 4)}`;

/**
 * Makes this instance reload its knowledge whenever any instance or `iop-bot knowledge reload` asks, and reply
 * with the outcome. Returns the function that stops listening.
 */
export async function listenForReloads(options: {
  url: string;
  prefix: string;
  reload: () => Promise<ReloadOutcome>;
  logger: Logger;
  instance?: string;
}): Promise<() => Promise<void>> {
  const channels = reloadChannels(options.prefix);
  const instance = options.instance ?? instanceName();
  // A subscribed connection can do nothing else, so replies go out on a second one.
  const subscriber = createRedisConnection(options.url, 'queue');
  const publisher = createRedisConnection(options.url, 'queue');
  for (const redis of [subscriber, publisher]) {
    redis.on('error', (err) => options.logger.warn({ err: err.message }, 'redis connection error (knowledge reload)'));
  }
  await connectRedis(subscriber, options.url);
  await connectRedis(publisher, options.url);
  subscriber.on('message', (channel: string, message: string) => {
    if (channel !== channels.request) return;
    const request = message.slice(0, 100);
    void options
      .reload()
      .then((outcome) => publisher.publish(channels.reply, JSON.stringify({ request, instance, ...outcome })))
      .catch((err: Error) => options.logger.error({ err: err.message }, 'knowledge reload failed'));
  });
  await subscriber.subscribe(channels.request);
  return async () => {
    await subscriber.quit().catch(() => subscriber.disconnect());
    await publisher.quit().catch(() => publisher.disconnect());
  };
}

/**
 * Asks every running instance to reload and waits for each to answer (or `timeoutMs`). `listeners` is how many
 * instances heard the request; `replies` may be fewer when one is busy or stuck.
 */
export async function requestKnowledgeReload(options: {
  url: string;
  prefix: string;
  timeoutMs?: number;
}): Promise<{ listeners: number; replies: ReloadReply[] }> {
  const channels = reloadChannels(options.prefix);
  const request = randomUUID();
  const subscriber = createRedisConnection(options.url, 'queue');
  const publisher = createRedisConnection(options.url, 'queue');
  subscriber.on('error', () => undefined);
  publisher.on('error', () => undefined);
  try {
    await connectRedis(subscriber, options.url);
    await connectRedis(publisher, options.url);
    const replies: ReloadReply[] = [];
    let listeners = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== channels.reply) return;
      const parsed = replySchema.safeParse(safeJson(message));
      if (!parsed.success || parsed.data.request !== request) return;
      replies.push(parsed.data);
      if (replies.length >= listeners) done();
    });
    await subscriber.subscribe(channels.reply);
    listeners = await publisher.publish(channels.request, request);
    if (listeners > 0 && replies.length < listeners) {
      const timer = setTimeout(done, options.timeoutMs ?? 15_000);
      await finished;
      clearTimeout(timer);
    }
    return { listeners, replies: replies.sort((a, b) => a.instance.localeCompare(b.instance)) };
  } finally {
    await subscriber.quit().catch(() => subscriber.disconnect());
    await publisher.quit().catch(() => publisher.disconnect());
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
