// What answering one question works with: the answer's shape, its inputs, and the steps every way of answering
// shares (search, decline, assemble an answer).
import type { Translate } from '../i18n/translator.ts';
import type { Locale } from '../model.ts';
import type { Municipality, MunicipalityDirectory } from '../municipalities.ts';
import { type AnswerSource, citationsFor, type SourceCitation, sourceCitations } from './citations.ts';
import { type AnswerPart, followUpsFrom } from './compose.ts';
import type { KnowledgeBase, Passage, SearchHit, SearchResult } from './knowledge-base.ts';
import type { QuestionAnalysis } from './question.ts';
import type { SmallTalkKind } from './small-talk.ts';
import type { QaThread, ResolvedQuestion } from './thread.ts';

// The thread remembers at most this many words of what was asked.
const TOPIC_WORDS = 25;

export type DeclineReason = 'out-of-scope' | 'not-found' | 'grant-application';

/**
 * The outcome of one message: an answer with sources, a plain "I don't know" with what to do instead, or a
 * short reply to small talk.
 */
export interface Answer {
  status: 'answered' | 'declined' | 'small-talk' | 'clarify';
  declineReason?: DeclineReason;
  language: Locale;
  question: string;
  /** The knowledge question the answer answers (its main section's heading), shown as the answer's title. */
  title?: string;
  parts: AnswerPart[];
  /** Ids of the sections whose text continues behind "Visa mer" (what is shown of them is cut). */
  more: string[];
  /** When the assistant asks back ("Menade du …?"): the candidate questions. */
  clarify?: string[];
  /** The parts as one text (what `ask --json` prints as `answer`). */
  text: string;
  sources: AnswerSource[];
  /** One line per source used, for the source list in chat. */
  citations: SourceCitation[];
  /** 0–1; see matchOf. */
  confidence: number;
  /** Search score of the main passage, to compare answers to the same question in both languages. */
  score: number;
  followUps: string[];
  /** The question is really "does our case qualify?": offer the checklist. */
  offerChecklist: boolean;
  passages: Passage[];
  /** What the thread should remember when the answer was given. */
  thread?: Omit<QaThread, 'at'>;
}

export interface QaDeps {
  knowledge: KnowledgeBase;
  municipalities: MunicipalityDirectory;
}

export interface AskInput {
  question: string;
  /** Answer in this language whatever the question's (CLI --lang); otherwise the question's language. */
  language?: Locale;
  /** The user's language, used when the question's language cannot be told. */
  fallbackLanguage: Locale;
  /** The asker's municipality (user, channel or deployment): its guideline is preferred and named. */
  municipality?: Municipality;
  thread?: QaThread | null;
  /** Today's date (YYYY-MM-DD): an answer drawn from a guideline that ran out before it says so. */
  today?: string;
}

/** Everything one answer is worked out from. */
export interface Ctx {
  deps: QaDeps;
  input: AskInput;
  analysis: QuestionAnalysis;
  resolved: ResolvedQuestion;
  language: Locale;
  t: Translate;
}

export const round = (n: number) => Math.round(n * 100) / 100;
export const joinParts = (parts: AnswerPart[]) =>
  parts.map((p) => (p.label ? `*${p.label}*\n${p.text}` : p.text)).join('\n\n');

export function nameOf(ctx: Ctx, id: string): string {
  return ctx.deps.municipalities.get(id)?.name ?? id;
}

export function decline(ctx: Ctx, reason: DeclineReason, confidence: number): Answer {
  const { t, input, analysis } = ctx;
  const lines = [
    t(
      `qa.declined.${reason === 'grant-application' ? 'grant' : reason === 'out-of-scope' ? 'outOfScope' : 'notFound'}`,
    ),
  ];
  if (reason !== 'grant-application') lines.push(t('qa.declined.rephrase'));
  const home = input.municipality;
  if (home?.contact) lines.push(t('qa.declined.askContact', { contact: home.contact, municipality: home.name }));
  else if (home) lines.push(t('qa.declined.askMunicipality', { municipality: home.name }));
  else lines.push(t('qa.declined.askGeneric'));
  if (analysis.qualifies) lines.push(t('qa.declined.checklist'));
  const parts = [{ text: lines.join(' ') }];
  return {
    status: 'declined',
    declineReason: reason,
    language: ctx.language,
    question: analysis.text,
    parts,
    text: joinParts(parts),
    sources: [],
    citations: [],
    more: [],
    confidence: round(confidence),
    score: 0,
    followUps: [],
    offerChecklist: analysis.qualifies,
    passages: [],
  };
}

/** "Menade du …?": the question back, with the candidate questions to press. */
export function askBack(ctx: Ctx, candidates: string[], confidence: number): Answer {
  const parts = [{ text: ctx.t('qa.clarify.question') }];
  return {
    status: 'clarify',
    language: ctx.language,
    question: ctx.analysis.text,
    parts,
    text: joinParts(parts),
    more: [],
    clarify: candidates,
    sources: [],
    citations: [],
    confidence: round(confidence),
    score: 0,
    followUps: [],
    offerChecklist: ctx.analysis.qualifies,
    passages: [],
  };
}

