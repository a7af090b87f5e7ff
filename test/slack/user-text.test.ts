/**
 * What people type is shown back as they typed it: in a channel, a case name or a reminder text carries no
 * invisible or direction-changing characters into Block Kit, and no mention or link.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvent } from '../support/slack-requests.ts';
import { mentionEvent, threadReplyEvent } from './fixtures.ts';
import { type SlackHarness, startSlackHarness, textOf } from './harness.ts';

/** Every string Slack reads as mrkdwn in a posted message: the fallback text and mrkdwn text objects. */
function mrkdwnOf(args: Record<string, unknown>): string[] {
  const out = [String(args.text ?? '')];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') out.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(args.blocks);
  return out;
}

const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uE000\uE001]/u;

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('user-text');
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

describe('people’s text in Block Kit', () => {
  it('shows a case name without hidden characters, in the header and the thread', async () => {
    const start = mentionEvent({ channel: 'C7', text: '<@UBOT> checklista' });
    await postEvent(h.eventsUrl, start);
    await h.settle();
    const name = 'Röda\u200B korset \u202Eexe.fdp &lt;!channel&gt; &lt;https://evil.example|Logga in&gt;';
    await postEvent(h.eventsUrl, threadReplyEvent({ channel: 'C7', threadTs: start.event.ts, text: name }));
    await h.settle();
    const posted = h.api.callsTo('chat.postMessage').map((call) => call.args);
    const intro = posted.find((args) => textOf(args).includes('exe.fdp'));
    expect(textOf(intro ?? {})).toContain('Röda korset exe.fdp');
    for (const args of posted) {
      expect(JSON.stringify(args)).not.toMatch(HIDDEN);
      // In mrkdwn these would notify the channel and make a disguised link; plain_text (the header) shows them.
      for (const mrkdwn of mrkdwnOf(args)) expect(mrkdwn).not.toMatch(/<!channel>|<https:\/\/evil/);
    }
  });

  it('shows a reminder text without hidden characters', async () => {
    const text = '<@UBOT> påminn mig om två veckor att ringa \u2066Anna\u2069\uFEFF om \u202Etxt.exe';
    await postEvent(h.eventsUrl, mentionEvent({ channel: 'C8', text }));
    await h.settle();
    const [confirmation] = h.api.callsTo('chat.postMessage');
    expect(textOf(confirmation?.args ?? {})).toContain('ringa Anna om txt.exe');
    expect(JSON.stringify(confirmation?.args)).not.toMatch(HIDDEN);
  });
});
