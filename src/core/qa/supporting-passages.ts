// What may stand beside an answer's main passage: a section per part of a two-part question, or single
// sentences from neighbouring sections that cover the question's words.
import { type AnswerPart, confidenceOf, relevantSentences } from './compose.ts';
import type { Ctx } from './answer-context.ts';
import type { Passage, SearchHit, SearchResult } from './knowledge-base.ts';
import { MIN_CONFIDENCE, ranked } from './passage-choice.ts';

// A message asking more than this many things gets the first ones answered part by part.
const MAX_SUB_QUESTIONS = 3;

/**
 * For a question that asks two things, the best passage for each part (searched with the rest of the
 * question as context), when it answers that part well enough and is not shown yet.
 */
export function subQuestionPassages(ctx: Ctx, shown: Passage[]): Passage[] {
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
export function neighbouringSentences(ctx: Ctx, result: SearchResult, top: SearchHit, parts: AnswerPart[]) {
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
