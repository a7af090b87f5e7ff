import { translator } from '../i18n/translator.ts';
import type { Locale } from '../model.ts';
import {
  type Answer,
  type AskInput,
  answered,
  askBack,
  type Ctx,
  decline,
  overview,
  placeBoost,
  type QaDeps,
  search,
  smallTalk,
} from './answer-context.ts';
import { asksYesOrNo, directLead, PART_PREFIX, splitForDisplay } from './answer-shape.ts';
import { compare } from './compare-places.ts';
import { type AnswerPart, inField, narrowlyInField } from './compose.ts';
import type { Passage, QueryTerm, SearchHit, SearchResult } from './knowledge-base.ts';
import { detectLanguage } from './language.ts';
import {
  ANSWER_CONFIDENCE,
  CLARIFY_CONFIDENCE,
  clarifyCandidates,
  hasTopic,
  matchOf,
  OUT_OF_FIELD_CONFIDENCE,
  ranked,
  specificity,
} from './passage-choice.ts';
import { analyseQuestion } from './question.ts';
import { smallTalkOf } from './small-talk.ts';
import { subQuestionParts } from './sub-question-parts.ts';
import { supportingSentences } from './supporting-sentences.ts';
import { resolveQuestion } from './thread.ts';

export type { Answer, AskInput, DeclineReason, QaDeps } from './answer-context.ts';

// A section whose own question matches the asked one this closely answers it as asked: its "Ja"/"Nej" stands.
const CLOSE_QUESTION_MATCH = 0.55;

function single(ctx: Ctx): Answer {
  const named = ctx.resolved.municipalities[0];
  const definitional = ctx.analysis.definitional;
  // A question naming a municipality is answered from that municipality's own documents when they can.
  let local: SearchResult | undefined;
  if (named) {
    local = ranked(search(ctx, { only: named }));
    const top = local.hits[0];
    const match = top ? matchOf(top, local.terms) : 0;
    if (top && match >= ANSWER_CONFIDENCE) return compose(ctx, local, top, match);
    if (!hasTopic(local.terms)) {
      const place = overview(ctx, named);
      if (place) {
        const shown = splitForDisplay(place.text);
        return answered(ctx, [{ text: shown.shown }], [place], [], 1, {
          title: place.heading,
          more: shown.rest ? [place.id] : [],
        });
      }
    }
  }
  const place = placeBoost(ctx);
  const boost = (p: Passage) => (p.kind === 'glossary' ? (definitional ? 1.6 : 0.8) : 1) * place(p);
  const result = ranked(search(ctx, { boost, expandAbbreviations: definitional }), boost);
  if (!hasTopic(result.terms)) return decline(ctx, 'not-found', 0);
  const top = result.hits[0];
  // "What is X?" names its topic however common X is; any other question must say more than "IOP".
  const sureness = (hit: SearchHit, terms: QueryTerm[]) =>
    matchOf(hit, terms) * (definitional ? 1 : specificity(terms));
  const confidence = top ? sureness(top, result.terms) : 0;
  const inScope = inField(result.terms);
  if (top && confidence >= (inScope ? ANSWER_CONFIDENCE : OUT_OF_FIELD_CONFIDENCE)) {
    return compose(ctx, result, top, confidence);
  }
  // Each part of a two-part question may be clear where the whole is not.
  const first = inScope ? subQuestionParts(ctx, [])[0] : undefined;
  if (first && first.match > confidence) return compose(ctx, first.result, first.hit, first.match);
  if (!inScope) return decline(ctx, 'out-of-scope', confidence);
  // Only procurement or agreement words, and no section matching well: general municipal business (buying a case
  // system, a framework agreement), not an IOP question to ask back about.
  if (!narrowlyInField(result.terms, ctx.analysis.text)) return decline(ctx, 'out-of-scope', confidence);
  // Asked about a place: the candidates are that place's own questions, when it has any that come close.
  const localMatch = local?.hits[0] ? matchOf(local.hits[0], local.terms) : 0;
  const [asked, sure] = local && localMatch >= CLARIFY_CONFIDENCE ? [local, localMatch] : [result, confidence];
  const candidates = sure >= CLARIFY_CONFIDENCE ? clarifyCandidates(asked) : [];
  return candidates.length > 0 ? askBack(ctx, candidates, sure) : decline(ctx, 'not-found', sure);
}

