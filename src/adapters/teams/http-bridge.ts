/**
 * `POST /api/messages` on our plain node:http server: it reads the body itself (size-limited, JSON only), answers
 * 400/413 before the adapter sees anything malformed, and keeps authentication failures to a 401 with no detail,
 * in bounded time. The other halves (authenticate, route the activity to its turn) come from the adapter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { sendJson } from '../../infra/http-server.ts';
import { withTimeout } from '../../infra/time-limit.ts';

/** Teams messages are capped at ~100 KB; an Activity larger than this is not from Teams. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413; error: string };

/** Reads and parses a JSON object body, refusing anything over `maxBytes` without buffering it. */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_ACTIVITY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return { ok: false, status: 413, error: 'activity too large' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      return { ok: false, status: 413, error: 'activity too large' };
    }
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: 'body is not JSON' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, status: 400, error: 'body is not a JSON object' };
  }
  return { ok: true, body: body as Record<string, unknown> };
}

const filled = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * What must be there for an activity to be handled at all; the adapter reads the rest (inbound.ts). Checked by
 * hand: a schema would copy the whole activity on every request only to look at four fields.
 */
export function isActivityEnvelope(body: Record<string, unknown>): boolean {
  const conversation = body.conversation as { id?: unknown } | null | undefined;
  return (
    filled(body.type) &&
    filled(body.channelId) &&
    filled(body.serviceUrl) &&
    URL.canParse(body.serviceUrl) &&
    typeof conversation === 'object' &&
    conversation !== null &&
    filled(conversation.id)
  );
}

/** The adapter's side of `POST /api/messages`: authenticate one request, then run its turn. */
export interface MessagesEndpoint<Auth> {
  /** With auth on, a request without a bearer token is refused before anything else. */
  requireAuthorization: boolean;
  /** Longest `authenticate` may take (Microsoft's key endpoint can hang). */
  authTimeoutMs: number;
  logger: CoreLogger;
  /** Validates the request's token for this activity; rejects when it is not valid. */
  authenticate(activity: Record<string, unknown>, authorization: string): Promise<Auth>;
  /** Runs the turn; resolves with the invoke response to send, if any. */
  run(auth: Auth, activity: Record<string, unknown>): Promise<{ status: number; body?: unknown } | undefined>;
}

/**
 * Handles `POST /api/messages`. Every authentication failure is the same to the caller — 401 `unauthorized`,
 * within `authTimeoutMs` — and one log line with the reason for us; a body that is not an activity is a 400.
 * Failures of the turn itself propagate to the shared server (500 without detail, and its log line).
 */
export function messagesHandler<Auth>(endpoint: MessagesEndpoint<Auth>) {
  const refuse = (res: ServerResponse, reason: string) => {
    endpoint.logger.warn({ reason: reason.slice(0, 300) }, 'teams request refused: authentication failed');
    sendJson(res, 401, { error: 'unauthorized' });
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const authorization = req.headers.authorization ?? '';
    if (endpoint.requireAuthorization && !/^Bearer \S+/i.test(authorization)) {
      req.resume();
      refuse(res, 'no bearer token');
      return;
    }
    const body = await readJsonBody(req);
    if (!body.ok) {
      sendJson(res, body.status, { error: body.error });
      return;
    }
    if (!isActivityEnvelope(body.body)) {
      sendJson(res, 400, { error: 'malformed activity' });
      return;
    }
    let auth: Auth;
    try {
      auth = await withTimeout(
        endpoint.authenticate(body.body, authorization),
        endpoint.authTimeoutMs,
        `authentication took longer than ${endpoint.authTimeoutMs} ms`,
      );
    } catch (error) {
      refuse(res, error instanceof Error ? error.message : String(error));
      return;
    }
    const response = await endpoint.run(auth, body.body);
    if (res.writableEnded) return;
    if (response?.body === undefined) res.writeHead(response?.status ?? 200).end();
    else sendJson(res, response.status, response.body);
  };
}
