/**
 * What people type is shown back as they typed it: in a channel, a reminder text, a case name or a display name
 * must not become a link, bold text, a list or a heading in the cards the bot posts for everyone, and must not
 * carry invisible or direction-changing characters.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../support/bot-connector.ts';
import { textOf } from './cards.ts';
import { ANNA, channelMention } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

/** Markdown links a Teams client would render: `[text](url)` whose brackets are not escaped with a backslash. */
function renderedLinks(markdown: string): string[] {
  const unescaped = markdown.replace(/\\[\s\S]/g, '··');
  return [...unescaped.matchAll(/\[[^\]\n]*\]\([^)\n]*\)/g)].map((m) => m[0]);
}

/** Characters that hide text or turn its direction, and the marks the core puts around user text. */
const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uE000\uE001]/u;

const HOSTILE = '[Logga in](https://evil.example/login) **nu** _snabbt_ https://bare.example/x \u202Etxt.exe';
// Each line start a reader would see as a list item or heading, if the name were Markdown.
const HOSTILE_CASE = '# Rubrik [Logga in](https://evil.example/case)\u200B';
const HOSTILE_NAME = 'Anna \u202E[Klicka här](https://evil.example/name)';

describe('people’s text in Teams cards', () => {
  let h: TeamsHarness;
  let serviceUrl: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-user-text' });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(() => h.close());
  beforeEach(() => h.connector.reset());

  function expectLiteral(call: ConnectorCall | undefined) {
    const text = textOf(call);
    expect(renderedLinks(text)).toEqual([]);
    // What Teams shows of the message (its envelope echoes the sender as Teams reported them).
    const { text: plain, summary, attachments } = call?.activity ?? {};
    expect(JSON.stringify({ plain, summary, attachments })).not.toMatch(HIDDEN);
    return text;
  }

  it('shows a reminder text literally in the confirmation, the reminder itself and the list', async () => {
    await h.post(channelMention(serviceUrl, `påminn mig om två veckor ${HOSTILE}`));
    const confirmation = expectLiteral(h.connector.messages().at(-1));
    expect(confirmation).toContain('\\[Logga in\\](https://evil.example/login)');
    expect(confirmation).toContain('\\*\\*nu\\*\\*');
    expect(confirmation).toContain('\\_snabbt\\_');
    // A bare address in someone's text stays text: the assistant links only its own sources.
    expect(confirmation).toContain(' https://bare.example/x ');
    expect(confirmation).toContain('txt.exe');

    h.connector.reset();
    const [occurrence] = await h.runtime.reminders.scheduler.list('teams');
    if (!occurrence) throw new Error('no reminder scheduled');
    await h.delivery.handleDue({ ...occurrence, attempt: 1, finalAttempt: false });
    await h.runtime.reminders.scheduler.cancel(occurrence);
    const [due] = await h.connector.waitFor((calls) => calls.some((c) => /Påminnelse/.test(textOf(c))));
    expect(expectLiteral(due)).toContain('\\[Logga in\\]');

    h.connector.reset();
    await h.post(channelMention(serviceUrl, '/iop påminnelser'));
    expect(expectLiteral(h.connector.messages().at(-1))).toContain('\\[Logga in\\]');
  });

  it('shows a case name and a display name literally on the checklist posted to the channel', async () => {
    const from = { ...ANNA, name: HOSTILE_NAME };
    const mention = (text: string) => channelMention(serviceUrl, text, { root: '1732266000777', from });
    await h.post(mention('checklista'));
    h.connector.reset();
    await h.post(mention(HOSTILE_CASE));
    const [intro] = h.connector.messages();
    const text = expectLiteral(intro);
    expect(text).toContain('\\# Rubrik \\[Logga in\\](https://evil.example/case)');
    expect(text).toContain('Anna \\[Klicka här\\](https://evil.example/name)');
  });
});
