/**
 * One Web API call as a JSON POST, for the call every answer makes (chat.postMessage). The WebClient does the same
 * with much more around it: it form-encodes the blocks, and it builds redacted JSON copies of every request and
 * response for debug lines that are dropped at our log level (the strings are made before the logger sees them).
 * It goes out with undici's `request` over a keep-alive pool rather than `fetch`, whose WHATWG request, response
 * and stream objects (and a timer signal per call) cost about twice the CPU of the call itself. Failures are the
 * WebClient's own error classes, so callers (rate-limit retries, `slackErrorOf`) cannot tell the two apart.
 */
import { STATUS_CODES } from 'node:http';
import { webApi } from '@slack/bolt';
import { Agent, type Dispatcher, request } from 'undici';

export interface JsonPostOptions {
  token: string;
  /** Web API base URL, ending in `/` (default `https://slack.com/api/`). */
  apiUrl?: string;
  /** How the calls go out (a forward proxy's dispatcher); a keep-alive pool of this poster's own when absent. */
  dispatcher?: Dispatcher;
  /** Longest wait for Slack's answer to begin, and then for the rest of it. */
  timeoutMs: number;
  /** Waits before each retry after a network error or a 5xx (the WebClient's retry policy for us). */
  retryDelaysMs?: readonly number[];
  sleep: (ms: number) => Promise<void>;
}

/** A JSON Web API call; resolves to Slack's answer when `ok`, else rejects like the WebClient. */
export type JsonPost = (method: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

const DEFAULT_RETRY_DELAYS_MS = [200, 400] as const;

/** Reads an unwanted answer to its end, so its connection can be reused. */
const drain = (response: Dispatcher.ResponseData) => response.body.dump().catch(() => undefined);

/** Builds the poster for one bot token. */
export function createJsonPost(options: JsonPostOptions): JsonPost {
  const base = options.apiUrl ?? 'https://slack.com/api/';
  // Idle connections are unreferenced by undici: they never keep the process from exiting.
  const dispatcher = options.dispatcher ?? new Agent();
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const headers = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json; charset=utf-8',
    accept: 'application/json',
  };

  return async function post(method, body) {
    const payload = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      const retry = attempt < delays.length ? delays[attempt] : undefined;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(`${base}${method}`, {
          method: 'POST',
          headers,
          body: payload,
          dispatcher,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
      } catch (error) {
        if (retry === undefined) throw new webApi.WebAPIRequestError(error as Error);
        await options.sleep(retry);
        continue;
      }
      const status = response.statusCode;
      if (status === 429) {
        await drain(response);
        const retryAfter = response.headers['retry-after'];
        throw new webApi.WebAPIRateLimitedError(Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) || 1);
      }
      if (status >= 500 && retry !== undefined) {
        await drain(response);
        await options.sleep(retry);
        continue;
      }
      if (status !== 200) {
        const text = await response.body.text().catch(() => '');
        throw new webApi.WebAPIHTTPError(status, STATUS_CODES[status] ?? '', {}, text);
      }
      const result = (await response.body.json()) as Record<string, unknown> & { ok?: boolean; error?: string };
      if (!result.ok) throw new webApi.WebAPIPlatformError(result as never);
      return result;
    }
  };
}
