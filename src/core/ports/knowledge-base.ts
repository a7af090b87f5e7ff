import type { Locale } from '../model.ts';

/** What a knowledge document is: curated FAQ, a municipality's own document, the glossary, or a local guideline. */
export const DOCUMENT_KINDS = ['faq', 'municipality', 'glossary', 'guideline'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Who stands behind a source: a law or its preparatory work, an authority, a municipality or region, an organisation. */
export const SOURCE_KINDS = ['law', 'authority', 'municipal', 'organisation', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A document that proposes rather than decides: an officials' proposal, or a party's motion. */
export const SOURCE_STATUSES = ['proposal', 'motion'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** Where a fact comes from: an entry of knowledge/sources.yaml, or a source written into a document itself. */
export interface SourceInfo {
  id: string;
  title: string;
  publisher?: string;
  kind?: SourceKind;
  /** When it was published or decided: YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string;
  status?: SourceStatus;
  url?: string;
  /** File name of a seed document (a municipal record the knowledge was written from). */
  seed?: string;
  reliability?: 'high' | 'medium' | 'low';
}

/** One section (`## heading`) of a knowledge document: the unit the assistant retrieves and cites. */
export interface Passage {
  /** Stable within one load: `<document id>.<language>#<section number>`. */
  id: string;
  documentId: string;
  documentTitle: string;
  language: Locale;
  kind: DocumentKind;
  /** Municipality id for a municipality's own document. */
  municipality?: string;
  heading: string;
  /** Other phrasings of the heading's question, written by the editor. */
  questions: string[];
  /** Body text with light formatting, comments removed. */
  text: string;
  keywords: string[];
  sources: SourceInfo[];
  /** Path of the document, relative to the knowledge folder. */
  file: string;
  /** The document's last day of validity (YYYY-MM-DD), for a guideline that runs out. */
  validUntil?: string;
}

/** A scored passage, with which of the question's terms it matched and how well (1 exact, less for a prefix or typo). */
export interface SearchHit {
  passage: Passage;
  score: number;
  matched: ReadonlyMap<string, number>;
  /**
   * How well the section's own question (its heading, or one of its other phrasings) matches the question asked
   * as a whole, 0–1: most of the asked words in it, and few of its words left unasked.
   */
  question: number;
  /** How well the heading alone matches, 0–1: a "Ja"/"Nej" the section starts with answers its heading. */
  heading: number;
  /** The largest share of the asked words (by weight) that one of the section's questions contains, 0–1. */
  asked: number;
}

/** A search over one language's passages, with the policy (filters, boosts) decided by the caller. */
export interface SearchQuery {
  text: string;
  language: Locale;
  /** Words from earlier in the thread; they steer the search but weigh less than the question's own words. */
  context?: string;
  /** Weight of context words relative to the question's own (0–1). */
  contextWeight?: number;
  /** Leaves out passages for which this returns false. */
  filter?: (passage: Passage) => boolean;
  /** Multiplies a passage's score (municipality preference, definitions for "what is" questions). */
  boost?: (passage: Passage) => number;
  /** Also search for what abbreviations stand for ("IOP" → "idéburet offentligt partnerskap"), as context. */
  expandAbbreviations?: boolean;
  limit?: number;
}

/** A question's words as the index sees them, with how rare (informative) each is. */
export interface QueryTerm {
  term: string;
  /** The word as the user wrote it (the first one, when several words give the same term). */
  word: string;
  /** Inverse document frequency; words the knowledge does not contain at all get the highest value. */
  weight: number;
  /** True when the knowledge contains the word (exactly, as a prefix or with a small typo). */
  known: boolean;
  /** True for words that put a question inside the IOP field by themselves ("IOP", "LOU", "statsstöd"). */
  domain: boolean;
  /** True for a field word that is also everyday municipal vocabulary ("upphandling", "agreement", "riktlinjer"). */
  broad: boolean;
  fromContext: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  terms: QueryTerm[];
}

/** A document with an end date, for reminders ("Kungälv's guideline expires 2023-12-31"). */
export interface DatedDocument {
  id: string;
  title: string;
  language: Locale;
  municipality?: string;
  date?: string;
  validUntil: string;
  file: string;
}

/** The knowledge port: full-text search over the passages of knowledge/, in Swedish and English. */
export interface KnowledgeBase {
  search(query: SearchQuery): SearchResult;
  /**
   * How many passages in `language` contain the text's words, a misspelt word counting by its nearest spelling;
   * a Swedish word glossed in English text ("samfinansiering") weighs far more in Swedish.
   */
  wordEvidence(text: string, language: Locale): number;
  /** Documents that carry a `valid_until` date. */
  datedDocuments(): DatedDocument[];
  passage(id: string): Passage | undefined;
  /** Every passage of one language, in document order. */
  passages(language: Locale): readonly Passage[];
  /** A text's words as the index sees them (stemmed, stop words left out), to compare sentences with a question. */
  terms(text: string, language: Locale): string[];
}
