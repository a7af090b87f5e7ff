import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreActionId, escapeMrkdwn, LIMITS, renderReply, splitText } from '../../src/adapters/slack/render.ts';
import type { Reply } from '../../src/core/model.ts';
import { blocksReply, textReply } from '../../src/core/reply.ts';
import { userText } from '../../src/core/user-text.ts';

const render = (reply: Reply, mentionUserIds?: string[]) => renderReply(reply, { nonce: 'n', mentionUserIds });
/** Every string Slack will read as mrkdwn in a rendered message. */
function mrkdwnStrings(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) mrkdwnStrings(v, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'mrkdwn' && typeof record.text === 'string') out.push(record.text);
    for (const inner of Object.values(record)) mrkdwnStrings(inner, out);
  }
  return out;
}

describe('Block Kit rendering', () => {
  it('maps headings, text, fields, context, buttons and dividers', () => {
    const [message, ...rest] = render(
      blocksReply([
        { type: 'heading', text: 'Rubrik' },
        { type: 'text', text: '*Fet* och _kursiv_' },
        { type: 'fields', fields: [{ label: 'Kommun', value: 'Kungälv' }] },
        { type: 'context', items: ['Källa: SKR'] },
        { type: 'divider' },
        {
          type: 'buttons',
          buttons: [{ label: 'Ja', actionId: 'checklist:answer', value: '{"a":1}', style: 'primary' }],
        },
      ]),
    );
    expect(rest).toEqual([]);
    expect(message!.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'divider',
      'actions',
    ]);
    expect(message!.blocks[1]).toMatchObject({ text: { type: 'mrkdwn', text: '*Fet* och _kursiv_' } });
    expect(message!.blocks[2]).toMatchObject({ fields: [{ type: 'mrkdwn', text: '*Kommun*\nKungälv' }] });
    expect(message!.blocks[5]).toMatchObject({
      elements: [{ type: 'button', action_id: 'checklist:answer', value: '{"a":1}', style: 'primary' }],
    });
    expect(new Set(message!.blocks.map((b) => b.block_id)).size).toBe(6);
    expect(message!.text).toBe('Rubrik\nFet och kursiv\nKommun: Kungälv\nKälla: SKR');
  });

  it('escapes &, < and > everywhere Slack reads mrkdwn, the fallback text included', () => {
    const nasty = 'Hej <!channel> & <@U123> <https://evil.example|klicka>';
    const [message] = render(
      blocksReply([
        { type: 'text', text: nasty },
        { type: 'fields', fields: [{ label: nasty, value: nasty }] },
        { type: 'context', items: [nasty] },
      ]),
    );
    for (const text of [...mrkdwnStrings(message!.blocks), message!.text]) {
      expect(text).not.toMatch(/[<>]/);
      expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
    }
  });

  it('escapes any text so that no < or > and no bare & survive (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const [message] = render(textReply(text));
        for (const s of [...mrkdwnStrings(message!.blocks), message!.text]) {
          expect(s).not.toMatch(/[<>]/);
          expect(s).not.toMatch(/&(?!amp;|lt;|gt;)/);
        }
      }),
    );
  });

  it('puts mentions first, in the message and in its fallback text', () => {
    const [message] = render(textReply('Dags att följa upp'), ['U024BE7LH']);
    expect(message!.blocks[0]).toMatchObject({ text: { text: '<@U024BE7LH> Dags att följa upp' } });
    expect(message!.text).toBe('<@U024BE7LH> Dags att följa upp');
  });

  it('splits long text into sections of at most 3,000 characters at line or word boundaries', () => {
    const paragraph = 'Idéburet offentligt partnerskap är en samverkansform. '.repeat(40);
    const text = Array.from({ length: 8 }, () => paragraph).join('\n\n');
    const messages = render(textReply(text));
    const sections = messages.flatMap((m) => m.blocks).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(4);
    for (const s of sections) {
      const t = (s as { text: { text: string } }).text.text;
      expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(t).toMatch(/^Idéburet/);
    }
  });

  it('splits a huge reply across messages of at most 50 blocks, each with a fallback text', () => {
    const blocks = Array.from({ length: 130 }, (_, i) => ({ type: 'text' as const, text: `Rad ${i}` }));
    const messages = render(blocksReply(blocks));
    expect(messages.length).toBe(3);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    }
    expect(messages[1]!.text).toMatch(/^Rad 50\nRad 51/);
    const ids = messages.flatMap((m) => m.blocks.map((b) => b.block_id));
    expect(new Set(ids).size).toBe(130);
  });

  it('keeps every message well below Slack’s size limits, even for few very long blocks', () => {
    const text = 'x'.repeat(2900);
    const messages = render(blocksReply(Array.from({ length: 12 }, () => ({ type: 'text' as const, text }))));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(JSON.stringify(m.blocks).length).toBeLessThan(16_000);
  });

  it('makes repeated action ids unique within a block and maps them back', () => {
    const [message] = render(
      textReply('Välj', [
        { label: 'A', actionId: 'say:text', value: 'a' },
        { label: 'B', actionId: 'say:text', value: 'b' },
        { label: 'C', actionId: 'say:text', value: 'c' },
      ]),
    );
    const ids = (message!.blocks[1] as { elements: Array<{ action_id: string }> }).elements.map((e) => e.action_id);
    expect(ids).toEqual(['say:text', 'say:text~2', 'say:text~3']);
    expect(ids.map(coreActionId)).toEqual(['say:text', 'say:text', 'say:text']);
    expect(coreActionId('checklist:answer')).toBe('checklist:answer');
  });

  it('drops a button Slack would refuse (value over 2,000 characters) and says so; shortens long labels', () => {
    const problems: string[] = [];
    const [message] = renderReply(
      textReply('Välj', [
        { label: 'Ok', actionId: 'a:b', value: 'v'.repeat(2001) },
        { label: 'L'.repeat(100), actionId: 'a:c', value: 'v' },
      ]),
      { nonce: 'n', onProblem: (p) => problems.push(p) },
    );
    const elements = (message!.blocks[1] as { elements: Array<{ action_id: string; text: { text: string } }> })
      .elements;
    expect(elements.map((e) => e.action_id)).toEqual(['a:c']);
    expect(elements[0]!.text.text.length).toBe(LIMITS.buttonText);
    expect(problems).toEqual([expect.stringMatching(/value longer than 2000/)]);
  });

  it('splits text without cutting an escaped entity in half (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '\n', '&', '<', 'ö'), maxLength: 600 }),
        fc.integer({ min: 20, max: 80 }),
        (text, max) => {
          const escaped = escapeMrkdwn(text);
          for (const piece of splitText(escaped, max)) {
            expect(piece.length).toBeLessThanOrEqual(max);
            expect(piece).not.toMatch(/&(?!amp;|lt;|gt;)/);
          }
        },
      ),
    );
  });
});

describe('knowledge text', () => {
  const knowledge =
    '*Vad säger LOU?*\n- en [lista](https://www.riksdagen.se/lou) & mer\n\n| a | b |\n|---|---|\n| 1 | 2 |';

  it("goes into a markdown block as written, with the core's *bold* as Markdown's **bold**", () => {
    const [message] = render(blocksReply([{ type: 'text', text: knowledge, markdown: true }]));
    expect(message!.blocks).toEqual([
      {
        type: 'markdown',
        text: '**Vad säger LOU?**\n- en [lista](https://www.riksdagen.se/lou) & mer\n\n| a | b |\n|---|---|\n| 1 | 2 |',
        block_id: 'n-0',
      },
    ]);
  });

  it("never carries a person's words: text with them stays in mrkdwn, escaped", () => {
    const text = `Du frågade: ${userText('<!channel> [klicka](https://evil.example)')}`;
    const [message] = render(blocksReply([{ type: 'text', text, markdown: true }]));
    expect(message!.blocks.map((b) => b.type)).toEqual(['section']);
    expect(mrkdwnStrings(message)).toEqual(['Du frågade: &lt;!channel&gt; [klicka](https://evil.example)']);
  });
});
