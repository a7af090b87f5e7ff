import { type Translate, translator } from '../../i18n/translator.ts';
import type { Locale } from '../model.ts';
import type { Municipality, MunicipalityDirectory } from '../municipalities.ts';
import {
  type AnswerPart,
  type AnswerSource,
  citationsFor,
  confidenceOf,
  followUpsFrom,
  inField,
  mainText,
  type PassageCitation,
  passageCitations,
  relevantSentences,
  sentencesText,
  supportingText,
  unknownWords,
} from './compose.ts';
import type { KnowledgeBase, Passage, SearchHit, SearchResult } from './knowledge-base.ts';
import { detectLanguage } from './language.ts';
import { MIN_CONFIDENCE, ranked, secondPassage } from './passage-choice.ts';
import { analyseQuestion, type QuestionAnalysis } from './question.ts';
import { type QaThread, type ResolvedQuestion, resolveQuestion } from './thread.ts';

const MAX_COMPARED = 3;
const TOPIC_WORDS = 25;

export type DeclineReason = 'out-of-scope' | 'not-found' | 'grant-application';

/** The outcome of one question: an answer with sources, or a plain "I don't know" with what to do instead. */
export interface Answer {
  status: 'answered' | 'declined';
  declineReason?: DeclineReason;
  language: Locale;
  question: string;
  parts: AnswerPart[];
  /** The parts as one text (what `ask --json` prints as `answer`). */
  text: string;
  sources: AnswerSource[];
  /** One line per passage used, for the compact source list in chat. */
  citations: PassageCitation[];
  /** 0–1; see confidenceOf. */
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
}

interface Ctx {
  deps: QaDeps;
  input: AskInput;
  analysis: QuestionAnalysis;
  resolved: ResolvedQuestion;
  language: Locale;
  t: Translate;
}

const round = (n: number) => Math.round(n * 100) / 100;
const joinParts = (parts: AnswerPart[]) =>
  parts.map((p) => (p.label ? `*${p.label}*\n${p.text}` : p.text)).join('\n\n');

function nameOf(ctx: Ctx, id: string): string {
  return ctx.deps.municipalities.get(id)?.name ?? id;
}

function decline(ctx: Ctx, reason: DeclineReason, confidence: number, hits: SearchHit[] = []): Answer {
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
  // Near misses are offered as questions to press, never presented as the answer.
  const suggestions = reason === 'not-found' ? followUpsFrom(hits.slice(0, 3), [], analysis.text) : [];
  if (suggestions.length > 0) lines.push(t('qa.declined.didYouMean'));
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
    confidence: round(confidence),
    score: 0,
    followUps: suggestions,
    offerChecklist: analysis.qualifies,
    passages: [],
  };
}

