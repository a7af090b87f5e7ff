import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import { LOCALES, type Locale } from '../../core/model.ts';
import type {
  DatedDocument,
  KnowledgeBase,
  Passage,
  QueryTerm,
  SearchHit,
  SearchQuery,
  SearchResult,
} from '../../core/qa/knowledge-base.ts';
import {
  analyse,
  analyseWords,
  expandAbbreviations,
  isDomainTerm,
  isGenericTerm,
  isStopWord,
  questionTerms,
} from './analyzer.ts';
import type { KnowledgeDocument } from './markdown-document.ts';
import { askedQuestion, questionMatch, type SectionQuestions, sectionQuestions } from './question-match.ts';

interface IndexedPassage {
  id: number;
  /** The document's title: every section of "Kungälvs riktlinje" is about that guideline. */
  title: string;
  heading: string;
  keywords: string;
  body: string;
}

/** One language's passages, their MiniSearch index and how many passages contain each term. */
interface LanguageIndex {
  passages: Passage[];
  search: MiniSearch<IndexedPassage>;
  documentFrequency: Map<string, number>;
  /** Each passage's terms, to tell exact matches without asking the index. */
  termSets: Set<string>[];
  /** Each passage's own question and its other phrasings, analysed. */
  questions: SectionQuestions[];
}

// Headings are written as the question a passage answers, so they count most; keywords hold synonyms; the
// document title only tips the balance between sections that match the question equally well otherwise.
const FIELD_BOOST = { title: 0.5, heading: 3, keywords: 1.5, body: 1 };
// How much a prefix match ("upphandl" → "upphandlingsskadeavgift") or a typo match is worth in coverage.
const PREFIX_QUALITY = 0.8;
const FUZZY_QUALITY = 0.6;

/** Edit distance, only ever used on a handful of short words per question. */
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

// Short stems make noisy prefixes and typo matches, so both need a few letters first.
// Two edits from 8 letters on, because a swapped pair of letters ("ritklinjer") costs two; not for shorter
// words, where two edits reach too many other words (and cost the most time).
const fuzziness = (term: string) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0);
const usePrefix = (term: string) => term.length >= 6 && !/^\d+$/.test(term);

function buildIndex(documents: KnowledgeDocument[], language: Locale): LanguageIndex {
  const passages: Passage[] = [];
  for (const doc of documents.filter((d) => d.language === language)) {
    doc.sections.forEach((section, i) => {
      passages.push({
        id: `${doc.id}.${doc.language}#${i + 1}`,
        documentId: doc.id,
        documentTitle: doc.title,
        language: doc.language,
        kind: doc.kind,
        municipality: doc.municipality,
        heading: section.heading,
        questions: section.questions,
        text: section.text,
        keywords: section.keywords,
        sources: section.sources,
        file: doc.file,
        ...(doc.validUntil ? { validUntil: doc.validUntil } : {}),
      });
    });
  }
  const search = new MiniSearch<IndexedPassage>({
    fields: ['title', 'heading', 'keywords', 'body'],
    // Fields arrive already analysed (see `analyse`), so MiniSearch only splits on spaces.
    tokenize: (text) => text.split(' ').filter(Boolean),
    processTerm: (term) => term,
  });
  const documentFrequency = new Map<string, number>();
  const termSets: Set<string>[] = [];
  // Every section of a document carries its title: analyse each title once.
  const titles = new Map<string, string[]>();
  const titleTerms = (title: string) => {
    const known = titles.get(title);
    if (known) return known;
    const terms = analyse(title, language);
    titles.set(title, terms);
    return terms;
  };
  const entries = passages.map((p, id): IndexedPassage => {
    const heading = [...analyse(p.heading, language), ...questionTerms(p.heading, language)];
    const keywords = analyse(p.keywords.join(', '), language);
    const body = analyse(p.text, language);
    const title = titleTerms(p.documentTitle);
    const terms = new Set([...title, ...heading, ...keywords, ...body]);
    termSets.push(terms);
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    return {
      id,
      title: title.join(' '),
      heading: heading.join(' '),
      keywords: keywords.join(' '),
      body: body.join(' '),
    };
  });
  search.addAll(entries);
  const weight = (term: string) =>
    (isGenericTerm(term, language) ? GENERIC_WEIGHT : 1) *
    Math.log(1 + passages.length / ((documentFrequency.get(term) ?? 0) + 1));
  const questions = passages.map((p) => sectionQuestions(p, language, weight));
  return { passages, search, documentFrequency, termSets, questions };
}

