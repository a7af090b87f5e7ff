import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  /** Decoded conversation id from the path. */
  conversationId: string;
  /**
   * The activity a reply answers — `POST …/activities/{replyToId}` (Bot Framework's ReplyToActivity) or a `POST
   * …/activities` whose body names `replyToId` (how the Teams SDK replies) — or the id being updated by `PUT`.
   */
  activityId?: string;
  /** The id the stand-in gave a posted activity. */
  assignedId?: string;
  /** The `Authorization` header the bot sent (its outbound token). */
  authorization?: string;
  activity: Record<string, unknown> & {
    type?: string;
    text?: string;
    attachments?: Array<{ contentType: string; content: unknown }>;
  };
  at: number;
}

/** A failure to answer with, for the next calls (e.g. 403 when the bot was removed from a team). */
export interface ConnectorFailure {
  status: number;
  code: string;
  message: string;
}

/**
 * A local stand-in for the Bot Connector at `serviceUrl`: it records `POST /v3/conversations/{id}/activities[/{replyToId}]`
 * and `PUT …/activities/{id}` the way Teams would accept them, and gives each posted activity an id.
 */
export interface BotConnectorStandIn {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Calls that carry a message (typing indicators left out). */
  messages(): ConnectorCall[];
  /** Resolves once `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs?: number): Promise<ConnectorCall[]>;
  /** Answers every following call with this error until cleared with `undefined`. */
  fail(failure: ConnectorFailure | undefined): void;
  /** Answers calls for one conversation with this error (a removed bot, a deleted chat) until cleared. */
  failFor(conversationId: string, failure: ConnectorFailure | undefined): void;
  /** Called with every recorded call (benchmarks time arrival here). */
  onCall?: (call: ConnectorCall) => void;
  reset(): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function json(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startBotConnector(): Promise<BotConnectorStandIn> {
  const calls: ConnectorCall[] = [];
  let failure: ConnectorFailure | undefined;
  const failures = new Map<string, ConnectorFailure>();
  const waiters = new Set<() => void>();
  const stand: Partial<BotConnectorStandIn> = {};

  const server = createServer(async (req, res) => {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      json(res, 404, { error: { code: 'NotFound', message: `${req.method} ${req.url}` } });
      return;
    }
    const activity = await body(req);
    const failing = failure ?? failures.get(decodeURIComponent(match[1] ?? ''));
    if (failing) {
      json(res, failing.status, { error: { code: failing.code, message: failing.message } });
      return;
    }
    const call: ConnectorCall = {
      method: req.method as 'POST' | 'PUT',
      conversationId: decodeURIComponent(match[1] ?? ''),
      activityId: match[2]
        ? decodeURIComponent(match[2])
        : req.method === 'POST' && typeof activity.replyToId === 'string'
          ? activity.replyToId
          : undefined,
      assignedId: req.method === 'POST' ? `${Date.now()}${randomUUID().slice(0, 6)}` : undefined,
      authorization: req.headers.authorization,
      activity,
      at: performance.now(),
    };
    calls.push(call);
    stand.onCall?.(call);
    for (const wake of [...waiters]) wake();
    json(res, 200, { id: call.assignedId ?? call.activityId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(stand, {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    messages: () => calls.filter((c) => c.activity.type !== 'typing'),
    waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 5_000) {
      return new Promise<ConnectorCall[]>((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(calls);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `connector stand-in: condition not met within ${timeoutMs} ms; calls: ${JSON.stringify(calls.map((c) => [c.method, c.conversationId, c.activity.type]))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    fail(next: ConnectorFailure | undefined) {
      failure = next;
    },
    failFor(conversationId: string, next: ConnectorFailure | undefined) {
      if (next) failures.set(conversationId, next);
      else failures.delete(conversationId);
    },
    reset() {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as BotConnectorStandIn;
}
