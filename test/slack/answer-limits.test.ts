/**
 * The answer shape at its largest — a long title, long sections, many sources and follow-ups — posted through the
 * real app: every message it becomes stays within Slack's Block Kit limits, and nothing is cut mid-word.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Feature } from '../../src/core/feature.ts';
import type { Answer } from '../../src/core/qa/answer-question.ts';
import { renderAnswer } from '../../src/core/qa/render-answer.ts';
import { testBot } from '../support/bot.ts';
import { postEvent } from '../support/slack-requests.ts';
import { mentionEvent } from './fixtures.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

const sentence = (n: number) => `Mening ${n} om idéburet offentligt partnerskap och vad kommunen behöver tänka på. `;
const paragraph = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join('');
const followUp = (n: number) =>
  `Vad gäller för uppföljning nummer ${n} av ett idéburet offentligt partnerskap när verksamheten växer och fler aktörer tillkommer?`;

const longAnswer: Answer = {
  status: 'answered',
  language: 'sv',
  question: 'allt om IOP',
  title: `${'Vad säger riktlinjerna om idéburet offentligt partnerskap '.repeat(5)}?`,
  parts: [
    { text: `${paragraph(0, 300)}\n\n- en punkt\n- en [länk](https://www.riksdagen.se/lou)` },
    { label: 'Kungälvs kommun', text: paragraph(300, 60) },
    ...Array.from({ length: 30 }, (_, i) => ({ label: `Avsnitt ${i}`, text: sentence(1000 + i) })),
  ],
  more: Array.from({ length: 40 }, (_, i) => `section-${i}`),
  text: '',
  sources: [],
  citations: Array.from({ length: 14 }, (_, i) => ({
    publisher: `Utgivare ${i}`,
    title: `Riktlinjer för idéburet offentligt partnerskap ${'med en mycket lång titel '.repeat(8)}${i}`,
    kind: 'municipal' as const,
    date: '2024-01-01',
    url: `https://www.kungalv.se/iop/${i}`,
  })),
  confidence: 0.9,
  score: 1,
  followUps: Array.from({ length: 30 }, (_, i) => followUp(i)),
  offerChecklist: true,
  passages: [],
};

const answers: Feature = { name: 'long', intents: { ask: async () => [renderAnswer(longAnswer, 'a-long')] } };

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('answer-limits', {
    bot: (runtime) => testBot({ store: runtime.store, features: [answers] }).bot,
  });
});
afterAll(() => h.close());

// biome-ignore lint/suspicious/noExplicitAny: recorded Block Kit JSON, read field by field.
type Json = Record<string, any>;

it('stays within Slack limits and cuts follow-up labels at a word', async () => {
  await postEvent(h.eventsUrl, mentionEvent({ text: '<@UBOT> allt om IOP' }));
  await h.settle();
  const messages = h.api.callsTo('chat.postMessage').map((c) => c.args as Json);
  expect(messages.length).toBeGreaterThan(1);
  const labels: string[] = [];
  for (const message of messages) {
    const blocks = message.blocks as Json[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(String(message.text).length).toBeLessThanOrEqual(3000);
    let markdownChars = 0;
    for (const block of blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
      if (block.type === 'markdown') markdownChars += block.text.length;
      if (block.type === 'context') {
        expect(block.elements.length).toBeLessThanOrEqual(10);
        for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(3000);
      }
      if (block.type === 'actions') {
        expect(block.elements.length).toBeLessThanOrEqual(25);
        for (const e of block.elements) {
          expect(e.text.text.length).toBeLessThanOrEqual(75);
          expect(String(e.value ?? '').length).toBeLessThanOrEqual(2000);
          if (e.action_id.startsWith('say:text')) labels.push(e.text.text);
        }
      }
      if (block.type === 'context_actions') {
        for (const thumb of [block.elements[0].positive_button, block.elements[0].negative_button]) {
          expect(thumb.text.text.length).toBeLessThanOrEqual(75);
          expect(thumb.accessibility_label.length).toBeLessThanOrEqual(75);
          expect(thumb.value.length).toBeLessThanOrEqual(2000);
        }
      }
    }
    // Slack's limit for all markdown blocks of one message together.
    expect(markdownChars).toBeLessThanOrEqual(12_000);
  }

  // The shape: the question it answers first, "Visa mer", and the thumbs last.
  const all = messages.flatMap((m) => m.blocks as Json[]);
  expect(all[0]).toMatchObject({ type: 'header' });
  expect(
    all
      .filter((b) => b.type === 'markdown')
      .map((b) => b.text)
      .join('\n'),
  ).toContain('[länk](https://www.riksdagen.se/lou)');
  expect(all.some((b) => b.type === 'actions' && b.elements.some((e: Json) => e.text.text === 'Visa mer'))).toBe(true);
  expect(all.at(-1)).toMatchObject({ type: 'context_actions' });

  // Each follow-up label is the question, or its start up to a whole word followed by "…".
  const followUps = labels.filter((l) => l.startsWith('Vad gäller'));
  expect(followUps).toHaveLength(30);
  for (const [i, label] of followUps.entries()) {
    const question = followUp(i);
    if (label === question) continue;
    expect(label.endsWith('…')).toBe(true);
    const start = label.slice(0, -1);
    expect(question.startsWith(start)).toBe(true);
    expect(question[start.length]).toBe(' ');
  }
});
