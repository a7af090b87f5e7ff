/**
 * Every Slack Web API call the adapter makes goes through here (the manifest test reads this file to check that
 * each method has its scope). Rate limits are handled per call: the WebClient's own 429 handling pauses its whole
 * request queue, so one busy channel (~1 message/s) would stall every other conversation. We let it reject
 * rate-limited calls and wait `Retry-After` for that call alone.
 */
import { type types, webApi } from '@slack/bolt';
import type { Dispatcher } from 'undici';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { createJsonPost } from './json-post.ts';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Blocks as Slack takes them. */
export type SlackBlock = types.KnownBlock;

/** One message body: a plain-text fallback (notifications, screen readers) and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Message metadata (not shown to people): lets the app find its own message again. */
export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, string>;
}

/** What users.info tells us about a person. */
export interface SlackUserInfo {
  name?: string;
  locale?: string;
  tz?: string;
  isBot: boolean;
}

export interface SlackWebApiOptions {
  token: string;
  /** Web API base URL (SLACK_API_URL), e.g. `http://127.0.0.1:4010/api/`. */
  apiUrl?: string;
  logger: CoreLogger;
  /** Attempts per call when Slack answers 429 (the first try included). */
  maxRateLimitAttempts?: number;
  /** Longest total wait for one call across its rate-limit retries; beyond it the call fails. */
  maxRateLimitWaitMs?: number;
  /** Per-request timeout; the WebClient default is none. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** How HTTP goes out (a forward proxy's); Node's own fetch when absent. */
  fetch?: webApi.FetchFunction;
  /** How chat.postMessage goes out (the same forward proxy's dispatcher); a keep-alive pool when absent. */
  dispatcher?: Dispatcher;
}

/** The Web API surface the adapter uses, each call retried on 429 without holding up other calls. */
export interface SlackWebApi {
  authTest(): Promise<{ botUserId?: string; botId?: string; teamId?: string }>;
  postMessage(
    args: SlackMessage & { channel: string; threadTs?: string; metadata?: SlackMetadata },
  ): Promise<{ ts: string; channel: string }>;
  /**
   * Whether a message carrying `metadata` (same event type and payload) was posted in the channel, or in the
   * thread `threadTs`, after `oldest` (Slack ts, seconds).
   */
  hasMessageWithMetadata(args: {
    channel: string;
    threadTs?: string;
    oldest: string;
    metadata: SlackMetadata;
  }): Promise<boolean>;
  update(args: SlackMessage & { channel: string; ts: string }): Promise<void>;
  postEphemeral(args: SlackMessage & { channel: string; user: string; threadTs?: string }): Promise<void>;
  /**
   * "is thinking…" under the bot's name in a thread, without posting a message (assistant.threads.setStatus; an
   * empty status clears it, and so does the bot's next reply in the thread).
   */
  setStatus(args: { channel: string; threadTs: string; status: string }): Promise<void>;
  /** Up to four prompts offered in the bot's Messages tab (assistant.threads.setSuggestedPrompts). */
  setSuggestedPrompts(args: {
    channel: string;
    title?: string;
    prompts: Array<{ title: string; message: string }>;
  }): Promise<void>;
  publishHome(args: { user: string; blocks: SlackBlock[] }): Promise<void>;
  userInfo(user: string): Promise<SlackUserInfo>;
  /** The id of the bot's DM with `user`. */
  openDm(user: string): Promise<string>;
  /** Uploads a file: text as `content`, bytes (a Word document) as a Buffer. */
  uploadFile(args: { channel: string; threadTs?: string; filename: string; content: string | Buffer }): Promise<void>;
  /** Posts to an interaction's `response_url` (slash commands, buttons): ephemeral replies, replace_original. */
  respond(url: string, body: Record<string, unknown>): Promise<void>;
  /** Options for Bolt's own clients and the Socket Mode connection (same base URL, same fetch). */
  readonly clientOptions: { slackApiUrl?: string; fetch?: webApi.FetchFunction };
}

/** The Slack error string of a failed call (`channel_not_found`, `ratelimited`, …), or a short description. */
export function slackErrorOf(error: unknown): string {
  const e = error as { code?: string; data?: { error?: unknown }; message?: string };
  if (e?.code === webApi.ErrorCode.PlatformError && typeof e.data?.error === 'string') return e.data.error;
  if (e?.code === webApi.ErrorCode.RateLimitedError) return 'ratelimited';
  if (e?.code === webApi.ErrorCode.RequestError) return `${e.message}: ${rootCauseOf(error)}`;
  return e?.message ?? String(error);
}

