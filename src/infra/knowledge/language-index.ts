// One language's search index over the knowledge: the passages, their analysed fields in MiniSearch, how many
// passages hold each term, and each section's own questions for matching whole questions.
import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import type { Locale } from '../../core/model.ts';
import type { Passage } from '../../core/ports/knowledge-base.ts';
import { analyse, isGenericTerm, questionTerms } from './analyzer.ts';
import type { KnowledgeDocument } from './markdown-document.ts';
import { type SectionQuestions, sectionQuestions } from './question-match.ts';

// A word of asking ("ställer", "funkar") counts this much of what its rarity would give it.
export const GENERIC_WEIGHT = 0.3;

interface IndexedPassage {
  id: number;
  /** The document's title: every section of "Kungälvs riktlinje" is about that guideline. */
  title: string;
  heading: string;
  keywords: string;
  body: string;
}

/** One language's passages, their MiniSearch index and how many passages contain each term. */
export interface LanguageIndex {
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
export const FIELD_BOOST = { title: 0.5, heading: 3, keywords: 1.5, body: 1 };
// How much a prefix match ("upphandl" → "upphandlingsskadeavgift") or a typo match is worth in coverage.
const PREFIX_QUALITY = 0.8;
const FUZZY_QUALITY = 0.6;

/** Edit distance, only ever used on a handful of short words per question. */
export function editDistance(a: string, b: string): number {
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
export const fuzziness = (term: string) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0);
export const usePrefix = (term: string) => term.length >= 6 && !/^\d+$/.test(term);

export function buildIndex(documents: KnowledgeDocument[], language: Locale): LanguageIndex {
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
    // The other ways of asking the heading's question are found like keywords.
    const keywords = analyse([...p.keywords, ...p.questions].join(', '), language);
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

export function idf(index: LanguageIndex, documentFrequency: number): number {
  return Math.log(1 + index.passages.length / (documentFrequency + 1));
}

/** How well a passage matches a query term: exactly (1), as a prefix of a longer word, or with a typo. */
export function matchQuality(index: LanguageIndex, result: MiniSearchResult, queryTerm: string): number {
  if (index.termSets[result.id as number]?.has(queryTerm)) return 1;
  if (!result.queryTerms.includes(queryTerm)) return 0;
  if (usePrefix(queryTerm) && result.terms.some((t) => t.startsWith(queryTerm))) return PREFIX_QUALITY;
  return FUZZY_QUALITY;
}