/** A short friendly reply to thanks, a greeting or a rude remark: no sources, nothing to follow up. */
export function smallTalk(ctx: Ctx, kind: SmallTalkKind): Answer {
  const parts = [{ text: ctx.t(`qa.smallTalk.${kind}`) }];
  return {
    status: 'small-talk',
    language: ctx.language,
    question: ctx.analysis.text,
    parts,
    text: joinParts(parts),
    more: [],
    sources: [],
    citations: [],
    confidence: 1,
    score: 0,
    followUps: [],
    offerChecklist: false,
    passages: [],
  };
}

/** One short line per document the answer draws on whose `valid_until` has passed. */
function expiryNotes(ctx: Ctx, passages: Passage[]): AnswerPart[] {
  const today = ctx.input.today;
  if (!today) return [];
  const expired = new Map<string, Passage>();
  for (const p of passages) if (p.validUntil && p.validUntil < today) expired.set(p.documentId, p);
  return [...expired.values()].map((p) => ({
    text: p.municipality
      ? ctx.t('qa.answer.expired', { municipality: nameOf(ctx, p.municipality), date: p.validUntil ?? '' })
      : ctx.t('qa.answer.expiredDocument', { title: p.documentTitle, date: p.validUntil ?? '' }),
  }));
}

/** An answer from knowledge sections; `title` is the question it answers, `more` the sections cut short. */
export function answered(
  ctx: Ctx,
  parts: AnswerPart[],
  passages: Passage[],
  hits: SearchHit[],
  confidence: number,
  shape: { score?: number; title?: string; more?: string[] } = {},
): Answer {
  const topic = [ctx.resolved.text, ctx.resolved.context ?? '']
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, TOPIC_WORDS)
    .join(' ');
  parts.push(...expiryNotes(ctx, passages));
  return {
    status: 'answered',
    language: ctx.language,
    question: ctx.analysis.text,
    ...(shape.title ? { title: shape.title } : {}),
    parts,
    text: joinParts(parts),
    more: shape.more ?? [],
    sources: citationsFor(passages, ctx.deps.municipalities),
    citations: sourceCitations(passages),
    confidence: round(confidence),
    score: shape.score ?? 0,
    followUps: followUpsFrom(hits.slice(0, 8), passages, ctx.analysis.text),
    offerChecklist: ctx.analysis.qualifies,
    passages,
    thread: {
      topic,
      language: ctx.language,
      municipalities: ctx.resolved.municipalities,
      passageIds: passages.map((p) => p.id),
    },
  };
}

// The asking sentence of a longer message must carry at least this much topic (summed word weight) to be searched
// alone; "Kan det ändå bli en IOP?" after its background is searched together with the background.
const MIN_FOCUS_WEIGHT = 1.5;

export function search(
  ctx: Ctx,
  options: { only?: string; boost?: (p: Passage) => number; expandAbbreviations?: boolean },
): SearchResult {
  const first = searchOnce(ctx, ctx.resolved.text, ctx.resolved.context, options);
  const aside = ctx.analysis.asideText;
  // "Vad är IOP egentligen?" names its topic, however common: the background stays aside.
  if (!aside || ctx.resolved.followUp || ctx.analysis.definitional) return first;
  const focusWeight = first.terms.filter((t) => !t.fromContext).reduce((s, t) => s + Math.min(t.weight, 3), 0);
  return focusWeight >= MIN_FOCUS_WEIGHT ? first : searchOnce(ctx, `${aside} ${ctx.resolved.text}`, undefined, options);
}

function searchOnce(
  ctx: Ctx,
  text: string,
  context: string | undefined,
  options: { only?: string; boost?: (p: Passage) => number; expandAbbreviations?: boolean },
): SearchResult {
  const { only, boost, expandAbbreviations } = options;
  return ctx.deps.knowledge.search({
    text,
    context,
    language: ctx.language,
    filter: only ? (p) => p.municipality === only : undefined,
    boost,
    expandAbbreviations,
    // Enough candidates for the section whose question matches best to be among them.
    limit: 20,
  });
}

/**
 * How much a passage's place counts: the place the question names, else the asker's own, is preferred; other
 * places' documents answer general questions less well.
 */
export function placeBoost(ctx: Ctx): (passage: Passage) => number {
  const named = ctx.resolved.municipalities[0];
  const home = ctx.input.municipality?.id;
  // The place the question names is preferred as the asker's own is.
  const preferred = named ?? home;
  return (p) => (p.municipality ? (p.municipality === preferred ? 1.4 : 0.5) : 1);
}

/** A municipality named with no topic ("Kungälv?"): the overview passage of its own document. */
export function overview(ctx: Ctx, municipality: string): Passage | undefined {
  return ctx.deps.knowledge.passages(ctx.language).find((p) => p.municipality === municipality);
}
