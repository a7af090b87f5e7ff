import { type Translate, translator } from '../i18n/translator.ts';
import { ANSWER_ACTIONS, SAY_ACTION } from '../action-ids.ts';
import type { Block, Button, Reply } from '../model.ts';
import { blocksReply } from '../reply.ts';
import type { Answer } from './answer-question.ts';
import type { SourceCitation } from './citations.ts';

// Slack cuts button text at 75 characters; Teams wraps long ones badly.
const MAX_LABEL = 75;

/** A button label of at most MAX_LABEL characters, cut after a whole word ("Vad gäller för…", not "Vad gä…"). */
export function buttonLabel(text: string): string {
  if (text.length <= MAX_LABEL) return text;
  const room = text.slice(0, MAX_LABEL - 1);
  const lastSpace = room.lastIndexOf(' ');
  // A single word longer than the label is cut where it must be.
  const cut = lastSpace > MAX_LABEL / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** One source as an official would cite it: publisher, title, kind, whether it only proposes, date, link. */
export function citationLine(citation: SourceCitation, t: Translate): string {
  const source = citation.title ? `${citation.publisher}: ${citation.title}` : citation.publisher;
  const details = [
    citation.kind ? t(`qa.sources.kind.${citation.kind}`) : undefined,
    citation.status ? t(`qa.sources.status.${citation.status}`) : undefined,
    citation.date,
  ].filter(Boolean);
  const line =
    details.length > 0
      ? t('qa.sources.item', { source, details: details.join(', ') })
      : t('qa.sources.itemPlain', { source });
  return citation.url ? `${line} · ${citation.url}` : line;
}

/** "Menade du …?": the question back, each candidate question a button that asks it. */
function clarifyReply(answer: Answer): Reply {
  const t = translator(answer.language);
  const buttons: Button[] = (answer.clarify ?? []).map((q) => ({
    label: buttonLabel(q),
    actionId: SAY_ACTION,
    value: q,
  }));
  if (answer.offerChecklist) {
    buttons.push({
      label: t('qa.buttons.checklist'),
      actionId: SAY_ACTION,
      value: t('help.commands.checklistCommand'),
    });
  }
  const blocks: Block[] = [{ type: 'text', text: answer.text }];
  if (buttons.length > 0) blocks.push({ type: 'buttons', buttons });
  return blocksReply(blocks);
}

/**
 * An answer as one message: the question it answers as its title, the answer, "Visa mer" when a section was cut
 * short, its sources as a context list, follow-up questions as buttons (and the checklist when the question was
 * "does our case qualify?", and `offers` from other features, such as a reminder before a guideline expires),
 * then 👍/👎.
 */
export function renderAnswer(answer: Answer, answerId: string, offers: readonly Button[] = []): Reply {
  if (answer.status === 'clarify') return clarifyReply(answer);
  const t = translator(answer.language);
  const blocks: Block[] = answer.title ? [{ type: 'heading', text: answer.title }] : [];
  for (const part of answer.parts) {
    const text = part.label ? `*${part.label}*\n${part.text}` : part.text;
    blocks.push({ type: 'text', text, markdown: true });
  }
  if (answer.more.length > 0) {
    blocks.push({
      type: 'buttons',
      buttons: [{ label: t('qa.buttons.more'), actionId: ANSWER_ACTIONS.more, value: answer.more.join(' ') }],
    });
  }
  const sources = answer.citations.map((c) => citationLine(c, t));
  if (sources.length > 0) blocks.push({ type: 'context', items: sources });
  const next: Button[] = answer.followUps.map((q) => ({ label: buttonLabel(q), actionId: SAY_ACTION, value: q }));
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
      { label: t('qa.buttons.up'), actionId: ANSWER_ACTIONS.feedbackUp, value: answerId },
      { label: t('qa.buttons.down'), actionId: ANSWER_ACTIONS.feedbackDown, value: answerId },
    ],
  });
  return blocksReply(blocks);
}
