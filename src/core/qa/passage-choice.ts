import { confidenceOf, overlap, rerank } from './compose.ts';
import type { Passage, SearchHit, SearchResult } from './knowledge-base.ts';

/** Below this confidence the assistant says it does not know instead of answering. */
export const MIN_CONFIDENCE = 0.45;
// A second passage is shown when it scores at least this share of the best one and adds to it.
const SECOND_PASSAGE_SCORE = 0.55;
// The next section of the same document may follow with a lower score (it continues the first).
const NEXT_SECTION_SCORE = 0.15;

/** The search result with its hits re-scored by how much of the question each covers. */
export function ranked(result: SearchResult): SearchResult {
  return { ...result, hits: rerank(result.hits, result.terms) };
}

/**
 * A second passage that adds to the first: the asker's own guideline, or a strong match that covers other words
 * of the question or continues the same document.
 */
export function secondPassage(
  result: SearchResult,
  top: SearchHit,
  home: string | undefined,
  placeNamed: boolean,
): SearchHit | undefined {
  const others = result.hits
    .filter((h) => h !== top)
    .slice(0, 5)
    .filter((h) => overlap(h.passage.text, top.passage.text) < 0.5);
  const candidates = others.filter((h) => confidenceOf(h, result.terms) >= MIN_CONFIDENCE);
  if (home && !placeNamed && top.passage.municipality !== home) {
    const own = candidates.find((h) => h.passage.municipality === home && h.score >= top.score * 0.4);
    if (own) return own;
  }
  const strong = candidates.filter(
    (h) =>
      h.score >= top.score * SECOND_PASSAGE_SCORE &&
      ([...h.matched.keys()].some((term) => !top.matched.has(term)) ||
        h.passage.documentId === top.passage.documentId ||
        h.score >= top.score * 0.8),
  );
  // Among strong candidates, one from the same document continues the answer more coherently.
  const sameDocument = strong.find((h) => h.passage.documentId === top.passage.documentId);
  if (sameDocument ?? strong[0]) return sameDocument ?? strong[0];
  // The section right after the answer, on the same words, usually continues it ("what happened" → "the ruling");
  // it need not match the question as fully on its own, since the answer it continues already does.
  return others.find((h) => isNextSection(top.passage, h.passage) && h.score >= top.score * NEXT_SECTION_SCORE);
}

function sectionNumber(passage: Passage): number {
  return Number(passage.id.slice(passage.id.lastIndexOf('#') + 1));
}

function isNextSection(first: Passage, next: Passage): boolean {
  return (
    first.documentId === next.documentId &&
    first.language === next.language &&
    sectionNumber(next) === sectionNumber(first) + 1
  );
}
