import { describe, expect, it } from 'vitest';
import { renderReply as renderConsole } from '../../src/adapters/console/render.ts';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.ts';
import { renderReply as renderTeams } from '../../src/adapters/teams/render.ts';
import type { Feature } from '../../src/core/feature.ts';
import type { Reply, Turn } from '../../src/core/model.ts';
import { blocksReply, plainText } from '../../src/core/reply.ts';
import { cleanUserText, userText, userTextSpans } from '../../src/core/user-text.ts';
import { testBot, turnOf } from '../support/bot.ts';

const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uE000\uE001]/u;

describe('people’s text shown back', () => {
  it('loses characters that hide text or turn its direction', () => {
    expect(cleanUserText('faktura\u202Efdp.exe')).toBe('fakturafdp.exe');
    expect(cleanUserText('Lo\u200Bgga\u200C in\u200E\u200F\uFEFF')).toBe('Logga in');
    expect(cleanUserText('\u2066Anna\u2069 \u202ABo\u202C \u2067Cia\u2068\u2069')).toBe('Anna Bo Cia');
    expect(cleanUserText('ok\u{E0049}\u{E0047}\u{E004E}\u2060\u00AD')).toBe('ok');
    expect(cleanUserText('bell\u0007 esc\u001b[31m')).toBe('bell esc[31m');
    // Our own marks cannot be forged to end the literal text early.
    expect(cleanUserText('a\uE001[x](y)\uE000b')).toBe('a[x](y)b');
  });

  it('keeps what is visible: line breaks, tabs, emoji built with joiners, subdivision flags', () => {
    expect(cleanUserText('rad 1\nrad 2\tflik')).toBe('rad 1\nrad 2\tflik');
    for (const emoji of [
      '👩\u200D💻',
      '🏳️\u200D🌈',
      '👨🏽\u200D🦰',
      '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
    ]) {
      expect(cleanUserText(emoji)).toBe(emoji);
    }
    expect(cleanUserText('a\u200Db \u200D👩')).toBe('ab 👩');
  });

  it('is cleaned as the core’s first step, before anything routes on it or stores it', async () => {
    const seen: Turn[] = [];
    const spy: Feature = {
      name: 'spy',
      interceptIntent: async (ctx) => {
        seen.push(ctx.turn);
        return undefined;
      },
    };
    const { bot } = testBot({ features: [spy] });
    const turn = turnOf('påminn\u200B mig i morgon om \u202Efdp.exe');
    await bot.handleTurn({ ...turn, user: { ...turn.user, name: 'An\u2066na\u2069' } });
    expect(seen[0]?.input).toEqual({ kind: 'message', text: 'påminn mig i morgon om fdp.exe' });
    expect(seen[0]?.user.name).toBe('Anna');
  });

  it('is marked apart from the assistant’s own text', () => {
    expect(userTextSpans(`Klart: ${userText('*fet*')} *min*`)).toEqual([
      { text: 'Klart: ', user: false },
      { text: '*fet*', user: true },
      { text: ' *min*', user: false },
    ]);
  });

  it('splits on every mark, drops a repeated one, and leaves text without marks whole', () => {
    const open = '\uE000';
    const close = '\uE001';
    expect(userTextSpans(`a${open}b${open}c${close}d${close}e${open}f😀`)).toEqual([
      { text: 'a', user: false },
      { text: 'bc', user: true },
      { text: 'de', user: false },
      { text: 'f😀', user: true },
    ]);
    expect(userTextSpans('Svar utan *någons* text 😀')).toEqual([{ text: 'Svar utan *någons* text 😀', user: false }]);
    expect(userTextSpans('')).toEqual([]);
    expect(userTextSpans(`${open}${close}`)).toEqual([]);
  });

  const hostile = '[Logga in](https://evil.example) **nu** _snabbt_ <!channel> \u202Etxt.exe';
  const reply: Reply = blocksReply([
    { type: 'heading', text: `Checklista: ${userText('# Rubrik\u200B')}` },
    { type: 'text', text: `🔔 *Påminnelse:* ${userText(hostile)}` },
    { type: 'fields', fields: [{ label: 'Ärende', value: userText('- punkt') }] },
    { type: 'context', items: [`Startad av ${userText('Anna_Berg')}`] },
    { type: 'buttons', buttons: [{ label: `Fortsätt: ${userText('Röda *korset*')}`, actionId: 'x:y', value: '1' }] },
  ]);

  it('reaches Teams with its Markdown escaped and the assistant’s own formatting intact', () => {
    const json = JSON.stringify(renderTeams(reply));
    expect(json).not.toMatch(HIDDEN);
    const [message] = renderTeams(reply);
    const body = message?.attachments?.[0]?.content.body ?? [];
    const texts = body.map((e) => String(e.text ?? JSON.stringify(e)));
    expect(texts[0]).toBe('Checklista: \\# Rubrik');
    expect(texts[1]).toBe(
      '🔔 **Påminnelse:** \\[Logga in\\](https://evil.example) \\*\\*nu\\*\\* \\_snabbt\\_ &lt;!channel&gt; txt.exe',
    );
    expect(texts[2]).toContain('"value":"\\\\- punkt"');
    expect(texts[3]).toBe('Startad av Anna\\_Berg');
    expect(json).toContain('"title":"Fortsätt: Röda *korset*"');
  });

  it('reaches Slack escaped and without marks, in blocks, buttons and the fallback text', () => {
    const [message] = renderSlack(reply, { nonce: 'n' });
    const json = JSON.stringify(message);
    expect(json).not.toMatch(HIDDEN);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('<!channel>');
    // Someone's **x** is not the assistant's Markdown habit: it stays as typed.
    expect(json).toContain('**nu**');
    expect(json).toContain('"text":"Fortsätt: Röda *korset*"');
    expect(message?.text).toContain('[Logga in](https://evil.example) **nu** _snabbt_');
  });

  it('reaches the console as typed, unstyled, without marks', () => {
    const out = renderConsole(reply, { styled: true, messageId: 'm', firstNumber: 1, updatedLabel: '' });
    const printed = out.lines.join('\n');
    expect(printed).not.toMatch(HIDDEN);
    expect(printed).toContain('**nu** _snabbt_');
    expect(printed).toContain('\u001b[1mPåminnelse:\u001b[0m');
    expect(out.buttons[0]?.label).toBe('Fortsätt: Röda *korset*');
  });

  it('keeps its * and _ in the plain fallback text, where the assistant’s own are removed', () => {
    expect(plainText(reply.blocks)).toContain('🔔 Påminnelse: [Logga in](https://evil.example) **nu** _snabbt_');
    expect(plainText(reply.blocks)).toContain('Startad av Anna_Berg');
    expect(plainText(reply.blocks)).not.toMatch(HIDDEN);
  });
});
