import type { Passage, QueryTerm, SearchHit } from './knowledge-base.ts';

/** One paragraph of an answer; `label` names the municipality in a comparison. */
export interface AnswerPart {
  label?: string;
  text: string;
}

// A passage this long is shown whole; a longer one (or a supporting one) is cut after its lead sentences.
const WHOLE_PASSAGE_CHARS = 1200;
const SUPPORTING_PASSAGE_CHARS = 700;

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

/** Words of the question the knowledge does not contain at all (typos excluded: those match), longest first. */
export function unknownWords(terms: QueryTerm[], max = 2): string[] {
  return terms
    .filter((t) => !t.known && !t.fromContext && t.word.length >= 4)
    .map((t) => t.word)
    .sort((a, b) => b.length - a.length)
    .slice(0, max);
}

// How much a hit's confidence counts against its search score when ordering hits. The search score alone
// (BM25, OR of terms) can rank a passage that repeats one word above one that answers the whole question.
const RERANK_POWER = 1;

/** Hits re-scored by how much of the question each covers (score × confidence^power), best first. */
export function rerank(hits: SearchHit[], terms: QueryTerm[]): SearchHit[] {
  return hits
    .map((hit) => ({ ...hit, score: hit.score * confidenceOf(hit, terms) ** RERANK_POWER }))
    .sort((a, b) => b.score - a.score);
}

/** True when a question uses at least one word of the IOP field. */
export function inField(terms: QueryTerm[]): boolean {
  return terms.some((t) => t.domain && !t.fromContext);
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

const LIST_LINE = /^\s*(\d+\.|[-•*])\s/m;

/** The first sentences of a text, up to `maxChars` (whole sentences; at least one). A list is never cut. */
export function leadSentences(text: string, maxChars: number): string {
  if (text.length <= maxChars || (LIST_LINE.test(text) && text.length <= WHOLE_PASSAGE_CHARS)) return text;
  const sentences = text.split(/(?<=[.!?:])\s+(?=[\p{Lu}\d])/u);
  let lead = '';
  for (const sentence of sentences) {
    if (lead && lead.length + sentence.length + 1 > maxChars) break;
    lead = lead ? `${lead} ${sentence}` : sentence;
  }
  return lead.length < text.length ? `${lead}${/[.!?]$/.test(lead) ? '' : ' …'}` : lead;
}

/** The text of the passage that answers the question. */
export function mainText(passage: Passage): string {
  return leadSentences(passage.text, WHOLE_PASSAGE_CHARS);
}

/** A supporting passage: its heading in bold, then its lead sentences. */
export function supportingText(passage: Passage): string {
  return `*${passage.heading}*\n${leadSentences(passage.text, SUPPORTING_PASSAGE_CHARS)}`;
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

// Sentences from neighbouring passages: how many at most, how long together, and how much of the question's
// weight (its rarer words) one must cover to be worth adding.
const MAX_EXTRA_SENTENCES = 3;
const EXTRA_SENTENCE_CHARS = 480;
const MIN_SENTENCE_COVERAGE = 0.3;
// A sentence that mostly repeats what the answer already says adds nothing.
const MAX_SENTENCE_OVERLAP = 0.6;
// The whole answer stays short: sentences are only added while it is below this length.
const MAX_ANSWER_CHARS = 1400;

const SENTENCE_SPLIT = /(?<=[.!?])\s+(?=[\p{Lu}\d”"(])/u;

/** A passage's sentences (list lines and headings of lists are left out: they read badly out of their list). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .filter((line) => !LIST_LINE.test(line) && !/:\s*$/.test(line))
    .flatMap((line) => line.split(SENTENCE_SPLIT))
    .map((s) => s.trim())
    .filter((s) => s.length >= 25);
}

export interface PassageSentences {
  passage: Passage;
  sentences: string[];
}

/**
 * The sentences of other top passages that best cover the question's words and are not already in the answer,
 * grouped by passage in the order chosen: facts often sit in a neighbouring section of the same topic.
 */
export function relevantSentences(
  candidates: SearchHit[],
  terms: QueryTerm[],
  shown: string,
  analyseText: (text: string) => string[],
): PassageSentences[] {
  const weighted = terms
    .filter((t) => t.known)
    .map((t) => ({ term: t.term, own: !t.fromContext, weight: Math.min(t.weight, MAX_TERM_WEIGHT) }));
  const total = weighted.filter((t) => t.own).reduce((s, t) => s + t.weight, 0);
  if (total === 0) return [];
  const has = (words: Set<string>, term: string) =>
    words.has(term) || (term.length >= 5 && [...words].some((w) => w.startsWith(term)));
  const scored: Array<{ hit: SearchHit; sentence: string; score: number; order: number }> = [];
  candidates.forEach((hit, rank) => {
    sentencesOf(hit.passage.text).forEach((sentence, i) => {
      if (shown.includes(sentence)) return;
      const words = new Set(analyseText(sentence));
      const covered = weighted.reduce((s, t) => s + (has(words, t.term) ? t.weight : 0), 0);
      const coverage = covered / total;
      if (coverage < MIN_SENTENCE_COVERAGE) return;
      // Better-ranked passages and earlier sentences win ties.
      scored.push({ hit, sentence, score: coverage * (1 - 0.05 * rank), order: rank * 1000 + i });
    });
  });
  scored.sort((a, b) => b.score - a.score);
  const chosen: typeof scored = [];
  let text = shown;
  let chars = 0;
  const budget = Math.min(EXTRA_SENTENCE_CHARS, MAX_ANSWER_CHARS - shown.length);
  for (const s of scored) {
    if (chosen.length >= MAX_EXTRA_SENTENCES) break;
    if (chars + s.sentence.length > budget) continue;
    if (sentenceOverlap(s.sentence, text) > MAX_SENTENCE_OVERLAP) continue;
    chosen.push(s);
    chars += s.sentence.length;
    text = `${text} ${s.sentence}`;
  }
  const groups: PassageSentences[] = [];
  for (const s of chosen.sort((a, b) => a.order - b.order)) {
    const group = groups.find((g) => g.passage.id === s.hit.passage.id);
    if (group) group.sentences.push(s.sentence);
    else groups.push({ passage: s.hit.passage, sentences: [s.sentence] });
  }
  return groups;
}

/** Share of a sentence's words that the text already contains. */
function sentenceOverlap(sentence: string, text: string): number {
  const x = wordSet(sentence);
  const y = wordSet(text);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.max(1, x.size);
}

/** Sentences from a neighbouring passage: its heading in bold, then the sentences. */
export function sentencesText(group: PassageSentences): string {
  return `*${group.passage.heading}*\n${group.sentences.join(' ')}`;
}
