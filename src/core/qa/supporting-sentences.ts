// What else the knowledge says about the question asked: a few whole sentences from the next best sections, each
// under the question its section answers. A question touches several sections more often than not ("när började
// reserverad upphandling gälla och vilken paragraf?": the paragraph in one, the date in another); the main section
// alone then leaves out what was asked. A sentence is added only when it carries words of the question that the
// answer does not carry yet, reads on its own (no "Det innebär alltså…" without its premise), and fits the budget.
import type { Ctx } from './answer-context.ts';
import { SENTENCE_BREAK } from './answer-shape.ts';
import { confidenceOf } from './compose.ts';
import type { Passage, QueryTerm, SearchHit, SearchResult } from './knowledge-base.ts';

/** Sentences of one section added to an answer, under that section's question. */
export interface Supporting {
  passage: Passage;
  text: string;
}

// Sections considered: the best few after the ones shown, and only those matching nearly as well as the best.
const CANDIDATE_SECTIONS = 5;
const MIN_RELATIVE_MATCH = 0.5;
const MIN_MATCH = 0.2;
// A sentence must add at least this share of the question's topic weight that the answer lacks.
const MIN_NEW_SHARE = 0.3;
// Sentences come from at most this many sections (each labelled with its question); each is at most this long.
const MAX_SECTIONS = 1;
const MAX_SENTENCE_CHARS = 300;
// Rare words tell more, but one rare word must not decide.
const MAX_TERM_WEIGHT = 3;

// A sentence that opens by pointing back ("Det innebär alltså", "These must…") lost its premise when cut out.
const POINTS_BACK: Record<'sv' | 'en', RegExp> = {
  // "Det kan den få …" points back too: "det" opens many sentences that stand alone, but not with "den" after it.
  sv: /^(alltså|därför|dessutom|också|även|men|och|eller|då|där|dessa|denna|detta|dess|deras|de|dem|den|sådana|sådan|samma|han|hon|hen|vilket|sedan dess|i så fall|annars|här|det \p{L}+ (den|de|dem|dess|denna|detta))(?![\p{L}\p{N}])/iu,
  en: /^(it|its|this|these|those|they|their|them|that|such|also|therefore|thus|so|but|and|or|however|then|there|he|she|here|otherwise|in that case)\b/iu,
};

// What kind of fact a question asks for, and how a sentence that gives it looks: "när …?" wants a date, "hur
// mycket …?" an amount, "vilken paragraf …?" a law reference. Such a sentence answers even when it shares few words.
const ANSWER_KINDS: Array<{ asks: RegExp; gives: RegExp }> = [
  { asks: /\b(när|sedan när|vilket år|when|what year|since when)\b/iu, gives: /\b(1[89]\d\d|20\d\d)\b/u },
  {
    asks: /\b(hur mycket|vad kostar|kostnad\w*|belopp\w*|avgift\w*|how much|cost\w*|fees?|amount)\b/iu,
    gives: /\d[\d\s\u00a0]*\s?(kr|kronor|sek|euro|eur|€|miljon\w*|million\w*|procent|per cent|%)/iu,
  },
  { asks: /\b(hur många|hur stor|how many|antal|number of)\b/iu, gives: /\d/u },
  {
    asks: /\b(paragraf\w*|vilken lag|vilka lagar|lagrum|sfs|which law|what law|section|legal basis)\b/iu,
    gives: /§|\bkap\.|\bSFS\b|\b\d{4}:\d+\b|\bchapter\b/iu,
  },
  {
    asks: /\b(hur länge|hur lång|how long)\b/iu,
    gives: /\b(\d+|ett|två|tre|fyra|fem|one|two|three|four|five)\s+(år|månader|years?|months?)\b/iu,
  },
];
// What a sentence giving the asked kind of fact is worth, next to its share of the question's words.
const ANSWER_KIND_GAIN = 0.3;
// A word the answer already has still counts for this much: a sentence on the same topic may add the asked fact.
const SAID_WORD_SHARE = 0.25;

interface Candidate {
  hit: SearchHit;
  sentence: string;
  order: number;
  terms: ReadonlySet<string>;
  /** Per topic term: whether the sentence has it. */
  hasTopic: boolean[];
  /** Per asked kind of fact: whether the sentence gives it. */
  gives: boolean[];
}

function topicTerms(terms: QueryTerm[]): Array<{ term: string; weight: number }> {
  return terms
    .filter((t) => !t.fromContext && !t.term.startsWith('?') && !/^\d+$/.test(t.term))
    .map((t) => ({ term: t.term, weight: Math.min(t.weight, MAX_TERM_WEIGHT) }));
}

function has(terms: ReadonlySet<string>, term: string): boolean {
  if (terms.has(term)) return true;
  // Swedish compounds and inflections: "reserverad" in "reserverade", "upphandl" in "upphandlingen".
  if (term.length < 5) return false;
  for (const t of terms) if (t.startsWith(term) || (t.length >= 5 && term.startsWith(t))) return true;
  return false;
}

/** The sentences of a section, a list line counted as one sentence. */
function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(SENTENCE_BREAK))
    .map((s) => s.trim())
    .filter(Boolean);
}

