import type { Passage, QueryTerm, SearchHit } from './knowledge-base.ts';

/** One paragraph of an answer; `label` names what it answers (a comparison's place, a second part's question). */
export interface AnswerPart {
  label?: string;
  text: string;
}

// Rare words weigh more, but only so much: one rare chat word ("fancy") must not outweigh the topic.
const MAX_TERM_WEIGHT = 3;
// Words of the IOP field count at least this much, however common they are in the knowledge.
const MIN_FIELD_WEIGHT = 2.5;
// A question without a word of the IOP field must be matched more fully (about two thirds of its weight, so
// one misspelt word alone is not enough); this scales it onto the same range as the threshold.
const OUT_OF_FIELD_FACTOR = 0.69;

function confidenceWeight(term: QueryTerm): number {
  const capped = Math.min(term.weight, MAX_TERM_WEIGHT);
  return term.domain ? Math.max(capped, MIN_FIELD_WEIGHT) : capped;
}

/**
 * How sure the assistant is that a hit answers the question (0–1), judged on the question's own words.
 * A question that uses a word of the IOP field is judged on the words the knowledge knows (an unknown "fancy"
 * is chat, not topic), discounted by the unknown share; a question with no such word must be matched as a whole.
 */
export function confidenceOf(hit: SearchHit, terms: QueryTerm[]): number {
  const own = terms.filter((t) => !t.fromContext);
  let total = 0;
  let known = 0;
  let covered = 0;
  for (const t of own) {
    const weight = confidenceWeight(t);
    total += weight;
    if (t.known) known += weight;
    covered += weight * (hit.matched.get(t.term) ?? 0);
  }
  if (total === 0) return 0;
  const anchored = own.some((t) => t.domain && hit.matched.has(t.term));
  if (!anchored) return (covered / total) * OUT_OF_FIELD_FACTOR;
  return Math.min(1, covered / known) * (1 - 0.5 * ((total - known) / total));
}

/**
 * True when a question uses at least one word of the IOP field, in what it asks or in the background given with
 * it ("An NGO wants to propose an IOP to us. What should they hand in?").
 */
export function inField(terms: QueryTerm[]): boolean {
  return terms.some((t) => t.domain && !t.term.startsWith('?'));
}

// The partners an IOP is made with: procurement asked about with one of them is an IOP question.
const IDEA_BASED_PARTNER =
  /\b(ideell\p{L}*|förening\p{L}*|forening\p{L}*|civilsamhäll\p{L}*|trossamfund\p{L}*|\p{L}*jour(en|er|erna)?|kyrk\p{L}*|församling\p{L}*|stiftelse\p{L}*|non-?profits?|ngos?|associations?|charit\p{L}*|voluntary|volunteer\p{L}*|civil society|church\p{L}*|foundations?)\b/iu;

/**
 * True when a question uses a word that is specific to the IOP field ("IOP", "idéburen", "statsstöd") or names an
 * idea-based partner ("en ideell förening"), not only words it shares with everyday municipal work
 * ("upphandling", "agreement").
 */
export function narrowlyInField(terms: QueryTerm[], question: string): boolean {
  return terms.some((t) => t.domain && !t.broad && !t.term.startsWith('?')) || IDEA_BASED_PARTNER.test(question);
}

// Passages are compared with each other on every answer; their word sets are computed once.
const wordSets = new Map<string, Set<string>>();
const MAX_CACHED_TEXTS = 20_000;

function wordSet(text: string): Set<string> {
  let words = wordSets.get(text);
  if (!words) {
    words = new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 3),
    );
    if (wordSets.size >= MAX_CACHED_TEXTS) wordSets.clear();
    wordSets.set(text, words);
  }
  return words;
}

/** Share of words two texts have in common (Jaccard); used to skip a near-copy as the second passage. */
export function overlap(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.max(1, x.size + y.size - shared);
}

/** Up to `max` follow-up questions: headings of related passages the answer did not use, questions first. */
export function followUpsFrom(hits: SearchHit[], used: Passage[], question: string, max = 3): string[] {
  const top = hits[0]?.score ?? 0;
  const usedHeadings = new Set(used.map((p) => p.heading.toLowerCase()));
  const asked = question.toLowerCase().replace(/[?!.\s]+$/, '');
  const candidates = hits
    .filter((h) => h.score >= top * 0.2)
    // A glossary entry that says what the answer already said is no new question.
    .filter((h) => used.every((p) => overlap(p.text, h.passage.text) < 0.4))
    .map((h) => h.passage.heading)
    .filter((heading) => !usedHeadings.has(heading.toLowerCase()))
    .filter((heading) => heading.toLowerCase().replace(/[?!.\s]+$/, '') !== asked);
  const unique = [...new Set(candidates)];
  const questions = unique.filter((h) => h.endsWith('?'));
  return [...questions, ...unique.filter((h) => !h.endsWith('?'))].slice(0, max);
}

