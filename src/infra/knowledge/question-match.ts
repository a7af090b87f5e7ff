// How well a section's own question matches the question asked, as a whole. A section is written as the answer
// to its heading (and to the other phrasings an editor adds), so the heading that asks what the user asks is the
// best evidence that the section answers it; a single shared word in the body ("med fördel") is not.
import type { Locale } from '../../core/model.ts';
import type { QueryTerm } from '../../core/ports/knowledge-base.ts';
import { analyse, questionTerms, tokenize } from './analyzer.ts';

/** One way a section's question is asked, as search terms. */
interface AskedAs {
  terms: string[];
  /** Its terms that count for precision (not the place's), with their weights. */
  own: Array<{ term: string; weight: number }>;
  ownTotal: number;
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

const isQuestionWord = (term: string) => term.charCodeAt(0) === 63; // '?'
const bounded = (weight: number) => Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, weight));

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

/** The questions of one section, analysed and weighed once when the index is built. */
export function sectionQuestions(
  section: { heading: string; questions: string[]; keywords: string[]; municipality?: string; documentTitle: string },
  language: Locale,
  weight: (term: string) => number,
): SectionQuestions {
  const place = section.municipality ? new Set(analyse(section.documentTitle, language)) : new Set<string>();
  const askedAs = (text: string, keyword: boolean): AskedAs => {
    const terms = [...new Set([...analyse(text, language), ...(keyword ? [] : questionTerms(text, language))])];
    const own = terms
      .filter((t) => !place.has(t))
      .map((term) => ({ term, weight: isQuestionWord(term) ? QUESTION_WORD_WEIGHT : bounded(weight(term)) }));
    return { terms, own, ownTotal: own.reduce((s, t) => s + t.weight, 0), words: wordingOf(text), keyword };
  };
  const all = [
    askedAs(section.heading, false),
    ...section.questions.map((q) => askedAs(q, false)),
    ...section.keywords.map((k) => askedAs(k, true)),
  ].filter((a) => a.terms.some((t) => !isQuestionWord(t)));
  return { askedAs: all, place };
}

/** A question, prepared once per search for matching against every candidate section. */
export interface AskedQuestion {
  asked: Array<{ term: string; weight: number; topic: boolean; fuzzy?: ReadonlySet<string> }>;
  /** Every term of the search (the thread's and abbreviations' too), for precision. */
  everything: Array<{ term: string; fuzzy?: ReadonlySet<string> }>;
  total: number;
  topicTotal: number;
  wording: ReadonlySet<string>;
}

/**
 * Prepares the question: its weighed terms, and for a misspelt term the knowledge's words it stands for (`near`:
 * the words the search matched it to).
 */
export function askedQuestion(
  terms: QueryTerm[],
  near: (term: string) => ReadonlySet<string> | undefined,
  text: string,
): AskedQuestion {
  const asked = terms
    .filter((t) => !t.fromContext || isQuestionWord(t.term))
    .map((t) => ({
      term: t.term,
      weight: isQuestionWord(t.term) ? QUESTION_WORD_WEIGHT : bounded(t.weight),
      topic: !isQuestionWord(t.term),
      fuzzy: near(t.term),
    }));
  return {
    asked,
    everything: terms.map((t) => ({ term: t.term, fuzzy: near(t.term) })),
    total: asked.reduce((s, t) => s + t.weight, 0),
    topicTotal: asked.filter((t) => t.topic).reduce((s, t) => s + t.weight, 0),
    wording: wordingOf(text),
  };
}

/** How well an asked term matches a term of the section's question: 1 the same, less for a prefix or a typo. */
function quality(asked: string, fuzzy: ReadonlySet<string> | undefined, own: string): number {
  if (asked === own) return 1;
  if (fuzzy?.has(own)) return FUZZY_QUALITY;
  return prefixQuality(asked, own);
}

// Called for every pair of asked and section words of every candidate section: the cheap tests come first and
// nothing is allocated.
function prefixQuality(asked: string, own: string): number {
  const askedIsShort = asked.length <= own.length;
  const short = askedIsShort ? asked : own;
  if (short.length < 5 || isQuestionWord(asked) || isQuestionWord(own)) return 0;
  const first = short.charCodeAt(0);
  if (first >= 48 && first <= 57) return 0;
  return (askedIsShort ? own.startsWith(asked) : asked.startsWith(own)) ? PREFIX_QUALITY : 0;
}

/**
 * `question`, 0–1: the best F-measure over the section's ways of being asked; `heading`: that of its heading
 * alone (a "Ja"/"Nej" in the text answers the heading); `asked`: the largest share of the
 * question's topic words (by weight, question words aside) that one of them contains. Recall is the share of the
 * asked words (by weight) the section's question contains; precision the share of its words the asker used,
 * where words from the thread or an abbreviation's expansion count too ("vad är IOP?" asks for "idéburet
 * offentligt partnerskap").
 */
export function questionMatch(
  section: SectionQuestions,
  question: AskedQuestion,
): { question: number; heading: number; asked: number } {
  if (question.topicTotal === 0) return { question: 0, heading: 0, asked: 0 };
  let matchedBest = 0;
  let recallBest = 0;
  let heading = 0;
  const asked = question.asked;
  // What an asked word found only in the document's title earns; the same for every way of asking.
  const placeCredit =
    section.place.size === 0 ? undefined : asked.map((t) => (section.place.has(t.term) ? PLACE_CREDIT : 0));
  const ways = section.askedAs;
  for (let i = 0; i < ways.length; i++) {
    const way = ways[i] as AskedAs;
    let found = 0;
    let topicFound = 0;
    for (let k = 0; k < asked.length; k++) {
      const t = asked[k] as AskedQuestion['asked'][number];
      let got = placeCredit ? (placeCredit[k] as number) : 0;
      for (const own of way.terms) {
        if (got === 1) break;
        got = Math.max(got, quality(t.term, t.fuzzy, own));
      }
      found += t.weight * got;
      if (t.topic) topicFound += t.weight * got;
    }
    if (found === 0) continue;
    const recall = found / question.total;
    recallBest = Math.max(recallBest, topicFound / question.topicTotal);
    let ownFound = 0;
    for (const own of way.own) {
      let got = 0;
      for (const t of question.everything) {
        if (got === 1) break;
        got = Math.max(got, quality(t.term, t.fuzzy, own.term));
      }
      ownFound += own.weight * got;
    }
    const precision = way.ownTotal === 0 ? 1 : ownFound / way.ownTotal;
    const f = ((1 + BETA ** 2) * precision * recall) / (BETA ** 2 * precision + recall || 1);
    const worded = (1 - WORDING_SHARE) * f + WORDING_SHARE * dice(question.wording, way.words);
    matchedBest = Math.max(matchedBest, way.keyword ? worded * KEYWORD_FACTOR : worded);
    if (i === 0) heading = worded;
  }
  return { question: matchedBest, heading, asked: recallBest };
}
