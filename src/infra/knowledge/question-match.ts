// How well a section's own question matches the question asked, as a whole. A section is written as the answer
// to its heading (and to the other phrasings an editor adds), so the heading that asks what the user asks is the
// best evidence that the section answers it; a single shared word in the body ("med fördel") is not.
import type { Locale } from '../../core/model.ts';
import type { QueryTerm } from '../../core/qa/knowledge-base.ts';
import { analyse, questionTerms, tokenize } from './analyzer.ts';

/** One way a section's question is asked, as search terms. */
interface AskedAs {
  terms: string[];
  /** Its words as written (lower case, no diacritics), function words included. */
  words: ReadonlySet<string>;
  /** A keyword phrase rather than a question: it counts a little less. */
  keyword: boolean;
}

/** A section's questions (heading, other phrasings, keyword phrases) and the words naming its own place. */
export interface SectionQuestions {
  askedAs: AskedAs[];
  /**
   * The title of a municipality's document ("Kungälvs kommun – riktlinjer för IOP"): every section is about it, so
   * its words in a heading neither help nor hurt a match, and an asked word in it counts for every section.
   */
  place: ReadonlySet<string>;
}

// An asked word found only in the title of the section's municipal document counts this much.
const PLACE_CREDIT = 0.5;
// A keyword phrase ("måste vi upphandla") is one way of asking, but an editor's heading says it better.
const KEYWORD_FACTOR = 0.85;
// Asked words missing from the section's question weigh more than the section's words left unasked: a section
// may be more specific than the question ("Vilka kriterier har Kungälv?" for "kriterier?"), but it must not
// leave out what was asked. Beta of the F-measure, recall over precision.
const BETA = 1.5;
// Word weights: rare words tell more (inverse document frequency), within bounds, so one rare word does not
// decide and a common one still counts a little.
const MIN_WEIGHT = 0.3;
const MAX_WEIGHT = 3;
// A prefix ("upphandl" in "upphandlingsplikt") or a misspelling matches, for less.
const PREFIX_QUALITY = 0.8;
const FUZZY_QUALITY = 0.6;

// "Vem …?" asks for a person, "När …?" for a time: the same question word is some evidence of the same question.
const QUESTION_WORD_WEIGHT = 0.8;

// Of two sections whose questions match on the same search words, the one worded like the question wins: "finns
// det nån lag för iop" is "Finns det någon lag som reglerar IOP?" rather than "Är det lagligt att ingå en IOP?".
const WORDING_SHARE = 0.1;

const unique = (terms: string[]) => [...new Set(terms)];

/** The words of a text as written, lower case and without diacritics, for comparing wordings. */
export function wordingOf(text: string): ReadonlySet<string> {
  return new Set(tokenize(text).map((w) => w.normalize('NFD').replace(/\p{Diacritic}/gu, '')));
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}
const isQuestionWord = (term: string) => term.startsWith('?');

/** The questions of one section, analysed once when the index is built. */
export function sectionQuestions(
  section: { heading: string; questions: string[]; keywords: string[]; municipality?: string; documentTitle: string },
  language: Locale,
): SectionQuestions {
  const asQuestion = (q: string): AskedAs => ({
    terms: unique([...analyse(q, language), ...questionTerms(q, language)]),
    words: wordingOf(q),
    keyword: false,
  });
  const askedAs: AskedAs[] = [
    asQuestion(section.heading),
    ...section.questions.map(asQuestion),
    ...section.keywords.map((k) => ({ terms: unique(analyse(k, language)), words: wordingOf(k), keyword: true })),
  ].filter((a) => a.terms.some((t) => !isQuestionWord(t)));
  const place = section.municipality ? new Set(analyse(section.documentTitle, language)) : new Set<string>();
  return { askedAs, place };
}

/** Edit distance, only for the few words of one question against the few words of a heading. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** What the matcher needs to know about the index: word weights and which words it knows. */
export interface Vocabulary {
  weight(term: string): number;
  knows(term: string): boolean;
}

const bounded = (weight: number) => Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, weight));

