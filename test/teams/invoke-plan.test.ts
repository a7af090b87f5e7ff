import { describe, expect, it } from 'vitest';
import { planInvoke } from '../../src/adapters/teams/invoke-plan.ts';
import type { Block, Reply } from '../../src/core/model.ts';
import { blocksReply, textReply } from '../../src/core/reply.ts';
import { translator } from '../../src/core/i18n/translator.ts';
import { textOf } from './cards.ts';

const sv = translator('sv');

const chat = { channel: false, personal: true };
const group = { channel: false, personal: false };
const channel = { channel: true, personal: false };

const question = (n: number): Block[] => [
  { type: 'text', text: `Fråga ${n}` },
  { type: 'buttons', buttons: [{ label: 'Ja', actionId: 'checklist:answer', value: `q${n}-ja` }] },
];
const answered = (n: number): Block[] => [
  { type: 'text', text: `Fråga ${n}: Ja` },
  { type: 'buttons', buttons: [{ label: 'Ändra till Nej', actionId: 'checklist:answer', value: `q${n}-nej` }] },
];
const update = (blocks: Block[], id = 'card-1'): Reply => blocksReply(blocks, { kind: 'update', messageId: id });
const cardText = (plan: ReturnType<typeof planInvoke>) => (plan.card ? textOf(plan.card) : '');

describe('planning the answer to a card press', () => {
  it('in a chat, folds the next question into the pressed card and remembers its parts', () => {
    const press = { cardId: 'card-1', actionId: 'checklist:answer', value: 'q1-ja' };
    const plan = planInvoke([update(answered(1)), blocksReply(question(2))], press, chat, null, sv);
    expect(cardText(plan)).toBe('Fråga 1: Ja\nFråga 2');
    expect(plan.followUps).toEqual([]);
    expect(plan.updateForAll).toBeUndefined();
    expect(plan.segments?.map((s) => s.blocks)).toEqual([answered(1), question(2)]);
  });

  it('replaces only the pressed part of a folded card', () => {
    const remembered = [
      { blocks: answered(1), fallbackText: '1' },
      { blocks: question(2), fallbackText: '2' },
    ];
    // A change of the first answer keeps question 2 open in the card.
    const change = planInvoke(
      [update([{ type: 'text', text: 'Fråga 1: Nej' }])],
      { cardId: 'card-1', actionId: 'checklist:answer', value: 'q1-nej' },
      chat,
      remembered,
      sv,
    );
    expect(cardText(change)).toBe('Fråga 1: Nej\nFråga 2');
    // An answer to question 2 keeps the first answer and adds question 3.
    const next = planInvoke(
      [update(answered(2)), blocksReply(question(3))],
      { cardId: 'card-1', actionId: 'checklist:answer', value: 'q2-ja' },
      chat,
      remembered,
      sv,
    );
    expect(cardText(next)).toBe('Fråga 1: Ja\nFråga 2: Ja\nFråga 3');
  });

  it('in a group chat, shows everyone the card without the presser’s private notes', () => {
    const press = { cardId: 'card-1', actionId: 'checklist:answer', value: 'q1-ja' };
    const notice = textReply('Bertil svarade redan Ja.', [], { kind: 'private' });
    const plan = planInvoke([update(answered(1)), notice], press, group, null, sv);
    expect(cardText(plan)).toMatch(/Bertil svarade redan/);
    expect(JSON.stringify(plan.updateForAll)).not.toMatch(/Bertil svarade redan/);
  });

  it('shows a private note that changes no card to the presser only', () => {
    const why = blocksReply([{ type: 'text', text: '*Varför frågar vi?*\nFör att…' }], { kind: 'private' });
    const plan = planInvoke([why], { cardId: 'card-1', actionId: 'checklist:why', value: 'q1' }, chat, null, sv);
    expect(plan).toEqual({ notice: 'Varför frågar vi?\nFör att…', overflow: [], followUps: [] });
  });

  it('delivers answers to a suggested prompt as messages and leaves the card alone', () => {
    const answer = textReply('IOP är…');
    const plan = planInvoke(
      [answer],
      { cardId: 'welcome', actionId: 'say:text', value: 'Vad är IOP?' },
      chat,
      null,
      sv,
    );
    expect(plan.card).toBeUndefined();
    expect(plan.followUps).toEqual([answer]);
  });

  it('in a channel, replaces the card and posts the next question in the thread', () => {
    const next = blocksReply(question(2));
    const plan = planInvoke(
      [update(answered(1)), next],
      { cardId: 'card-1', actionId: 'checklist:answer', value: 'q1-ja' },
      channel,
      null,
      sv,
    );
    expect(cardText(plan)).toBe('Fråga 1: Ja');
    expect(plan.updateForAll).toBeDefined();
    expect(plan.followUps).toEqual([next]);
    expect(plan.segments).toBeUndefined();
  });

  it('keeps a folded card within one Adaptive Card by dropping the oldest parts', () => {
    const long = (n: number): Block[] => [{ type: 'text', text: `Svar ${n} ${'x'.repeat(3_000)}` }];
    const remembered = Array.from({ length: 12 }, (_, i) => ({ blocks: long(i), fallbackText: `${i}` }));
    remembered.push({ blocks: question(13), fallbackText: '13' });
    const plan = planInvoke(
      [update(answered(13)), blocksReply(question(14))],
      { cardId: 'card-1', actionId: 'checklist:answer', value: 'q13-ja' },
      chat,
      remembered,
      sv,
    );
    expect(plan.overflow).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(plan.card))).toBeLessThan(28 * 1024);
    expect(cardText(plan)).toMatch(/Fråga 13: Ja\nFråga 14$/);
    expect(cardText(plan)).not.toMatch(/Svar 0 /);
  });

  it('still delivers a file export whose message went into the card', () => {
    const exported = {
      ...blocksReply([{ type: 'text', text: 'Export klar' }]),
      attachment: { filename: 'a.md', mimeType: 'text/markdown', content: '# A' },
    };
    const plan = planInvoke(
      [update(answered(1)), exported],
      { cardId: 'card-1', actionId: 'checklist:answer', value: 'q1-ja' },
      chat,
      null,
      sv,
    );
    expect(cardText(plan)).toMatch(/Export klar/);
    expect(plan.followUps).toEqual([{ ...exported, blocks: [], placement: { kind: 'reply' } }]);
  });
});
