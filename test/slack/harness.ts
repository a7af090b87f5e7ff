/**
 * The Slack app as it runs in production — the shared HTTP server, the adapter, a real bot from createRuntime over
 * real Redis — with a local stand-in for Slack's Web API. Tests post signed requests and read what was posted.
 */
import { Writable } from 'node:stream';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../src/adapters/slack/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Bot } from '../../src/core/bot.ts';
import type { ReminderDelivery } from '../../src/core/reminders/delivery.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import { createHttpServer, type HttpServer } from '../../src/infra/http-server.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { uniquePrefix, testRedis, TEST_REDIS_URL } from '../support/redis.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-requests.ts';
import { type SlackWebApiStandIn, startSlackWebApi } from '../support/slack-web-api.ts';

/** One structured log line the app wrote. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SlackHarness {
  /** `http://127.0.0.1:<port>/slack/events` */
  eventsUrl: string;
  api: SlackWebApiStandIn;
  adapter: SlackAdapter;
  runtime: Runtime;
  /** Reminder delivery over the adapter's messenger, as the composition root builds it (absent unless started). */
  delivery: ReminderDelivery | undefined;
  server: HttpServer;
  logs: LogLine[];
  /** Every log line exactly as written (for searching the output for what must never be in it). */
  rawLogs: string[];
  /** Waits until the adapter has finished every turn in flight. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends SlackAdapterOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Replace the runtime's bot (e.g. with one that has an extra feature), keeping its store. */
  bot?: (runtime: Runtime) => Bot;
  /** Starts the adapter (Socket Mode connects here). */
  start?: boolean;
}

/** Starts stand-in, runtime, server and adapter; `close` tears all down and deletes the test's Redis keys. */
export async function startSlackHarness(name: string, options: HarnessOptions = {}): Promise<SlackHarness> {
  const api = await startSlackWebApi();
  const prefix = uniquePrefix(`slack-${name}`);
  const redis = testRedis(prefix);
  const logs: LogLine[] = [];
  const rawLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        rawLogs.push(line);
        logs.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: api.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  // The production logger (redaction and all), writing here instead of to stderr.
  const logger = createLogger(config.LOG_LEVEL ?? 'debug', { destination: sink });
  const runtime = await createRuntime(config, logger, { serving: true, clock: options.clock });
  const deps = options.bot ? { ...runtime, bot: options.bot(runtime) } : runtime;
  const adapter = createSlackAdapter(deps, { thinkingDelayMs: 10_000, sleep: options.sleep, ...options });
  const server = createHttpServer((error) => logger.error({ err: error }, 'request failed'));
  adapter.mount(server);
  const port = await server.listen(0, '127.0.0.1');
  let delivery: ReminderDelivery | undefined;
  if (options.start ?? true) {
    await adapter.start();
    delivery = await runtime.startReminders({ slack: adapter.messenger });
  }
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    api,
    adapter,
    runtime,
    delivery,
    server,
    logs,
    rawLogs,
    settle: () => adapter.idle(),
    async close() {
      await server.close();
      await adapter.stop();
      await runtime.close();
      await api.close();
      await redis.cleanup();
    },
  };
}

/** Text of every block of a recorded message (sections, fields, context, buttons), for assertions. */
export function textOf(args: Record<string, unknown>): string {
  const blocks = (args.blocks as Array<Record<string, unknown>> | undefined) ?? [];
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.text === 'string') parts.push(record.text);
      for (const [key, inner] of Object.entries(record)) if (key !== 'text' || typeof inner !== 'string') visit(inner);
    }
  };
  visit(blocks);
  return parts.join('\n');
}

/** The buttons of a recorded message: action_id, value and label. */
export function buttonsOf(args: Record<string, unknown>): Array<{ actionId: string; value: string; label: string }> {
  const blocks = (args.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>) ?? [];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button')
    .map((e) => ({
      actionId: String(e.action_id),
      value: String(e.value ?? ''),
      label: String((e.text as { text: string }).text),
    }));
}
