/**
 * One Web API call as a JSON POST, for the call every answer makes (chat.postMessage). The WebClient does the same
 * with much more around it: it form-encodes the blocks, and it builds redacted JSON copies of every request and
 * response for debug lines that are dropped at our log level (the strings are made before the logger sees them).
 * Profiles of the benchmark put that at a third of the adapter's own CPU per answer. Failures are the WebClient's
 * own error classes, so callers (rate-limit retries, `slackErrorOf`) cannot tell the two apart.
 */
import { webApi } from '@slack/bolt';

export interface JsonPostOptions {
  token: string;
  /** Web API base URL, ending in `/` (default `https://slack.com/api/`). */
  apiUrl?: string;
  fetch?: webApi.FetchFunction;
  timeoutMs: number;
  /** Waits before each retry after a network error or a 5xx (the WebClient's retry policy for us). */
  retryDelaysMs?: readonly number[];
  sleep: (ms: number) => Promise<void>;
}

/** A JSON Web API call; resolves to Slack's answer when `ok`, else rejects like the WebClient. */
export type JsonPost = (method: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

type FetchResponse = Awaited<ReturnType<webApi.FetchFunction>>;

const DEFAULT_RETRY_DELAYS_MS = [200, 400] as const;

/** Reads an unwanted answer to its end, so its connection can be reused. */
const drain = (response: FetchResponse) => response.arrayBuffer().catch(() => undefined);

/** Builds the poster for one bot token. */
export function createJsonPost(options: JsonPostOptions): JsonPost {
  const base = options.apiUrl ?? 'https://slack.com/api/';
  const send: webApi.FetchFunction = options.fetch ?? fetch;
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
      let response: FetchResponse;
      try {
        response = await send(`${base}${method}`, {
          method: 'POST',
          headers,
          body: payload,
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        if (retry === undefined) throw new webApi.WebAPIRequestError(error as Error);
        await options.sleep(retry);
        continue;
      }
      if (response.status === 429) {
        await drain(response);
        throw new webApi.WebAPIRateLimitedError(Number(response.headers.get('retry-after') ?? 1) || 1);
      }
      if (response.status >= 500 && retry !== undefined) {
        await drain(response);
        await options.sleep(retry);
        continue;
      }
      if (response.status !== 200) {
        const text = await response.text().catch(() => '');
        throw new webApi.WebAPIHTTPError(response.status, response.statusText, {}, text);
      }
      const result = (await response.json()) as Record<string, unknown> & { ok?: boolean; error?: string };
      if (!result.ok) throw new webApi.WebAPIPlatformError(result as never);
      return result;
    }
  };
}
