import { translator } from '../../i18n/translator.ts';
import type { Locale } from '../model.ts';
import {
  type Answer,
  type AskInput,
  answered,
  type Ctx,
  decline,
  nameOf,
  overview,
  type QaDeps,
  search,
  smallTalk,
} from './answer-context.ts';
import { compare } from './compare-places.ts';
import {
  type AnswerPart,
  confidenceOf,
  inField,
  mainText,
  sentencesText,
  supportingText,
  unknownWords,
} from './compose.ts';
import type { Passage, SearchHit, SearchResult } from './knowledge-base.ts';
import { detectLanguage } from './language.ts';
import { MIN_CONFIDENCE, ranked, secondPassage } from './passage-choice.ts';
import { analyseQuestion } from './question.ts';
import { smallTalkOf } from './small-talk.ts';
import { neighbouringSentences, subQuestionPassages } from './supporting-passages.ts';
import { resolveQuestion } from './thread.ts';

export type { Answer, AskInput, DeclineReason, QaDeps } from './answer-context.ts';

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
    (other.confidence >= first.confidence + 0.1 ||
      (other.confidence > first.confidence - 0.1 && other.score > 0 && other.score >= first.score * 1.3));
  return better ? other : first;
}
