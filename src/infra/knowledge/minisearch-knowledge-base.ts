import type { SearchResult as MiniSearchResult } from 'minisearch';
import { LOCALES, type Locale } from '../../core/model.ts';
import type {
  DatedDocument,
  KnowledgeBase,
  Passage,
  QueryTerm,
  SearchHit,
  SearchQuery,
  SearchResult,
} from '../../core/ports/knowledge-base.ts';
import {
  analyse,
  analyseWords,
  expandAbbreviations,
  isBroadDomainTerm,
  isDomainTerm,
  isGenericTerm,
  isStopWord,
  questionTerms,
} from './analyzer.ts';
import type { KnowledgeDocument } from './markdown-document.ts';
import {
  buildIndex,
  editDistance,
  FIELD_BOOST,
  fuzziness,
  GENERIC_WEIGHT,
  idf,
  type LanguageIndex,
  matchQuality,
  usePrefix,
} from './language-index.ts';
import { askedQuestion, questionMatch, type SectionQuestions } from './question-match.ts';

// A term in more than this share of passages ("IOP" in an IOP knowledge base) tells them apart too little to be
// worth scoring every passage for; it still counts towards coverage. Kept when the question has nothing else.
const COMMON_SHARE = 0.5;

// Texts whose terms are remembered, per language.
const MAX_CACHED_TEXTS = 5000;

// Weight of what an abbreviation stands for, next to the abbreviation the user typed.
const EXPANSION_WEIGHT = 0.6;
// Question words only tip the balance between passages on the same topic.
const QUESTION_WORD_WEIGHT = 0.3;

/** The question's own terms, and terms from the thread or abbreviations with their (lower) weights. */
function termsOf(
  index: LanguageIndex,
  query: SearchQuery,
): { own: string[]; extra: Map<string, number>; words: Map<string, string> } {
  const other = query.language === 'sv' ? 'en' : 'sv';
  const words = new Map<string, string>();
  for (const { word, term } of analyseWords(query.text, query.language)) {
    // A question answered in the other language ("Vad är IOP?" in English): its function words are no topic.
    if (isStopWord(word, other) && !index.documentFrequency.has(term)) continue;
    if (!words.has(term)) words.set(term, word);
  }
  const own = [...words.keys()];
  const extra = new Map<string, number>();
  for (const term of analyse(query.context ?? '', query.language)) {
    if (!own.includes(term)) extra.set(term, query.contextWeight ?? 0.35);
  }
  for (const term of questionTerms(query.text, query.language)) extra.set(term, QUESTION_WORD_WEIGHT);
  if (query.expandAbbreviations) {
    for (const term of expandAbbreviations(query.text, query.language)) {
      if (!own.includes(term)) extra.set(term, Math.max(extra.get(term) ?? 0, EXPANSION_WEIGHT));
    }
  }
  return { own, extra, words };
}

function queryTerms(
  index: LanguageIndex,
  query: SearchQuery,
  terms: { own: string[]; extra: Map<string, number>; words: Map<string, string> },
  results: MiniSearchResult[],
): QueryTerm[] {
  const matchedAnywhere = new Set(results.flatMap((r) => r.queryTerms));
  const known = (term: string) => matchedAnywhere.has(term) || index.documentFrequency.has(term);
  // A misspelt or truncated term stands for the document words it matched: its weight is that of the most
  // common of them, and it belongs to the IOP field when one of them does.
  // Weight and field both ask for a term's nearest words: they are worked out once per term.
  const nearestOf = new Map<string, string[]>();
  const nearest = (term: string): string[] => {
    const known = nearestOf.get(term);
    if (known) return known;
    const words = wordsMatchedBy(term, results, (t) => t.startsWith(term) || withinEdits(t, term, fuzziness(term)));
    nearestOf.set(term, words);
    return words;
  };
  const termWeight = (term: string) => {
    const generic = isGenericTerm(term, query.language) ? GENERIC_WEIGHT : 1;
    const df = index.documentFrequency.get(term);
    if (df !== undefined) return generic * idf(index, df);
    const frequencies = nearest(term).map((t) => index.documentFrequency.get(t) ?? 0);
    return generic * idf(index, Math.max(0, ...frequencies));
  };
  const inField = (term: string) =>
    isDomainTerm(term, query.language) ||
    (!index.documentFrequency.has(term) && nearest(term).some((t) => isDomainTerm(t, query.language)));
  return [
    ...terms.own.map((term) => ({
      term,
      word: terms.words.get(term) ?? term,
      weight: termWeight(term),
      known: known(term),
      domain: inField(term),
      broad: isBroadDomainTerm(term, query.language),
      fromContext: false,
    })),
    ...[...terms.extra].map(([term, weight]) => ({
      term,
      word: term,
      weight: termWeight(term) * weight,
      known: known(term),
      domain: inField(term),
      broad: isBroadDomainTerm(term, query.language),
      fromContext: true,
    })),
  ];
}

/** True when `a` is at most `edits` edits from `b`; words whose lengths differ by more cannot be. */
function withinEdits(a: string, b: string, edits: number): boolean {
  return Math.abs(a.length - b.length) <= edits && editDistance(a, b) <= edits;
}

/** The knowledge's words a term the index does not know (a typo) was matched to by the search; none for a known one. */
function fuzzyMatches(
  index: LanguageIndex,
  term: string,
  results: MiniSearchResult[],
): ReadonlySet<string> | undefined {
  if (index.documentFrequency.has(term) || term.startsWith('?')) return undefined;
  const found = wordsMatchedBy(term, results, (t) => !t.startsWith(term) && withinEdits(t, term, fuzziness(term)));
  return found.length > 0 ? new Set(found) : undefined;
}

