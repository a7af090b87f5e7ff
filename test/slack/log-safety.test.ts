import { afterEach, describe, expect, it } from 'vitest';
import { postEvent, TEST_BOT_TOKEN } from '../support/slack-requests.ts';
import { dmEvent } from './fixtures.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

/** Something only the user typed: it must not be found in the logs unless LOG_LEVEL=debug. */
const USERS_TEXT = 'Hur söker föreningen Blåklinten bidrag 4711?';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Slack's Web API drops the connection for users.info and chat.postMessage, on every attempt. */
async function questionWhileTheNetworkFails(logLevel: 'info' | 'debug'): Promise<SlackHarness> {
  const harness = await startSlackHarness(`log-safety-${logLevel}`, { env: { LOG_LEVEL: logLevel } });
  harness.api.fail('users.info', { network: 'reset' }, { times: 100 });
  harness.api.fail('chat.postMessage', { network: 'reset' }, { times: 100 });
  await postEvent(harness.eventsUrl, dmEvent({ user: 'UNET', text: USERS_TEXT }));
  await harness.settle();
  // Both failures really happened at network level and were logged.
  expect(harness.api.callsTo('users.info').every((c) => c.status === 0)).toBe(true);
  expect(harness.api.callsTo('chat.postMessage').length).toBeGreaterThan(0);
  expect(harness.logs.some((l) => l.level === 40 && /users\.info failed/.test(l.msg))).toBe(true);
  expect(harness.logs.some((l) => l.level === 50 && l.msg === 'slack delivery failed')).toBe(true);
  return harness;
}

describe('what a failed Slack call leaves in the logs', () => {
  it('keeps the bot token, headers, request bodies and the message text out at the default level', async () => {
    h = await questionWhileTheNetworkFails('info');
    const output = h.rawLogs.join('\n');
    expect(output).not.toContain(TEST_BOT_TOKEN);
    expect(output).not.toMatch(/Bearer/i);
    expect(output).not.toContain('Blåklinten');
    expect(output).not.toMatch(/"headers"|"config"|"request"/);
    // Nor the reply it tried to post (the request body), as text or form-encoded.
    const reply = String(h.api.callsTo('chat.postMessage')[0]?.args.text);
    expect(reply.length).toBeGreaterThan(20);
    expect(output).not.toContain(reply.slice(0, 40));
    expect(output).not.toContain(encodeURIComponent(reply.slice(0, 40)));
    // What is kept is enough to tell what went wrong.
    const failed = h.logs.find((l) => l.msg === 'slack delivery failed');
    // The answer's post (undici's request) reports the network error itself: the connection was closed.
    expect(failed?.err).toMatchObject({
      code: 'slack_webapi_request_error',
      original: { message: expect.stringMatching(/other side closed|ECONNRESET/) },
    });
    expect(failed?.slackError).toMatch(/other side closed|ECONNRESET/);
  }, 20_000);

  it('keeps the bot token out even at debug, where message text may be logged', async () => {
    h = await questionWhileTheNetworkFails('debug');
    expect(h.rawLogs.join('\n')).not.toContain(TEST_BOT_TOKEN);
  }, 20_000);
});
