/**
 * Signed requests to `/slack/events`, made the way Slack makes them: `v0:<timestamp>:<body>` signed with
 * HMAC-SHA256 under the app's signing secret, JSON for events and form-encoded bodies for slash commands and
 * interactivity (`payload=<json>`).
 */
import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-0000-token';

/** Slack's request signature for `body` at `timestampS`. */
export function slackSignature(secret: string, timestampS: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex')}`;
}

export interface SlackRequestOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestampS?: number;
  /** Overrides the computed signature (to test a bad one). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackResponse {
  status: number;
  body: string;
}

/** Posts a raw body with Slack's headers. */
export async function postSigned(
  url: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SlackRequestOptions = {},
): Promise<SlackResponse> {
  const timestampS = options.timestampS ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestampS),
    'x-slack-signature': options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestampS, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

/** An Events API delivery (JSON). */
export function postEvent(url: string, envelope: unknown, options?: SlackRequestOptions): Promise<SlackResponse> {
  return postSigned(url, JSON.stringify(envelope), 'application/json', options);
}

/** A slash command (form fields). */
export function postCommand(
  url: string,
  fields: Record<string, string>,
  options?: SlackRequestOptions,
): Promise<SlackResponse> {
  return postSigned(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** An interactivity payload (`payload=<json>`, form-encoded). */
export function postInteraction(url: string, payload: unknown, options?: SlackRequestOptions): Promise<SlackResponse> {
  return postSigned(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}