/** fetch reports any network failure as "fetch failed"; what happened (a reset, a refusal) is in its cause. */
function rootCauseOf(error: unknown): string {
  let current = (error as { original?: unknown }).original ?? error;
  for (let depth = 0; depth < 4; depth++) {
    const cause = (current as { cause?: unknown })?.cause;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  const root = current as { code?: unknown; message?: unknown };
  return [root?.message, root?.code].filter((part) => typeof part === 'string' && part).join(' ') || 'unknown';
}

function isRateLimited(error: unknown): error is { retryAfter: number } {
  return (error as { code?: string })?.code === webApi.ErrorCode.RateLimitedError;
}

/** Slack refuses an empty `blocks` array; without blocks the text is the message. */
const blocksOf = (blocks: SlackBlock[]) => (blocks.length > 0 ? { blocks } : {});

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds the Web API wrapper over one WebClient with the bot token. */
export function createSlackWebApi(options: SlackWebApiOptions): SlackWebApi {
  const maxAttempts = options.maxRateLimitAttempts ?? 4;
  const maxWaitMs = options.maxRateLimitWaitMs ?? 25_000;
  const sleep = options.sleep ?? defaultSleep;
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const send = options.fetch ?? fetch;
  const client: WebClient = new webApi.WebClient(options.token, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
    // Network errors and 5xx: a few quick retries; a reply that arrives minutes late is worse than none.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: options.timeoutMs ?? 10_000,
    logger: boltLoggerFor(options.logger),
  });

  // The call every answer makes goes out as lean JSON (json-post.ts); the rest through the WebClient.
  const postJson = createJsonPost({
    token: options.token,
    apiUrl: options.apiUrl,
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs ?? 10_000,
    sleep,
  });

  async function call<R>(method: string, fn: () => Promise<R>): Promise<R> {
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (!isRateLimited(error) || attempt >= maxAttempts) throw error;
        const delayMs = Math.max(1, error.retryAfter) * 1000;
        if (waitedMs + delayMs > maxWaitMs) throw error;
        options.logger.info({ method, retryAfterS: error.retryAfter, attempt }, 'slack rate limit: retrying this call');
        waitedMs += delayMs;
        await sleep(delayMs);
      }
    }
  }

  return {
    clientOptions,
    authTest: () =>
      call('auth.test', async () => {
        const r = await client.auth.test();
        return { botUserId: r.user_id, botId: r.bot_id, teamId: r.team_id };
      }),
    postMessage: ({ channel, threadTs, text, blocks, metadata }) =>
      call('chat.postMessage', async () => {
        const r = await postJson('chat.postMessage', {
          channel,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text,
          ...blocksOf(blocks),
          ...(metadata ? { metadata } : {}),
          unfurl_links: false,
        });
        return { ts: String(r.ts), channel: String(r.channel ?? channel) };
      }),
    hasMessageWithMetadata: ({ channel, threadTs, oldest, metadata }) =>
      call(threadTs ? 'conversations.replies' : 'conversations.history', async () => {
        const query = { channel, oldest, include_all_metadata: true, limit: 200 };
        const r = threadTs
          ? await client.conversations.replies({ ...query, ts: threadTs })
          : await client.conversations.history(query);
        const wanted = JSON.stringify(metadata.event_payload);
        return (r.messages ?? []).some(
          (m) => m.metadata?.event_type === metadata.event_type && JSON.stringify(m.metadata?.event_payload) === wanted,
        );
      }),
    update: ({ channel, ts, text, blocks }) =>
      call('chat.update', async () => {
        // An empty list here clears the old blocks (leaving `blocks` out would keep them).
        await client.chat.update({ channel, ts, text, blocks });
      }),
    postEphemeral: ({ channel, user, threadTs, text, blocks }) =>
      call('chat.postEphemeral', async () => {
        await client.chat.postEphemeral({ channel, user, thread_ts: threadTs, text, ...blocksOf(blocks) });
      }),
    // Not retried on 429: a status that would arrive after a wait is worse than none (the answer waits for it).
    setStatus: async ({ channel, threadTs, status }) => {
      await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status });
    },
    setSuggestedPrompts: ({ channel, title, prompts }) =>
      call('assistant.threads.setSuggestedPrompts', async () => {
        // No thread_ts: for the Messages tab the prompts belong to the channel (Slack ignores calls with one there).
        await client.assistant.threads.setSuggestedPrompts({
          channel_id: channel,
          prompts,
          ...(title ? { title } : {}),
        });
      }),
    publishHome: ({ user, blocks }) =>
      call('views.publish', async () => {
        await client.views.publish({ user_id: user, view: { type: 'home', blocks } });
      }),
    userInfo: (user) =>
      call('users.info', async () => {
        const r = await client.users.info({ user, include_locale: true });
        const profile = r.user?.profile;
        return {
          name: profile?.display_name || profile?.real_name || r.user?.real_name || r.user?.name || undefined,
          locale: r.user?.locale,
          tz: r.user?.tz,
          isBot: Boolean(r.user?.is_bot),
        };
      }),
    openDm: (user) =>
      call('conversations.open', async () => {
        const r = await client.conversations.open({ users: user });
        if (!r.channel?.id) throw new Error('conversations.open returned no channel');
        return r.channel.id;
      }),
    uploadFile: ({ channel, threadTs, filename, content }) =>
      call('files.uploadV2', async () => {
        const body = typeof content === 'string' ? { content } : { file: content };
        const base = { channel_id: channel, filename, title: filename, ...body };
        await client.filesUploadV2(threadTs ? { ...base, thread_ts: threadTs } : base);
      }),
    respond: async (url, body) => {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`response_url answered ${response.status}`);
    },
  };
}

/**
 * Bolt's variadic log arguments as one structured entry. Errors and objects stay structured so the logger can make
 * them safe: stringified here, an error's request (with the bot token in its headers) would pass as plain text.
 */
function boltEntry(args: unknown[]): [Record<string, unknown>, string] {
  const words = args.filter((a): a is string => typeof a === 'string');
  const errors = args.filter((a) => a instanceof Error);
  const details = args.filter((a) => typeof a !== 'string' && !(a instanceof Error));
  const entry: Record<string, unknown> = { source: 'bolt' };
  if (errors.length > 0) entry.err = errors[0];
  if (errors.length > 1) entry.moreErrors = errors.slice(1);
  if (details.length > 0) entry.details = details;
  return [entry, words.join(' ') || (errors[0] as Error | undefined)?.message || ''];
}

/** Bolt and the WebClient log through this: variadic messages onto our structured logger. */
export function boltLoggerFor(logger: CoreLogger) {
  let level = webApi.LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => logger.debug(...boltEntry(msg)),
    info: (...msg: unknown[]) => logger.info(...boltEntry(msg)),
    warn: (...msg: unknown[]) => logger.warn(...boltEntry(msg)),
    error: (...msg: unknown[]) => logger.error(...boltEntry(msg)),
    setLevel: (next: typeof level) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
