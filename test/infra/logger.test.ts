import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boltLoggerFor } from '../../src/adapters/slack/web-api.ts';
import { createLogger } from '../../src/infra/logger.ts';

const TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const APP_TOKEN = 'xapp-1-A0123456789-1234567890123-abcdef0123456789';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3QiLCJhdWQiOiJhcHAifQ.c2lnbmF0dXJlLWJ5dGVz';
const USERS_TEXT = 'Vår förening Blåklinten vill söka bidrag';

/** A production logger writing into an array of raw lines. */
function capture(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, { destination }), lines, parsed: () => lines.map((l) => JSON.parse(l)) };
}

/** The shape an HTTP client error has after a network failure: the request it tried is attached, deep down. */
function requestError(): Error {
  const original = Object.assign(new Error('socket hang up'), {
    code: 'ECONNRESET',
    config: {
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      data: JSON.stringify({ channel: 'D1', text: USERS_TEXT }),
    },
    request: { _header: `POST /api/chat.postMessage\r\nAuthorization: Bearer ${TOKEN}\r\n` },
    response: { data: { text: USERS_TEXT } },
  });
  const inner = Object.assign(new Error('A request error occurred: socket hang up'), {
    code: 'slack_webapi_request_error',
    original,
  });
  return new Error('delivery failed', { cause: inner });
}

describe('the production logger', () => {
  it('reduces errors at any depth and under any key to safe fields', () => {
    const { logger, lines, parsed } = capture();
    logger.error({ err: requestError(), nested: { failures: [requestError()] } }, 'slack delivery failed');
    logger.warn({ error: requestError() }, 'another key');
    logger.error(requestError());
    const output = lines.join('\n');
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain('Blåklinten');
    expect(output).not.toMatch(/"config"|"headers"|"request"|"response"|"data"/);
    const [first] = parsed();
    expect(first.err).toMatchObject({
      type: 'Error',
      message: 'delivery failed',
      cause: {
        code: 'slack_webapi_request_error',
        original: { code: 'ECONNRESET', message: 'socket hang up', stack: expect.stringContaining('socket hang up') },
      },
    });
  });

  it('keeps what identifies a Slack platform error or a rate limit', () => {
    const { logger, parsed } = capture();
    const platform = Object.assign(new Error('An API error occurred: channel_not_found'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'channel_not_found', response_metadata: { messages: [USERS_TEXT] } },
    });
    const limited = Object.assign(new Error('A rate limit was exceeded'), {
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 3,
    });
    const http = Object.assign(new Error('An HTTP protocol error occurred: statusCode = 502'), {
      statusCode: 502,
      headers: { 'set-cookie': 'a=b' },
      body: USERS_TEXT,
    });
    logger.error({ err: platform, limited, http }, 'failed');
    const [line] = parsed();
    expect(line.err).toMatchObject({ code: 'slack_webapi_platform_error', slackError: 'channel_not_found' });
    expect(line.err.data).toBeUndefined();
    expect(line.limited).toMatchObject({ retryAfter: 3 });
    expect(line.http).toMatchObject({ status: 502 });
    expect(JSON.stringify(line)).not.toContain('Blåklinten');
  });

  it('censors secret-named keys at any depth and masks token-shaped text anywhere in a line', () => {
    const { logger, lines } = capture();
    logger.info({ a: { b: { c: { Authorization: 'opaque-value-1', botToken: 'opaque-value-2' } } } }, 'nested');
    logger.info({ req: { headers: { 'x-slack-signature': 'v0=abc', cookie: 'sid=1' } } }, 'headers');
    logger.info({ note: `called with Bearer ${JWT}` }, `token ${TOKEN} and ${APP_TOKEN} in the message`);
    logger.info({ list: [`id_token=${JWT}`] }, 'jwt');
    logger.child({ binding: TOKEN }).info({}, 'child bindings');
    logger.warn({ err: 'connect ECONNREFUSED redis://:hunter2-pass@10.0.0.5:6379' }, 'redis connection error');
    // A library's own line, passed through as text: a token request as a form body and as JSON.
    logger.warn(
      { output: 'POST /oauth2/v2.0/token grant_type=client_credentials&client_secret=Zx8~form-secret&scope=x' },
      'sdk',
    );
    logger.error({ output: `{"client_secret": "json-secret-9", "access_token":"opaque-access-7"}` }, 'sdk');
    const output = lines.join('\n');
    for (const secret of [
      'opaque-value-1',
      'opaque-value-2',
      'v0=abc',
      'sid=1',
      'hunter2',
      'form-secret',
      'json-secret-9',
      'opaque-access-7',
      TOKEN,
      APP_TOKEN,
      JWT,
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('xoxb-[redacted]');
    expect(output).toContain('Bearer [redacted]');
    expect(output).toContain('redis://[redacted]@10.0.0.5:6379');
    expect(output).toContain('client_secret=[redacted]&scope=x');
  });

  it('leaves ordinary fields as they were', () => {
    const { logger, parsed } = capture();
    const at = new Date('2026-01-02T03:04:05Z');
    logger.info({ port: 3978, platforms: ['slack'], at, counts: { scheduled: 1, tokens: 4 }, ok: true }, 'serving');
    expect(parsed()[0]).toMatchObject({
      msg: 'serving',
      port: 3978,
      platforms: ['slack'],
      at: '2026-01-02T03:04:05.000Z',
      counts: { scheduled: 1, tokens: 4 },
      ok: true,
    });
  });

  it('survives circular objects', () => {
    const { logger, parsed } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    logger.info({ loop }, 'circular');
    expect(parsed()[0].loop).toEqual({ name: 'loop', self: '[Circular]' });
  });
});

describe("Bolt's and the WebClient's log calls", () => {
  it('pass errors on as errors, so nothing in them is written as plain text', () => {
    const { logger, lines, parsed } = capture();
    const bolt = boltLoggerFor(logger);
    bolt.error(requestError());
    bolt.warn('http request failed', requestError(), { detail: { authorization: `Bearer ${TOKEN}` } });
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain('Blåklinten');
    const [first, second] = parsed();
    expect(first).toMatchObject({ source: 'bolt', msg: 'delivery failed', err: { message: 'delivery failed' } });
    expect(second).toMatchObject({ msg: 'http request failed', err: { type: 'Error' } });
  });
});