/** The words of the results `term` matched that `keep` accepts; many results share words, so each is judged once. */
function wordsMatchedBy(term: string, results: MiniSearchResult[], keep: (word: string) => boolean): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    if (!r.queryTerms.includes(term)) continue;
    for (const t of r.terms) {
      if (seen.has(t)) continue;
      seen.add(t);
      if (keep(t)) found.push(t);
    }
  }
  return found;
}

/** The KnowledgeBase port over MiniSearch: one index per language, Snowball-stemmed, fuzzy and prefix matching. */
export class MiniSearchKnowledgeBase implements KnowledgeBase {
  private readonly indexes: Record<Locale, LanguageIndex>;
  private readonly byId = new Map<string, Passage>();
  private readonly dated: DatedDocument[];
  private readonly termsOf: Record<Locale, Map<string, string[]>> = { sv: new Map(), en: new Map() };

  constructor(documents: KnowledgeDocument[]) {
    this.indexes = { sv: buildIndex(documents, 'sv'), en: buildIndex(documents, 'en') };
    for (const locale of LOCALES) for (const p of this.indexes[locale].passages) this.byId.set(p.id, p);
    this.dated = documents.flatMap((d) =>
      d.validUntil
        ? [
            {
              id: d.id,
              title: d.title,
              language: d.language,
              municipality: d.municipality,
              date: d.date,
              validUntil: d.validUntil,
              file: d.file,
            },
          ]
        : [],
    );
  }

  search(query: SearchQuery): SearchResult {
    const index = this.indexes[query.language];
    const terms = termsOf(index, query);
    const common = (t: string) => (index.documentFrequency.get(t) ?? 0) > index.passages.length * COMMON_SHARE;
    const own = terms.own.some((t) => !common(t)) ? terms.own.filter((t) => !common(t)) : terms.own;
    const all = [...own, ...[...terms.extra.keys()].filter((t) => !common(t))];
    if (all.length === 0) return { hits: [], terms: [] };
    const results = this.run(index, all, query, terms.extra);
    // Only unknown words besides "IOP" ("vad pratar man om när man säger IOP?"): the common word is all there is.
    if (results.length === 0 && own.length < terms.own.length) {
      results.push(...this.run(index, terms.own, query, terms.extra));
    }
    const weighted = queryTerms(index, query, terms, results.slice(0, 50));
    const near = new Map<string, ReadonlySet<string> | undefined>();
    const nearTo = (term: string) => {
      if (!near.has(term)) near.set(term, fuzzyMatches(index, term, results));
      return near.get(term);
    };
    const asked = askedQuestion(weighted, nearTo, query.text);
    const hits: SearchHit[] = results.slice(0, query.limit ?? 10).map((r) => {
      const matched = new Map<string, number>();
      for (const t of weighted) {
        const quality = matchQuality(index, r, t.term);
        if (quality > 0) matched.set(t.term, quality);
      }
      const id = r.id as number;
      const match = questionMatch(index.questions[id] as SectionQuestions, asked);
      return { passage: index.passages[id] as Passage, score: r.score, matched, ...match };
    });
    return { hits, terms: weighted };
  }

  /** One MiniSearch query over the analysed words, with the caller's filter and boost. */
  private run(index: LanguageIndex, words: string[], query: SearchQuery, extra: ReadonlyMap<string, number>) {
    const { filter, boost } = query;
    // A passage the filter leaves out gets a boost of 0, so MiniSearch skips it instead of scoring it first and
    // dropping it after; the passages kept score exactly as before (a boost of 1 when none is asked for).
    const boostDocument =
      filter && boost
        ? (id: number) => {
            const passage = index.passages[id] as Passage;
            return filter(passage) ? boost(passage) : 0;
          }
        : filter
          ? (id: number) => (filter(index.passages[id] as Passage) ? 1 : 0)
          : boost
            ? (id: number) => boost(index.passages[id] as Passage)
            : undefined;
    return index.search.search(words.join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      // A word the knowledge contains needs no typo search; that keeps fuzzy matching (the costly part) rare.
      fuzzy: (term) => (index.documentFrequency.has(term) ? false : fuzziness(term) || false),
      prefix: (term) => usePrefix(term),
      weights: { fuzzy: 0.35, prefix: 0.5 },
      boost: FIELD_BOOST,
      boostTerm: (term) => extra.get(term) ?? 1,
      ...(boostDocument ? { boostDocument } : {}),
    });
  }

  wordEvidence(text: string, language: Locale): number {
    const index = this.indexes[language];
    let evidence = 0;
    for (const term of new Set(analyse(text, language))) {
      const df = index.documentFrequency.get(term);
      if (df !== undefined) evidence += df;
      else if (fuzziness(term) > 0) {
        evidence += index.search.search(term, {
          tokenize: (t) => [t],
          processTerm: (t) => t,
          fuzzy: fuzziness(term),
          prefix: false,
        }).length;
      }
    }
    return evidence;
  }

  datedDocuments(): DatedDocument[] {
    return [...this.dated];
  }

  passage(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  passages(language: Locale): readonly Passage[] {
    return this.indexes[language].passages;
  }

  terms(text: string, language: Locale): string[] {
    // Mostly texts of the knowledge itself (an answer's shown text, headings), asked for again with every answer
    // that shows them: remembered, within bounds, and copied so a caller cannot change what is remembered.
    const cache = this.termsOf[language];
    let terms = cache.get(text);
    if (!terms) {
      terms = analyse(text, language);
      if (cache.size >= MAX_CACHED_TEXTS) cache.clear();
      cache.set(text, terms);
    }
    return terms.slice();
  }
}