function idf(index: LanguageIndex, documentFrequency: number): number {
  return Math.log(1 + index.passages.length / (documentFrequency + 1));
}

/** How well a passage matches a query term: exactly (1), as a prefix of a longer word, or with a typo. */
function matchQuality(index: LanguageIndex, result: MiniSearchResult, queryTerm: string): number {
  if (index.termSets[result.id as number]?.has(queryTerm)) return 1;
  if (!result.queryTerms.includes(queryTerm)) return 0;
  if (usePrefix(queryTerm) && result.terms.some((t) => t.startsWith(queryTerm))) return PREFIX_QUALITY;
  return FUZZY_QUALITY;
}

// A term in more than this share of passages ("IOP" in an IOP knowledge base) tells them apart too little to be
// worth scoring every passage for; it still counts towards coverage. Kept when the question has nothing else.
const COMMON_SHARE = 0.5;

// Weight of what an abbreviation stands for, next to the abbreviation the user typed.
const EXPANSION_WEIGHT = 0.6;
// Question words only tip the balance between passages on the same topic.
const QUESTION_WORD_WEIGHT = 0.3;
// A word of asking ("ställer", "funkar") counts this much of what its rarity would give it.
const GENERIC_WEIGHT = 0.3;

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
  const nearest = (term: string): string[] => {
    const found = new Set<string>();
    for (const r of results) {
      if (!r.queryTerms.includes(term)) continue;
      for (const t of r.terms) {
        if (t.startsWith(term) || editDistance(t, term) <= fuzziness(term)) found.add(t);
      }
    }
    return [...found];
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
      fromContext: false,
    })),
    ...[...terms.extra].map(([term, weight]) => ({
      term,
      word: term,
      weight: termWeight(term) * weight,
      known: known(term),
      domain: inField(term),
      fromContext: true,
    })),
  ];
}

/** The knowledge's words a term the index does not know (a typo) was matched to by the search; none for a known one. */
function fuzzyMatches(index: LanguageIndex, term: string, results: MiniSearchResult[]): ReadonlySet<string> | undefined {
  if (index.documentFrequency.has(term) || term.startsWith('?')) return undefined;
  const found = new Set<string>();
  for (const r of results) {
    if (!r.queryTerms.includes(term)) continue;
    for (const t of r.terms) {
      if (!found.has(t) && !t.startsWith(term) && editDistance(t, term) <= fuzziness(term)) found.add(t);
    }
  }
  return found.size > 0 ? found : undefined;
}

/** The KnowledgeBase port over MiniSearch: one index per language, Snowball-stemmed, fuzzy and prefix matching. */
export class MiniSearchKnowledgeBase implements KnowledgeBase {
  private readonly indexes: Record<Locale, LanguageIndex>;
  private readonly byId = new Map<string, Passage>();
  private readonly dated: DatedDocument[];

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
    return index.search.search(words.join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      // A word the knowledge contains needs no typo search; that keeps fuzzy matching (the costly part) rare.
      fuzzy: (term) => (index.documentFrequency.has(term) ? false : fuzziness(term) || false),
      prefix: (term) => usePrefix(term),
      weights: { fuzzy: 0.35, prefix: 0.5 },
      boost: FIELD_BOOST,
      boostTerm: (term) => extra.get(term) ?? 1,
      ...(filter ? { filter: (r: MiniSearchResult) => filter(index.passages[r.id as number] as Passage) } : {}),
      ...(boost ? { boostDocument: (id: number) => boost(index.passages[id] as Passage) } : {}),
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
    return analyse(text, language);
  }
}