function answered(
  ctx: Ctx,
  parts: AnswerPart[],
  passages: Passage[],
  hits: SearchHit[],
  confidence: number,
  score = 0,
): Answer {
  const topic = [ctx.resolved.text, ctx.resolved.context ?? '']
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, TOPIC_WORDS)
    .join(' ');
  if (ctx.analysis.qualifies) parts.push({ text: ctx.t('qa.answer.checklistOffer') });
  return {
    status: 'answered',
    language: ctx.language,
    question: ctx.analysis.text,
    parts,
    text: joinParts(parts),
    sources: citationsFor(passages, ctx.deps.municipalities),
    citations: passageCitations(passages, ctx.deps.municipalities),
    confidence: round(confidence),
    score,
    followUps: followUpsFrom(hits, passages, ctx.analysis.text),
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

function search(
  ctx: Ctx,
  options: { only?: string; boost?: (p: Passage) => number; expandAbbreviations?: boolean },
): SearchResult {
  const { only, boost, expandAbbreviations } = options;
  return ctx.deps.knowledge.search({
    text: ctx.resolved.text,
    context: ctx.resolved.context,
    language: ctx.language,
    filter: only ? (p) => p.municipality === only : undefined,
    boost,
    expandAbbreviations,
    limit: 8,
  });
}

/** A municipality named with no topic ("Kungälv?"): the overview passage of its own document. */
function overview(ctx: Ctx, municipality: string): Passage | undefined {
  return ctx.deps.knowledge.passages(ctx.language).find((p) => p.municipality === municipality);
}

// In a comparison, a passage scoring at least this share of a place's best may be shown instead, when its heading
// asks what the first place's shown heading asks: criteria beside criteria, not criteria beside background.
const ALIKE_SCORE = 0.7;

/** The hit to compare with `first`: the best one, or a near-best whose heading is more like first's heading. */
function alike(ctx: Ctx, result: SearchResult, first: Passage | undefined): SearchHit | undefined {
  const best = result.hits[0];
  if (!best || !first) return best;
  const terms = ctx.deps.knowledge.terms?.bind(ctx.deps.knowledge);
  if (!terms) return best;
  const names = new Set(ctx.resolved.municipalities.flatMap((id) => terms(nameOf(ctx, id), ctx.language)));
  const headingTerms = (p: Passage) => new Set(terms(p.heading, ctx.language).filter((t) => !names.has(t)));
  const target = headingTerms(first);
  const likeness = (hit: SearchHit) => [...headingTerms(hit.passage)].filter((t) => target.has(t)).length;
  const candidates = result.hits.slice(0, 3).filter((h) => h.score >= best.score * ALIKE_SCORE);
  return candidates.reduce((a, b) => (likeness(b) > likeness(a) ? b : a), best);
}

function compare(ctx: Ctx): Answer {
  const ids = ctx.resolved.municipalities.slice(0, MAX_COMPARED);
  const parts: AnswerPart[] = [];
  const passages: Passage[] = [];
  const hits: SearchHit[] = [];
  const confidences: number[] = [];
  // "Kungälv vs Ekerö" with no topic (and no earlier question) compares the overviews.
  const noTopic = !ctx.resolved.followUp && ctx.analysis.topicWords === 0;
  const results = ids.map((id) => ranked(search(ctx, { only: id })));
  // The place answered most surely sets what is compared (a heading that names the question's words wins a tie);
  // the others show their passage most like it.
  const terms = ctx.deps.knowledge.terms?.bind(ctx.deps.knowledge);
  const inHeading = (r: SearchResult) => {
    const heading = new Set(terms && r.hits[0] ? terms(r.hits[0].passage.heading, ctx.language) : []);
    return r.terms.filter((t) => !t.fromContext && heading.has(t.term)).length;
  };
  const sureness = (r: SearchResult) => (r.hits[0] ? confidenceOf(r.hits[0], r.terms) + 0.01 * inHeading(r) : 0);
  const anchor = results.reduce((a, b) => (sureness(b) > sureness(a) ? b : a), results[0]!).hits[0]?.passage;
  for (const [i, id] of ids.entries()) {
    const result = results[i]!;
    const best = noTopic ? undefined : alike(ctx, result, anchor);
    const confidence = best ? confidenceOf(best, result.terms) : 0;
    const passage =
      best && confidence >= MIN_CONFIDENCE
        ? best.passage
        : noTopic || result.terms.length === 0
          ? overview(ctx, id)
          : undefined;
    if (passage) {
      parts.push({ label: `${nameOf(ctx, id)} – ${passage.heading}`, text: mainText(passage) });
      passages.push(passage);
      confidences.push(best ? confidence : 1);
      hits.push(...result.hits.slice(1));
    } else
      parts.push({
        label: nameOf(ctx, id),
        text: ctx.t('qa.answer.compareMissing', { municipality: nameOf(ctx, id) }),
      });
  }
  if (passages.length === 0) return decline(ctx, 'not-found', 0);
  return answered(ctx, parts, passages, hits, Math.min(...confidences));
}

function single(ctx: Ctx): Answer {
  const named = ctx.resolved.municipalities[0];
  const home = ctx.input.municipality?.id;
  const definitional = ctx.analysis.definitional;
  // A question naming a municipality is answered from that municipality's own documents when they can.
  if (named) {
    const local = ranked(search(ctx, { only: named }));
    const top = local.hits[0];
    if (top && confidenceOf(top, local.terms) >= MIN_CONFIDENCE) return compose(ctx, local, top, undefined);
    if (local.terms.length === 0) {
      const place = overview(ctx, named);
      if (place) return answered(ctx, [{ text: mainText(place) }], [place], [], 1);
    }
  }
  const boost = (p: Passage) => {
    let factor = p.kind === 'glossary' ? (definitional ? 1.6 : 0.8) : 1;
    // The asker's own guideline is preferred; other places' documents answer general questions less well.
    if (p.municipality) factor *= !named && p.municipality === home ? 1.4 : 0.5;
    return factor;
  };
  const result = ranked(search(ctx, { boost, expandAbbreviations: definitional }));
  const top = result.hits[0];
  const confidence = top ? confidenceOf(top, result.terms) : 0;
  if (!top || confidence < MIN_CONFIDENCE) {
    const reason = result.terms.length > 0 && !inField(result.terms) ? 'out-of-scope' : 'not-found';
    return decline(ctx, reason, confidence, result.hits);
  }
  // The asker's own guideline leads when it answers about as fully as the best general passage.
  const own =
    home && !named && !definitional
      ? result.hits.find((h) => h.passage.municipality === home && h.score >= top.score * 0.5)
      : undefined;
  const lead = own && confidenceOf(own, result.terms) >= confidence - 0.05 ? own : top;
  return compose(ctx, result, lead, named);
}

// A message asking more than this many things gets the first ones answered part by part.
const MAX_SUB_QUESTIONS = 3;

/**
 * For a question that asks two things, the best passage for each part (searched with the rest of the
 * question as context), when it answers that part well enough and is not shown yet.
 */
function subQuestionPassages(ctx: Ctx, shown: Passage[]): Passage[] {
  const subs = ctx.analysis.subQuestions;
  if (subs.length < 2 || ctx.resolved.followUp) return [];
  const named = ctx.resolved.municipalities[0];
  const extra: Passage[] = [];
  for (const [i, sub] of subs.slice(0, MAX_SUB_QUESTIONS).entries()) {
    const result = ranked(
      ctx.deps.knowledge.search({
        text: sub,
        context: subs.filter((_, j) => j !== i).join(' '),
        language: ctx.language,
        filter: named ? (p) => p.municipality === named : undefined,
        limit: 5,
      }),
    );
    const best = result.hits[0];
    if (!best || confidenceOf(best, result.terms) < MIN_CONFIDENCE) continue;
    if ([...shown, ...extra].some((p) => p.id === best.passage.id)) continue;
    extra.push(best.passage);
  }
  return extra;
}

// Sentences are taken from this many of the best passages, each scoring at least this share of the best one.
const SENTENCE_PASSAGES = 5;
const SENTENCE_PASSAGE_SCORE = 0.05;

/**
 * Sentences of the other top passages (and of the parts of shown passages that were cut) that cover the question
 * and are not yet in the answer. Passages of another municipality than the one asked about are left out.
 */
function neighbouringSentences(ctx: Ctx, result: SearchResult, top: SearchHit, parts: AnswerPart[]) {
  const analyseText = ctx.deps.knowledge.terms?.bind(ctx.deps.knowledge);
  if (!analyseText) return [];
  const named = ctx.resolved.municipalities;
  const home = ctx.input.municipality?.id;
  const candidates = result.hits
    .slice(0, SENTENCE_PASSAGES)
    .filter((h) => h.score >= top.score * SENTENCE_PASSAGE_SCORE)
    .filter(
      (h) =>
        !h.passage.municipality ||
        h.passage.municipality === top.passage.municipality ||
        named.includes(h.passage.municipality) ||
        h.passage.municipality === home,
    );
  const shown = parts.map((p) => p.text).join(' ');
  return relevantSentences(candidates, result.terms, shown, (text) => analyseText(text, ctx.language));
}

/** The answer text around a chosen passage: notes, the passage, a supporting passage. */
function compose(ctx: Ctx, result: SearchResult, top: SearchHit, missingPlace: string | undefined): Answer {
  const home = ctx.input.municipality?.id;
  const parts: AnswerPart[] = [];
  const unknown = unknownWords(result.terms);
  if (unknown.length > 0) {
    const quote = ctx.language === 'sv' ? (w: string) => `”${w}”` : (w: string) => `“${w}”`;
    parts.push({ text: ctx.t('qa.answer.unknownWords', { words: unknown.map(quote).join(', ') }) });
  }
  if (missingPlace) {
    parts.push({ text: ctx.t('qa.answer.notInMunicipality', { municipality: nameOf(ctx, missingPlace) }) });
  }
  if (home && top.passage.municipality === home && ctx.resolved.municipalities.length === 0) {
    parts.push({ text: ctx.t('qa.answer.fromGuideline', { municipality: nameOf(ctx, home) }) });
  }
  parts.push({ text: mainText(top.passage) });
  const passages = [top.passage];
  const second = secondPassage(result, top, home, ctx.resolved.municipalities.length > 0);
  if (second) {
    parts.push({ text: supportingText(second.passage) });
    passages.push(second.passage);
  }
  const perPart = subQuestionPassages(ctx, passages);
  for (const extra of perPart) {
    parts.push({ text: supportingText(extra) });
    passages.push(extra);
  }
  // Each part of a two-part question has its passage now; single sentences from elsewhere would only add noise.
  // A definition is answered by the definition; sentences matching "offentlig" or "partnerskap" elsewhere are noise.
  const sentences =
    perPart.length > 0 || ctx.analysis.definitional ? [] : neighbouringSentences(ctx, result, top, parts);
  for (const group of sentences) {
    parts.push({ text: sentencesText(group) });
    if (!passages.includes(group.passage)) passages.push(group.passage);
  }
  return answered(ctx, parts, passages, result.hits, confidenceOf(top, result.terms), top.score);
}

/**
 * Answers one question from the knowledge base: the one code path behind chat, `iop-bot ask` and `npm run eval`.
 * Pure: the caller loads and saves the thread.
 */
export function answerQuestion(deps: QaDeps, input: AskInput): Answer {
  const analysis = analyseQuestion(input.question, deps.municipalities);
  const resolved = resolveQuestion(analysis, input.thread);
  const answerIn = (language: Locale): Answer => {
    const ctx: Ctx = { deps, input, analysis, resolved, language, t: translator(language) };
    if (analysis.grantApplication && !resolved.followUp) return decline(ctx, 'grant-application', 0);
    if (resolved.municipalities.length >= 2) return compare(ctx);
    return single(ctx);
  };
  const detected = input.language ?? detectLanguage(analysis.searchText || analysis.text, deps.knowledge);
  if (detected) return answerIn(detected);
  // Cannot tell ("IOP?", one misspelt word): the language whose knowledge answers it better, else the thread's
  // or the user's language.
  const preferred = input.thread?.language ?? input.fallbackLanguage;
  const first = answerIn(preferred);
  if (first.status === 'answered' && first.confidence >= 0.9) return first;
  const other = answerIn(preferred === 'sv' ? 'en' : 'sv');
  // Near-equal confidence is noise; then a clearly higher search score (more of the words, more often) decides.
  const better =
    other.status === 'answered' &&
    (other.confidence >= first.confidence + 0.1 ||
      (other.confidence > first.confidence - 0.1 && other.score > 0 && other.score >= first.score * 1.3));
  return better ? other : first;
}
