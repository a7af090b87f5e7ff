/**
 * botbuilder's CloudAdapter.process expects an express/restify-style request with a parsed body and a response
 * with status/header/send/end. Our shared server is plain node:http, so this bridges the two: it reads the body
 * itself (size-limited, JSON only) and answers 400/413 before botbuilder sees anything malformed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { sendJson } from '../../infra/http-server.ts';

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

/** A botbuilder Response over node's ServerResponse. */
export function bridgeResponse(res: ServerResponse): Response {
  let payload: string | undefined;
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      if (!res.headersSent) res.setHeader(name, String(value));
      return this;
    },
    send(body: unknown) {
      if (body === undefined || body === null) return this;
      if (typeof body === 'string') {
        payload = body;
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
      } else {
        payload = JSON.stringify(body);
        res.setHeader('content-type', 'application/json; charset=utf-8');
      }
      return this;
    },
    end() {
      if (res.writableEnded) return this;
      res.end(payload);
      return this;
    },
  };
}

/**
 * Handles `POST /api/messages`: bridge the request, then let botbuilder authenticate and run the turn. With auth on,
 * a request without a bearer token is refused here, before botbuilder (which would print it to the console).
 */
export function messagesHandler(
  process: (req: Request, res: Response) => Promise<void>,
  options: { requireAuthorization: boolean },
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (options.requireAuthorization && !/^Bearer \S+/i.test(req.headers.authorization ?? '')) {
      req.resume();
      sendJson(res, 401, { error: 'unauthorized' });
      return;
    }
    const body = await readJsonBody(req);
    if (!body.ok) {
      sendJson(res, body.status, { error: body.error });
      return;
    }
    const request: Request = { body: body.body, headers: req.headers, method: req.method };
    await process(request, bridgeResponse(res));
    if (!res.writableEnded) res.end();
  };
}
