import { describe, expect, it } from 'vitest';
import { renderCards, renderReply, splitText, teamsMarkdown } from '../../src/adapters/teams/render.ts';
import type { Reply } from '../../src/core/model.ts';
import { blocksReply, textReply } from '../../src/core/reply.ts';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('Teams rendering', () => {
  it('translates the core light formatting to Teams markdown', () => {
    expect(teamsMarkdown('*Fråga 1 av 8*\nÄr motparten idéburen?')).toBe('**Fråga 1 av 8**\n\nÄr motparten idéburen?');
    expect(teamsMarkdown('Skäl:\n• ett\n• två')).toBe('Skäl:\n\n- ett\r- två');
    expect(teamsMarkdown('_kursiv_ och 5 * 3 * 2')).toBe('_kursiv_ och 5 * 3 * 2');
  });

  it('shows user text as written: no HTML, no injected markup', () => {
    expect(teamsMarkdown('skriv /iop kommun <namn> & <b>nu</b>')).toBe(
      'skriv /iop kommun &lt;namn&gt; & &lt;b&gt;nu&lt;/b&gt;',
    );
  });

  it('turns bare source URLs into links and leaves markdown links alone', () => {
    expect(teamsMarkdown('Källa · https://socialforum.se/iop/')).toBe(
      'Källa · [https://socialforum.se/iop/](https://socialforum.se/iop/)',
    );
    expect(teamsMarkdown('[Forum](https://socialforum.se)')).toBe('[Forum](https://socialforum.se)');
  });

  it('renders blocks as an Adaptive Card 1.5 with text, facts and Action.Execute buttons', () => {
    const reply = blocksReply([
      { type: 'heading', text: 'Resultat' },
      { type: 'fields', fields: [{ label: 'Kommun', value: 'Kungälv' }] },
      { type: 'divider' },
      { type: 'context', items: ['Startad av Anna', '8 frågor'] },
      { type: 'buttons', buttons: [{ label: 'Ja', actionId: 'checklist:answer', value: '{"a":1}', style: 'primary' }] },
    ]);
    const [message] = renderReply(reply);
    const card = message?.attachments?.[0]?.content;
    expect(message?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', fallbackText: reply.fallbackText });
    expect(card?.body).toEqual([
      { type: 'TextBlock', text: 'Resultat', wrap: true, weight: 'Bolder', size: 'Medium', style: 'heading' },
      { type: 'FactSet', facts: [{ title: 'Kommun', value: 'Kungälv' }] },
      {
        type: 'TextBlock',
        text: 'Startad av Anna · 8 frågor',
        wrap: true,
        isSubtle: true,
        size: 'Small',
        separator: true,
        spacing: 'Medium',
      },
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Execute',
            title: 'Ja',
            verb: 'checklist:answer',
            data: { value: '{"a":1}' },
            style: 'positive',
          },
        ],
      },
    ]);
    expect(message?.summary).toBe('Resultat\nKommun: Kungälv\nStartad av Anna\n8 frågor'.replace(/\s+/g, ' '));
  });

  it('sends prose as an ordinary markdown message', () => {
    expect(renderReply(textReply('Klart! Jag svarar nu på *svenska*.'))).toEqual([
      { type: 'message', text: 'Klart! Jag svarar nu på **svenska**.', textFormat: 'markdown' },
    ]);
  });

  it('splits a long answer into cards that each stay well under Teams’ 28 KB', () => {
    const paragraph =
      'Idéburet offentligt partnerskap är en samverkansform mellan det offentliga och civilsamhället. '.repeat(40);
    const reply: Reply = blocksReply([
      ...Array.from({ length: 30 }, () => ({ type: 'text' as const, text: paragraph })),
      { type: 'buttons', buttons: [{ label: '👍', actionId: 'feedback:up', value: 'a1' }] },
    ]);
    const messages = renderReply(reply);
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) expect(bytes(message)).toBeLessThan(28 * 1024);
    // Nothing lost, buttons last.
    const text = messages.flatMap((m) => m.attachments?.[0]?.content.body ?? []).filter((e) => e.type === 'TextBlock');
    expect(text).toHaveLength(30);
    expect(messages.at(-1)?.attachments?.[0]?.content.body.at(-1)?.type).toBe('ActionSet');
  });

  it('cuts a single enormous text block at paragraph and word boundaries', () => {
    const huge = Array.from({ length: 400 }, (_, i) => `Stycke ${i}: ${'ord '.repeat(40)}`).join('\n\n');
    const pieces = splitText(huge, 8_000);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.every((p) => Buffer.byteLength(p) <= 8_000)).toBe(true);
    expect(pieces.join('\n\n')).toBe(huge);
    for (const card of renderCards([{ type: 'text', text: huge }])) expect(bytes(card)).toBeLessThan(28 * 1024);
  });

  it('shows an exported file as text, since bots cannot upload files into channels', () => {
    const reply = {
      ...textReply('Sammanfattningen är klar.'),
      attachment: { filename: 'bedomning.md', mimeType: 'text/markdown', content: '# Bedömning\nIOP passar.' },
    };
    const messages = renderReply(reply);
    expect(messages).toHaveLength(2);
    expect(JSON.stringify(messages[1])).toMatch(/bedomning\.md[\s\S]*IOP passar/);
  });

  it('mentions people with an <at> text and a matching entity', () => {
    const [message] = renderReply(textReply('🔔 ringa Anna'), [{ id: 'b1f7c2d4', name: 'Anna Andersson' }]);
    const card = message?.attachments?.[0]?.content;
    expect(card?.body[0]).toMatchObject({ type: 'TextBlock', text: '<at>Anna Andersson</at>' });
    expect(card?.msteams).toEqual({
      entities: [
        { type: 'mention', text: '<at>Anna Andersson</at>', mentioned: { id: 'b1f7c2d4', name: 'Anna Andersson' } },
      ],
    });
  });

  it('shows the Markdown beside a Word export, since the bot uploads no files in Teams', () => {
    const reply: Reply = {
      ...textReply('Här är sammanfattningen.'),
      attachment: {
        filename: 'bedomning.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content: 'UEsDBA==',
        encoding: 'base64',
        textVersion: { filename: 'bedomning.md', mimeType: 'text/markdown', content: '# Röda korset' },
      },
    };
    const [, file] = renderReply(reply);
    const body = JSON.stringify(file?.attachments?.[0]?.content.body);
    expect(body).toContain('bedomning.md');
    expect(body).toContain('Röda korset');
    expect(body).not.toContain('UEsDBA');
  });
});
