// Which section answers a question, and how sure that is: mostly how well the section's own question matches the
// question as a whole, partly how much of the question the section covers at all.
import { confidenceOf } from './compose.ts';
import type { Passage, QueryTerm, SearchHit, SearchResult } from './knowledge-base.ts';

/** At or above this match the assistant answers. */
export const ANSWER_CONFIDENCE = 0.4;
/** Between this and ANSWER_CONFIDENCE it asks back ("Menade du …?") with the best candidate questions. */
export const CLARIFY_CONFIDENCE = 0.25;
/** A question without a word of the IOP field is answered only on a close match, and never asked back. */
export const OUT_OF_FIELD_CONFIDENCE = 0.55;
// How much the section's own question decides, next to how much of the question the section covers anywhere.
const QUESTION_SHARE = 0.5;
// At least this share of the question (by weight) must be in the section's own question or keywords.
const MIN_ASKED_SHARE = 0.2;
// A candidate to ask back about must match at least this well itself, and not far below the best.
const CANDIDATE_MATCH = 0.2;
const CANDIDATE_SHARE = 0.5;
const MAX_CANDIDATES = 3;

/** 0–1: how surely the hit answers the question (its question's match, and its coverage of the words asked). */
export function matchOf(hit: SearchHit, terms: QueryTerm[]): number {
  const match = QUESTION_SHARE * hit.question + (1 - QUESTION_SHARE) * confidenceOf(hit, terms);
  // A section whose own question shares too little of what was asked does not answer it, however many of the
  // words its text has ("vilka fördelar har IOP?" and SKR's criteria, one of which "med fördel" …).
  return hit.asked < MIN_ASKED_SHARE ? Math.min(match, ANSWER_CONFIDENCE - 0.01) : match;
}

/**
 * The search result ordered by match, each hit weighed by the policy boost (the asker's own guideline, the
 * glossary for "what is" questions); the search score only breaks ties.
 */
export function ranked(result: SearchResult, boost?: (passage: Passage) => number): SearchResult {
  const top = Math.max(0, ...result.hits.map((h) => h.score));
  const keyed = result.hits.map((hit) => ({
    hit,
    key: matchOf(hit, result.terms) * (boost?.(hit.passage) ?? 1) + (top > 0 ? 0.01 * (hit.score / top) : 0),
  }));
  keyed.sort((a, b) => b.key - a.key);
  return { ...result, hits: keyed.map((k) => k.hit) };
}

// A question whose words are all common in the knowledge ("Kan det bli en IOP?") says too little to be sure of
// any one section: below this much topic weight, confidence falls in proportion.
const MIN_TOPIC_WEIGHT = 1.5;
const MAX_TERM_WEIGHT = 3;
// "Varför …?", "Vem …?" say what is asked about the topic; a yes/no question does not.
const QUESTION_WORD = /^\?(?!yesno$)/;
const QUESTION_WORD_WEIGHT = 0.8;

/** 0–1: how much topic the question's own words carry (rare words more), relative to what a clear question has. */
export function specificity(terms: QueryTerm[]): number {
  const weight = terms
    .filter((t) => !t.fromContext || QUESTION_WORD.test(t.term))
    .reduce((s, t) => s + (QUESTION_WORD.test(t.term) ? QUESTION_WORD_WEIGHT : Math.min(t.weight, MAX_TERM_WEIGHT)), 0);
  return Math.min(1, weight / MIN_TOPIC_WEIGHT);
}

/** True when the question has words to search on: not only numbers ("1") or words that carry no topic. */
export function hasTopic(terms: QueryTerm[]): boolean {
  return terms.some((t) => !t.fromContext && !t.term.startsWith('?') && !/^\d+$/.test(t.term));
}

/** Up to three questions to ask back with: the headings of the best hits, each once. */
export function clarifyCandidates(result: SearchResult): string[] {
  const best = result.hits[0] ? matchOf(result.hits[0], result.terms) : 0;
  const headings: string[] = [];
  for (const hit of result.hits) {
    const match = matchOf(hit, result.terms);
    if (match < CANDIDATE_MATCH || match < best * CANDIDATE_SHARE) continue;
    if (!headings.includes(hit.passage.heading)) headings.push(hit.passage.heading);
    if (headings.length >= MAX_CANDIDATES) break;
  }
  return headings;
}
