import { translator } from '../../i18n/translator.ts';
import { SAY_ACTION } from '../bot.ts';
import type { Block, Button, Reply } from '../model.ts';
import { blocksReply } from '../reply.ts';
import type { Answer } from './answer-question.ts';

/** Action ids of the answer's feedback buttons; the value is the answer id. */
export const FEEDBACK_UP = 'feedback:up';
export const FEEDBACK_DOWN = 'feedback:down';

// Slack cuts button text at 75 characters; Teams wraps long ones badly.
const MAX_LABEL = 75;
const MAX_PUBLISHERS = 4;

function label(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

/**
 * An answer as one message: the answer, its sources as a compact context list, follow-up questions as
 * buttons (and the checklist when the question was "does our case qualify?", and `offers` from other features,
 * such as a reminder before a guideline expires), then 👍/👎.
 */
export function renderAnswer(answer: Answer, answerId: string, offers: readonly Button[] = []): Reply {
  const t = translator(answer.language);
  const blocks: Block[] = answer.parts.map((part) => ({
    type: 'text',
    text: part.label ? `*${part.label}*\n${part.text}` : part.text,
  }));
  const sources = answer.citations.map((c) => {
    const publishers =
      c.publishers.slice(0, MAX_PUBLISHERS).join(', ') + (c.publishers.length > MAX_PUBLISHERS ? ' …' : '');
    const params = { title: c.title, section: c.section, publishers };
    const line = c.municipality
      ? t('qa.sources.itemMunicipality', { ...params, municipality: c.municipality })
      : t('qa.sources.item', params);
    return c.url ? `${line} · ${c.url}` : line;
  });
  if (sources.length > 0) blocks.push({ type: 'context', items: sources });
  const next: Button[] = answer.followUps.map((q) => ({ label: label(q), actionId: SAY_ACTION, value: q }));
  if (answer.offerChecklist) {
    next.push({
      label: t('qa.buttons.checklist'),
      actionId: SAY_ACTION,
      value: t('help.commands.checklistCommand'),
      style: 'primary',
    });
  }
  next.push(...offers);
  if (next.length > 0) blocks.push({ type: 'buttons', buttons: next });
  blocks.push({
    type: 'buttons',
    buttons: [
      { label: t('qa.buttons.up'), actionId: FEEDBACK_UP, value: answerId },
      { label: t('qa.buttons.down'), actionId: FEEDBACK_DOWN, value: answerId },
    ],
  });
  return blocksReply(blocks);
}
