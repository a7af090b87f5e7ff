/**
 * A local HTTP server standing in for Slack's Web API (SLACK_API_URL), for tests and the benchmark. It answers the
 * methods the adapter uses with Slack's response shapes, records every call, and can be told to fail
 * (a Slack error, 429 with Retry-After, or a connection reset before any answer). It also takes response_url posts and file uploads.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the stand-in received. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
  /** HTTP status answered; 0 when the connection was reset instead. */
  status: number;
  /** What the stand-in answered (e.g. the `ts` of a posted message). */
  response?: Record<string, unknown>;
}

/** A scripted failure: a Slack error (`ok: false`), a rate limit, or the socket reset without an answer. */
export type Failure = { error: string } | { status: 429; retryAfterS: number } | { network: 'reset' };

export interface StandInUser {
  tz?: string;
  locale?: string;
  name?: string;
  isBot?: boolean;
}

export interface SlackWebApiStandIn {
  /** Base URL for SLACK_API_URL (`http://127.0.0.1:<port>/api/`). */
  url: string;
  origin: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Resolves once `count` calls to `method` have arrived (optionally matching `where`). */
  waitFor(
    method: string,
    count?: number,
    options?: { timeoutMs?: number; where?: (c: RecordedCall) => boolean },
  ): Promise<RecordedCall[]>;
  fail(
    method: string,
    failure: Failure,
    options?: { times?: number; when?: (args: Record<string, unknown>) => boolean },
  ): void;
  users: Map<string, StandInUser>;
  /** A response_url that this server records as method `response_url` (with `id` in the args). */
  responseUrl(id: string): string;
  /** URL apps.connections.open hands out (Socket Mode tests). */
  socketUrl?: string;
  /** Called for every call; the benchmark counts replies with it. */
  onCall?: (call: RecordedCall) => void;
  /** Keep calls out of `calls` (the benchmark makes many). */
  record: boolean;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'files', 'attachments', 'metadata', 'prompts']);

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

/** Starts the stand-in on a free loopback port. */
export async function startSlackWebApi(
  options: { botUserId?: string; botId?: string; team?: string } = {},
): Promise<SlackWebApiStandIn> {
  const failures: Array<{
    method: string;
    failure: Failure;
    times: number;
    when?: (a: Record<string, unknown>) => boolean;
  }> = [];
  const waiters = new Set<() => void>();
  let tsCounter = 0;
  let fileCounter = 0;

  const posted: Array<{ channel: string; message: { ts: string; thread_ts?: unknown; [key: string]: unknown } }> = [];

  function answer(method: string, args: Record<string, unknown>, self: SlackWebApiStandIn): Record<string, unknown> {
    const channel = String(args.channel ?? args.channel_id ?? '');
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: options.botUserId ?? 'UBOT',
          bot_id: options.botId ?? 'BBOT',
          team_id: options.team ?? 'T1',
          user: 'iop',
        };
      case 'chat.postMessage': {
        const ts = `1800000000.${String(++tsCounter).padStart(6, '0')}`;
        const message = { type: 'message', text: args.text, ts, thread_ts: args.thread_ts, metadata: args.metadata };
        posted.push({ channel, message });
        return { ok: true, channel, ts, message };
      }
      // Messages this stand-in was asked to post, as Slack lists them (metadata only when asked for).
      case 'conversations.replies':
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const inThread = (m: { ts: string; thread_ts?: unknown }) =>
          method === 'conversations.replies' ? m.ts === args.ts || m.thread_ts === args.ts : !m.thread_ts;
        const messages = posted
          .filter((p) => p.channel === channel && inThread(p.message) && Number(p.message.ts) > oldest)
          .map((p) => (args.include_all_metadata ? p.message : { ...p.message, metadata: undefined }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1800000000.${String(++tsCounter).padStart(6, '0')}` };
      case 'chat.delete':
        return { ok: true, channel, ts: args.ts };
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setSuggestedPrompts':
        return { ok: true };
      case 'views.publish':
        return { ok: true, view: { id: 'VHOME', type: 'home' } };
      case 'users.info': {
        const id = String(args.user);
        const user = self.users.get(id) ?? {};
        const name = user.name ?? `Person ${id}`;
        return {
          ok: true,
          user: {
            id,
            name: name.toLowerCase().replace(/\s+/g, '.'),
            real_name: name,
            tz: user.tz ?? 'Europe/Stockholm',
            locale: user.locale ?? 'sv-SE',
            is_bot: user.isBot ?? false,
            profile: { display_name: name, real_name: name },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${++fileCounter}`;
        return { ok: true, upload_url: `${self.origin}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as Array<{ id: string; title?: string }>) ?? [] };
      case 'apps.connections.open':
        return self.socketUrl ? { ok: true, url: self.socketUrl } : { ok: false, error: 'invalid_auth' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const self: SlackWebApiStandIn = {
    url: '',
    origin: '',
    calls: [],
    users: new Map(),
    record: true,
    callsTo: (method) => self.calls.filter((c) => c.method === method),
    waitFor(method, count = 1, opts = {}) {
      const matching = () => self.calls.filter((c) => c.method === method && (opts.where?.(c) ?? true));
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = matching();
          if (found.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} × ${method}; got ${matching().length}`));
        }, opts.timeoutMs ?? 5000);
        if (!check()) waiters.add(check);
      });
    },
    fail(method, failure, opts = {}) {
      failures.push({ method, failure, times: opts.times ?? 1, when: opts.when });
    },
    responseUrl: (id) => `${self.origin}/response/${id}`,
    reset() {
      self.calls.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function recordCall(call: RecordedCall): void {
    if (self.record) self.calls.push(call);
    self.onCall?.(call);
    for (const waiter of [...waiters]) waiter();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith('/upload/')) {
      recordCall({
        method: 'file_upload',
        args: { fileId: path.slice(8), content: raw },
        at: performance.now(),
        status: 200,
      });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${raw.length}`);
      return;
    }
    if (path.startsWith('/response/')) {
      const args = { id: path.slice(10), ...parseArgs('application/json', raw) };
      recordCall({ method: 'response_url', args, at: performance.now(), status: 200 });
      send(200, { ok: true });
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const args = parseArgs(String(req.headers['content-type'] ?? ''), raw);
    const index = failures.findIndex((f) => f.method === method && (f.when?.(args) ?? true));
    const failure = index >= 0 ? failures[index] : undefined;
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) failures.splice(index, 1);
      if ('network' in failure.failure) {
        // Recorded with status 0: no HTTP answer at all, as when a proxy or the network drops the connection.
        recordCall({ method, args, at: performance.now(), status: 0 });
        req.socket.destroy();
      } else if ('status' in failure.failure) {
        recordCall({ method, args, at: performance.now(), status: 429 });
        send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.failure.retryAfterS) });
      } else {
        recordCall({ method, args, at: performance.now(), status: 200 });
        send(200, { ok: false, error: failure.failure.error });
      }
      return;
    }
    const body = answer(method, args, self);
    recordCall({ method, args, at: performance.now(), status: 200, response: body });
    send(200, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  self.origin = `http://127.0.0.1:${port}`;
  self.url = `${self.origin}/api/`;
  return self;
}
