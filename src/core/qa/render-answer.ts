import { type Translate, translator } from '../i18n/translator.ts';
import { ANSWER_ACTIONS, SAY_ACTION } from '../action-ids.ts';
import type { Block, Button, Citation, Reply } from '../model.ts';
import { blocksReply } from '../reply.ts';
import type { Answer } from './answer-question.ts';
import { type SourceCitation, sourceCitations } from './citations.ts';

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

// Teams shows at most 10 citations per message, names up to 80 characters and abstracts up to 160.
const MAX_CITATIONS = 10;
const MAX_CITATION_NAME = 80;
const MAX_CITATION_ABSTRACT = 160;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A source as a citation pill: its title, then publisher, kind, whether it only proposes and date as abstract. */
export function citationOf(citation: SourceCitation, t: Translate): Citation {
  const abstract = [
    citation.publisher,
    citation.kind ? t(`qa.sources.kind.${citation.kind}`) : undefined,
    citation.status ? t(`qa.sources.status.${citation.status}`) : undefined,
    citation.date,
  ].filter(Boolean);
  return {
    title: cut(citation.title || citation.publisher, MAX_CITATION_NAME),
    abstract: cut(abstract.join(' · '), MAX_CITATION_ABSTRACT),
    ...(citation.url ? { url: citation.url } : {}),
  };
}

const sameSource = (a: SourceCitation, b: SourceCitation) =>
  a.publisher === b.publisher && a.title === b.title && a.url === b.url;

/**
 * Which citations (1-based) each part of the answer rests on: a part's sources are those of the passage it was
 * written from. Citations no part claims (or all, when parts and passages do not line up) go with the first.
 */
function citesOfParts(answer: Answer): number[][] {
  const count = Math.min(answer.citations.length, MAX_CITATIONS);
  const cites: number[][] = answer.parts.map(() => []);
  if (answer.parts.length === answer.passages.length) {
    answer.passages.forEach((passage, i) => {
      for (const source of sourceCitations([passage])) {
        const at = answer.citations.findIndex((c) => sameSource(c, source));
        if (at >= 0 && at < count && !cites[i]?.includes(at + 1)) cites[i]?.push(at + 1);
      }
    });
  }
  const claimed = new Set(cites.flat());
  for (let n = 1; n <= count; n++) if (!claimed.has(n)) cites[0]?.push(n);
  return cites.map((c) => c.sort((a, b) => a - b));
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
  if (buttons.length > 0) blocks.push({ type: 'buttons', buttons, role: 'suggestions' });
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
  const cites = citesOfParts(answer);
  answer.parts.forEach((part, i) => {
    const text = part.label ? `*${part.label}*\n${part.text}` : part.text;
    const partCites = cites[i] ?? [];
    blocks.push(
      partCites.length > 0 ? { type: 'text', text, markdown: true, cites: partCites } : { type: 'text', text, markdown: true },
    );
  });
  if (answer.more.length > 0) {
    blocks.push({
      type: 'buttons',
      buttons: [{ label: t('qa.buttons.more'), actionId: ANSWER_ACTIONS.more, value: answer.more.join(' ') }],
    });
  }
  const sources = answer.citations.map((c) => citationLine(c, t));
  const citations = answer.citations.slice(0, MAX_CITATIONS).map((c) => citationOf(c, t));
  if (sources.length > 0) blocks.push({ type: 'context', items: sources, citations });
  const suggestions: Button[] = answer.followUps.map((q) => ({
    label: buttonLabel(q),
    actionId: SAY_ACTION,
    value: q,
  }));
  if (answer.offerChecklist) {
    suggestions.push({
      label: t('qa.buttons.checklist'),
      actionId: SAY_ACTION,
      value: t('help.commands.checklistCommand'),
      style: 'primary',
    });
  }
  if (suggestions.length > 0) blocks.push({ type: 'buttons', buttons: suggestions, role: 'suggestions' });
  if (offers.length > 0) blocks.push({ type: 'buttons', buttons: [...offers] });
  blocks.push({
    type: 'buttons',
    role: 'feedback',
    buttons: [
      { label: t('qa.buttons.up'), actionId: ANSWER_ACTIONS.feedbackUp, value: answerId },
      { label: t('qa.buttons.down'), actionId: ANSWER_ACTIONS.feedbackDown, value: answerId },
    ],
  });
  return blocksReply(blocks);
}
