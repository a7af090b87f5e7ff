// What may stand beside an answer's main section: the section answering the other part of a two-part question.
import { type Ctx, placeBoost } from './answer-context.ts';
import type { Passage, SearchHit, SearchResult } from './knowledge-base.ts';
import { ANSWER_CONFIDENCE, matchOf, ranked } from './passage-choice.ts';

// A message asking more than this many things gets the first ones answered part by part.
const MAX_SUB_QUESTIONS = 3;

/** The section that answers one part of a two-part question, with the part it answers. */
export interface PartAnswer {
  question: string;
  hit: SearchHit;
  match: number;
  result: SearchResult;
}

/**
 * For a question that asks two things, the best section for each part (searched with the rest of the question
 * as context), when it answers that part confidently and is not shown yet.
 */
export function subQuestionParts(ctx: Ctx, shown: Passage[]): PartAnswer[] {
  let all = partsOf.get(ctx);
  if (!all) {
    all = searchParts(ctx);
    partsOf.set(ctx, all);
  }
  return all.filter((p) => !shown.some((s) => s.id === p.hit.passage.id));
}

// Choosing and composing an answer both ask for the parts; they are searched once per answer.
const partsOf = new WeakMap<Ctx, PartAnswer[]>();

function searchParts(ctx: Ctx): PartAnswer[] {
  const subs = ctx.analysis.subQuestions;
  if (subs.length < 2 || ctx.resolved.followUp) return [];
  const named = ctx.resolved.municipalities[0];
  const parts: PartAnswer[] = [];
  // A part asked about a named place searches only that place's documents; any other part prefers places as the
  // whole question does.
  const boost = named ? undefined : placeBoost(ctx);
  for (const [i, sub] of subs.slice(0, MAX_SUB_QUESTIONS).entries()) {
    const result = ranked(
      ctx.deps.knowledge.search({
        text: sub,
        context: subs.filter((_, j) => j !== i).join(' '),
        language: ctx.language,
        filter: named ? (p) => p.municipality === named : undefined,
        boost,
        limit: 10,
      }),
      boost,
    );
    const best = result.hits[0];
    if (!best) continue;
    const match = matchOf(best, result.terms);
    if (match < ANSWER_CONFIDENCE) continue;
    if (parts.some((p) => p.hit.passage.id === best.passage.id)) continue;
    parts.push({ question: sub, hit: best, match, result });
  }
  return parts;
}