/** How well an asked term matches a term of the section's question: 1 the same, less for a prefix or a typo. */
function quality(asked: string, own: string, vocabulary: Vocabulary): number {
  if (asked === own) return 1;
  if (isQuestionWord(asked) || isQuestionWord(own)) return 0;
  const [short, long] = asked.length <= own.length ? [asked, own] : [own, asked];
  if (short.length >= 5 && !/^\d/.test(short) && long.startsWith(short)) return PREFIX_QUALITY;
  if (vocabulary.knows(asked) || asked.length < 5) return 0;
  const allowed = asked.length >= 8 ? 2 : 1;
  return Math.abs(asked.length - own.length) <= allowed && editDistance(asked, own) <= allowed ? FUZZY_QUALITY : 0;
}

/** The best match of one asked term among the section question's terms. */
function bestForAsked(asked: string, own: string[], vocabulary: Vocabulary): number {
  let found = 0;
  for (const term of own) {
    found = Math.max(found, quality(asked, term, vocabulary));
    if (found === 1) break;
  }
  return found;
}

/** The best match of one of the section question's terms among the asked terms. */
function bestForOwn(own: string, asked: string[], vocabulary: Vocabulary): number {
  let found = 0;
  for (const term of asked) {
    found = Math.max(found, quality(term, own, vocabulary));
    if (found === 1) break;
  }
  return found;
}

/**
 * `question`, 0–1: the best F-measure over the section's ways of being asked; `asked`: the largest share of the
 * question's topic words (by weight, question words aside) that one of them contains. Recall is the share of the asked words (by
 * weight) the section's question contains; precision the share of its words the asker used, where words from
 * the thread or an abbreviation's expansion count too ("vad är IOP?" asks for "idéburet offentligt partnerskap").
 */
export function questionMatch(
  section: SectionQuestions,
  terms: QueryTerm[],
  vocabulary: Vocabulary,
  wording: ReadonlySet<string>,
): { question: number; asked: number } {
  const asked = terms.filter((t) => !t.fromContext || isQuestionWord(t.term));
  const everything = terms.map((t) => t.term);
  const weightOf = (t: QueryTerm) => (isQuestionWord(t.term) ? QUESTION_WORD_WEIGHT : bounded(t.weight));
  const total = asked.reduce((s, t) => s + weightOf(t), 0);
  const topicTotal = asked.filter((t) => !isQuestionWord(t.term)).reduce((s, t) => s + weightOf(t), 0);
  if (!asked.some((t) => !isQuestionWord(t.term))) return { question: 0, asked: 0 };
  let matchedBest = 0;
  let recallBest = 0;
  for (const way of section.askedAs) {
    const own = way.terms.filter((t) => !section.place.has(t));
    let found = 0;
    let topicFound = 0;
    for (const t of asked) {
      const inPlace = section.place.has(t.term) ? PLACE_CREDIT : 0;
      const got = weightOf(t) * Math.max(inPlace, bestForAsked(t.term, way.terms, vocabulary));
      found += got;
      if (!isQuestionWord(t.term)) topicFound += got;
    }
    const recall = found / total;
    if (recall === 0) continue;
    recallBest = Math.max(recallBest, topicFound / topicTotal);
    let ownTotal = 0;
    let ownFound = 0;
    for (const t of own) {
      const weight = isQuestionWord(t) ? QUESTION_WORD_WEIGHT : bounded(vocabulary.weight(t));
      ownTotal += weight;
      ownFound += weight * bestForOwn(t, everything, vocabulary);
    }
    const precision = ownTotal === 0 ? 1 : ownFound / ownTotal;
    const f = ((1 + BETA ** 2) * precision * recall) / (BETA ** 2 * precision + recall || 1);
    const worded = (1 - WORDING_SHARE) * f + WORDING_SHARE * dice(wording, way.words);
    matchedBest = Math.max(matchedBest, way.keyword ? worded * KEYWORD_FACTOR : worded);
  }
  return { question: matchedBest, asked: recallBest };
}
