import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { postEvent, postSigned, slackSignature, TEST_SIGNING_SECRET } from '../support/slack-requests.ts';
import { botMessageEvent, mentionEvent, threadReplyEvent } from './fixtures.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('http-path');
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

const warnings = (pattern: RegExp) => h.logs.filter((l) => l.level >= 40 && pattern.test(l.msg));

describe('POST /slack/events: what is refused', () => {
  it('answers 401 to an invalid signature and does nothing', async () => {
    const res = await postEvent(h.eventsUrl, mentionEvent(), { signature: 'v0=deadbeef' });
    expect(res.status).toBe(401);
    await h.settle();
    expect(h.api.calls).toEqual([]);
  });

  it('answers 401 to a body signed with another secret', async () => {
    const res = await postEvent(h.eventsUrl, mentionEvent(), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a correctly signed request with a stale timestamp (replay)', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await postEvent(h.eventsUrl, mentionEvent(), { timestampS: tenMinutesAgo });
    expect(res.status).toBe(401);
    await h.settle();
    expect(h.api.calls).toEqual([]);
    expect(warnings(/signature or timestamp/).length).toBeGreaterThan(0);
  });

  describe('a correctly signed request is accepted only within five minutes of now, either way', () => {
    // The process's own clock (Date only): the request's age is exact, however slowly the test runs.
    const nowS = 1_800_000_000;
    const challenge = { token: 't', challenge: 'in-time', type: 'url_verification' };
    const statusAt = async (offsetS: number) =>
      (await postEvent(h.eventsUrl, challenge, { timestampS: nowS + offsetS })).status;

    it.each([301, 3600, -301, -3600])('answers 401 to a timestamp %i s off', async (offsetS) => {
      vi.useFakeTimers({ toFake: ['Date'], now: nowS * 1000 });
      try {
        expect(await statusAt(offsetS)).toBe(401);
      } finally {
        vi.useRealTimers();
      }
      expect(warnings(/signature or timestamp/).at(-1)?.reason).toMatch(/timestamp/);
    });

    it.each([299, -299, 0])('accepts a timestamp %i s off', async (offsetS) => {
      vi.useFakeTimers({ toFake: ['Date'], now: nowS * 1000 });
      try {
        expect(await statusAt(offsetS)).toBe(200);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  it('answers 401 when the signature headers are missing', async () => {
    const res = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('answers 400 and logs a line for a signed body that is not JSON', async () => {
    const res = await postSigned(h.eventsUrl, '{"type": "event_callback", ', 'application/json');
    expect(res.status).toBe(400);
    expect(warnings(/not valid JSON/).length).toBeGreaterThan(0);
  });

  it('answers 400 for a signed event that lacks what Slack always sends', async () => {
    const event = mentionEvent();
    const { channel: _gone, ...withoutChannel } = event.event;
    const res = await postEvent(h.eventsUrl, { ...event, event: withoutChannel });
    expect(res.status).toBe(400);
    expect(warnings(/malformed payload/).at(-1)?.reason).toMatch(/app_mention: channel/);
    await h.settle();
    expect(h.api.calls).toEqual([]);
  });

  it('answers 400 for a signed payload of no known kind, and 400 for a broken interactivity payload', async () => {
    expect((await postEvent(h.eventsUrl, { hello: 'world' })).status).toBe(400);
    expect((await postEvent(h.eventsUrl, [1, 2, 3])).status).toBe(400);
    const broken = new URLSearchParams({ payload: '{"type":"block_actions","actions":[]}' }).toString();
    expect((await postSigned(h.eventsUrl, broken, 'application/x-www-form-urlencoded')).status).toBe(400);
    const notJson = new URLSearchParams({ payload: '{oops' }).toString();
    expect((await postSigned(h.eventsUrl, notJson, 'application/x-www-form-urlencoded')).status).toBe(400);
  });

  it('answers 413 to a body far larger than any Slack payload', async () => {
    const res = await postSigned(
      h.eventsUrl,
      JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(2_000_000) }),
      'application/json',
    );
    expect(res.status).toBe(413);
  });

  it('answers 413 to an oversized body sent in chunks without a length, and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(h.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      req.write('{"type":"event_callback","pad":"');
      for (let sent = 0; sent < 2_000_000; sent += chunk.length) req.write(chunk);
      req.end('"}');
    });
    expect(status).toBe(413);
    expect(warnings(/too large/).length).toBeGreaterThan(0);
    expect((await postEvent(h.eventsUrl, { token: 't', challenge: 'after', type: 'url_verification' })).status).toBe(
      200,
    );
  });

  it('keeps serving after all of that', async () => {
    expect((await postEvent(h.eventsUrl, mentionEvent())).status).toBe(200);
    await h.api.waitFor('chat.postMessage');
  });
});

describe('POST /slack/events: handshakes', () => {
  it('answers the url_verification challenge', async () => {
    const res = await postEvent(h.eventsUrl, { token: 't', challenge: 'c4llenge', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'c4llenge' });
  });

  it('answers ssl_check without a signature', async () => {
    const res = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=x',
    });
    expect(res.status).toBe(200);
  });

  it('acknowledges app_rate_limited notices without acting on them', async () => {
    const res = await postEvent(h.eventsUrl, {
      token: 't',
      type: 'app_rate_limited',
      team_id: 'T1',
      minute_rate_limited: 1518467820,
      api_app_id: 'A0IOPASSIST',
    });
    expect(res.status).toBe(200);
  });
});

describe('deliveries answered once', () => {
  it('answers an event once however often Slack redelivers it (X-Slack-Retry-Num)', async () => {
    const event = mentionEvent({ text: '<@UBOT> hej' });
    const first = await postEvent(h.eventsUrl, event);
    const retries = await Promise.all([
      postEvent(h.eventsUrl, event, { retryNum: 1 }),
      postEvent(h.eventsUrl, event, { retryNum: 2, retryReason: 'http_error' }),
    ]);
    expect([first, ...retries].map((r) => r.status)).toEqual([200, 200, 200]);
    await h.settle();
    await postEvent(h.eventsUrl, event, { retryNum: 3 });
    await h.settle();
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it("does not count redeliveries against the user's rate limit", async () => {
    // More redeliveries of one event than the default limit (30 a minute) allows turns.
    const event = mentionEvent({ text: '<@UBOT> hej', user: 'URETRY' });
    await postEvent(h.eventsUrl, event);
    for (let retry = 1; retry <= 35; retry++) await postEvent(h.eventsUrl, event, { retryNum: ((retry - 1) % 3) + 1 });
    await h.settle();
    await postEvent(h.eventsUrl, mentionEvent({ text: '<@UBOT> Vad är IOP?', user: 'URETRY' }));
    await h.settle();
    const posts = h.api.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.args.text).not.toMatch(/vänta en minut/);
  });

  it('answers a mention in a bot thread once, though Slack sends it as app_mention and as message', async () => {
    const root = mentionEvent();
    await postEvent(h.eventsUrl, root);
    await h.api.waitFor('chat.postMessage');
    const ts = '1700009999.000001';
    const asMention = mentionEvent({ ts, threadTs: root.event.ts, text: '<@UBOT> hjälp' });
    const asMessage = threadReplyEvent({ ts, threadTs: root.event.ts, text: '<@UBOT> hjälp' });
    await Promise.all([postEvent(h.eventsUrl, asMessage), postEvent(h.eventsUrl, asMention)]);
    await h.settle();
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('ignores messages from bots, including its own', async () => {
    const res = await postEvent(h.eventsUrl, botMessageEvent());
    expect(res.status).toBe(200);
    const other = botMessageEvent();
    Object.assign(other.event, { user: 'UOTHER', bot_id: 'BOTHER', subtype: 'bot_message' });
    await postEvent(h.eventsUrl, other);
    const selfMention = mentionEvent({ user: 'UBOT' });
    await postEvent(h.eventsUrl, selfMention);
    await h.settle();
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('acknowledges before the answer is ready (well within Slack’s 3 s)', async () => {
    const started = performance.now();
    const res = await postEvent(h.eventsUrl, mentionEvent());
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    await h.settle();
  });
});

it('signs like Slack does (known vector from Slack’s documentation)', () => {
  // https://api.slack.com/authentication/verifying-requests-from-slack
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
    'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  );
  expect(TEST_SIGNING_SECRET.length).toBeGreaterThan(16);
});