// One section answers a question; more only for the other parts of a question that asks two or three things.
const MAX_SECTIONS = 3;
// A one-part answer grows to at most this many characters with sentences from a second section.
const ANSWER_CHARS = 700;

/** A section to show, with the (part of the) question it answers and how closely its heading matches it. */
interface Shown {
  hit: SearchHit;
  question: string;
  closeness: number;
}

/**
 * The sections to show, in the order the question asks: the best section for the whole question, or, for a
 * two-part question, the section for each part (the best one standing in for the part it answers).
 */
function sectionsFor(ctx: Ctx, top: SearchHit): Shown[] {
  const whole: Shown = { hit: top, question: ctx.analysis.focusText, closeness: top.heading };
  const parts = subQuestionParts(ctx, []).map((p) => ({ hit: p.hit, question: p.question, closeness: p.hit.heading }));
  const ordered = parts.some((p) => p.hit.passage.id === top.passage.id) ? parts : [whole, ...parts];
  const unique = ordered.filter((s, i) => ordered.findIndex((o) => o.hit.passage.id === s.hit.passage.id) === i);
  return unique.slice(0, MAX_SECTIONS);
}

/**
 * The answer to the question asked: the section that answers it, its direct answer first and the rest behind
 * "Visa mer"; a second section only for the other part of a two-part question.
 */
function compose(ctx: Ctx, result: SearchResult, top: SearchHit, confidence: number): Answer {
  const sections = sectionsFor(ctx, top);
  const parts: AnswerPart[] = [];
  const more: string[] = [];
  sections.forEach((section, i) => {
    const passage = section.hit.passage;
    const shown = splitForDisplay(passage.text, i === 0 ? 'main' : 'part');
    const text = directLead(shown.shown, {
      yesNoAsked: asksYesOrNo(section.question, ctx.language),
      closeMatch: section.closeness >= CLOSE_QUESTION_MATCH,
    });
    parts.push(i === 0 ? { text } : { label: passage.heading, text });
    if (shown.rest) more.push(i === 0 ? passage.id : `${PART_PREFIX}${passage.id}`);
  });
  const passages = sections.map((s) => s.hit.passage);
  // What else the knowledge says about a one-part question, in a few sentences under their own question.
  if (parts.length === 1) {
    const shownText = parts[0]?.text ?? '';
    for (const extra of supportingSentences(ctx, result, passages, shownText, ANSWER_CHARS - shownText.length)) {
      parts.push({ label: extra.passage.heading, text: extra.text });
      passages.push(extra.passage);
    }
  }
  return answered(ctx, parts, passages, result.hits, confidence, {
    score: top.score,
    title: passages[0]?.heading,
    more,
  });
}

/**
 * Answers one question from the knowledge base: the one code path behind chat, `iop-bot ask` and `npm run eval`.
 * Pure: the caller loads and saves the thread.
 */
export function answerQuestion(deps: QaDeps, input: AskInput): Answer {
  const analysis = analyseQuestion(input.question, deps.municipalities);
  const resolved = resolveQuestion(analysis, input.thread);
  const talk = smallTalkOf(analysis.text);
  if (talk) {
    const language = input.language ?? talk.language ?? input.thread?.language ?? input.fallbackLanguage;
    return smallTalk({ deps, input, analysis, resolved, language, t: translator(language) }, talk.kind);
  }
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
    (first.status !== 'answered' ||
      other.confidence >= first.confidence + 0.1 ||
      (other.confidence > first.confidence - 0.1 && other.score > 0 && other.score >= first.score * 1.3));
  return better ? other : first;
}