// A passage's sentences and their words are worked out once per loaded passage, not on every answer.
const sentencesByPassage = new WeakMap<Passage, Array<{ sentence: string; terms: ReadonlySet<string> }>>();

function sentenceTerms(
  passage: Passage,
  termsOf: (text: string) => ReadonlySet<string>,
): Array<{ sentence: string; terms: ReadonlySet<string> }> {
  let sentences = sentencesByPassage.get(passage);
  if (!sentences) {
    sentences = sentencesOf(passage.text).map((sentence) => ({ sentence, terms: termsOf(sentence) }));
    sentencesByPassage.set(passage, sentences);
  }
  return sentences;
}

export function readsAlone(sentence: string, language: 'sv' | 'en'): boolean {
  const words = sentence.replace(/^[-•*\d.)\s]+/, '');
  return !POINTS_BACK[language].test(words) && sentence.length <= MAX_SENTENCE_CHARS && !sentence.endsWith(':');
}

/**
 * The best sentences of the next best section that add what the shown text does not say about the question within
 * `budget` characters. Sections from another municipality's document are left out unless that municipality
 * was asked about or is the asker's own.
 */
export function supportingSentences(
  ctx: Ctx,
  result: SearchResult,
  shown: Passage[],
  shownText: string,
  budget: number,
): Supporting[] {
  const topic = topicTerms(result.terms);
  const total = topic.reduce((s, t) => s + t.weight, 0);
  if (total === 0 || budget <= 0) return [];
  // Sections are judged on how much of the question their text covers: one that holds the asked fact under
  // another question ("Vilken lag gäller?" holding the date) is what is looked for.
  const best = Math.max(0, ...result.hits.map((h) => confidenceOf(h, result.terms)));
  const places = new Set([...ctx.resolved.municipalities, ...shown.flatMap((p) => p.municipality ?? [])]);
  const sections = result.hits
    .filter((h) => !shown.some((p) => p.id === h.passage.id))
    .filter((h) => !h.passage.municipality || places.has(h.passage.municipality))
    .slice(0, CANDIDATE_SECTIONS)
    .filter((h) => {
      const coverage = confidenceOf(h, result.terms);
      return coverage >= MIN_MATCH && coverage >= best * MIN_RELATIVE_MATCH;
    });
  const termsOf = (text: string) => new Set(ctx.deps.knowledge.terms(text, ctx.language));
  const said = new Set(termsOf(shownText));
  const kinds = ANSWER_KINDS.filter((k) => k.asks.test(ctx.analysis.focusText));
  // What a sentence has of the question's words, and which asked kinds of fact it gives, do not change while
  // sentences are picked: worked out once per sentence.
  const candidates: Candidate[] = sections.flatMap((hit) =>
    sentenceTerms(hit.passage, termsOf).flatMap(({ sentence, terms }, order) =>
      readsAlone(sentence, ctx.language) && !shownText.includes(sentence)
        ? [
            {
              hit,
              sentence,
              order,
              terms,
              hasTopic: topic.map((t) => has(terms, t.term)),
              gives: kinds.map((k) => k.gives.test(sentence)),
            },
          ]
        : [],
    ),
  );
  const added = new Map<string, { passage: Passage; sentences: Array<{ order: number; text: string }> }>();
  let left = budget;
  let shownSoFar = shownText;
  for (;;) {
    // What the answer says so far: the same for every candidate in this round.
    const saidTopic = topic.map((t) => has(said, t.term));
    const shownGives = kinds.map((k) => k.gives.test(shownSoFar));
    const gain = (c: Candidate) =>
      topic.reduce((s, t, i) => s + (c.hasTopic[i] ? (saidTopic[i] ? SAID_WORD_SHARE : 1) * t.weight : 0), 0) / total +
      (kinds.some((_, k) => c.gives[k] && !shownGives[k]) ? ANSWER_KIND_GAIN : 0);
    const scored = candidates
      .filter((c) => c.sentence.length + 2 <= left)
      .filter((c) => added.has(c.hit.passage.id) || added.size < MAX_SECTIONS)
      .map((c) => ({ c, gain: gain(c) }))
      .filter((s) => s.gain >= MIN_NEW_SHARE)
      // The most new words first; of equals, the section that matches better and the sentence that comes first.
      .sort((a, b) => b.gain - a.gain || b.c.hit.score - a.c.hit.score || a.c.order - b.c.order);
    const pick = scored[0]?.c;
    if (!pick) break;
    candidates.splice(candidates.indexOf(pick), 1);
    for (const t of pick.terms) said.add(t);
    shownSoFar += `\n${pick.sentence}`;
    const entry = added.get(pick.hit.passage.id) ?? { passage: pick.hit.passage, sentences: [] };
    entry.sentences.push({ order: pick.order, text: pick.sentence });
    added.set(pick.hit.passage.id, entry);
    left -= pick.sentence.length + 2;
  }
  return [...added.values()].map((e) => ({
    passage: e.passage,
    text: e.sentences
      .sort((a, b) => a.order - b.order)
      .map((s) => s.text)
      .join(' '),
  }));
}
