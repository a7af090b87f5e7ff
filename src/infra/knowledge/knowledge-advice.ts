import { join } from 'node:path';
import type { KnowledgeDocument } from './markdown-document.ts';

/** Past this many characters a section holds several answers, and the one asked for is hard to pick out. */
export const LONG_SECTION_CHARS = 1_200;

/** Something a content owner could improve; the assistant works without it. */
export interface KnowledgeAdvice {
  file: string;
  kind: 'not-a-question' | 'long-section' | 'expired' | 'no-publisher';
  message: string;
}

/**
 * Advice on documents that load but answer less well than they could: headings that are not questions (people ask
 * questions, and a question heading is matched best), sections too long to answer from, guidelines past their
 * `valid_until`, and sources nobody could cite because they name no publisher.
 */
export function knowledgeAdvice(dir: string, documents: KnowledgeDocument[], today: string): KnowledgeAdvice[] {
  const advice: KnowledgeAdvice[] = [];
  for (const document of documents) {
    const file = join(dir, document.file);
    const statements = document.sections.filter((s) => s.heading !== document.title && !s.heading.trim().endsWith('?'));
    if (statements.length > 0) {
      const list = statements.map((s) => `"${s.heading}"`).join(', ');
      advice.push({
        file,
        kind: 'not-a-question',
        message: `${statements.length} heading(s) are not questions; rephrase them as the question they answer: ${list}`,
      });
    }
    for (const section of document.sections) {
      if (section.text.length > LONG_SECTION_CHARS) {
        advice.push({
          file,
          kind: 'long-section',
          message: `section "${section.heading}" has ${section.text.length} characters (over ${LONG_SECTION_CHARS}); split it into one question per section`,
        });
      }
    }
    if (document.validUntil && document.validUntil < today) {
      advice.push({
        file,
        kind: 'expired',
        message: `valid_until ${document.validUntil} has passed; answers say the guideline has expired. Import the new one or update the date`,
      });
    }
    const unnamed = [...document.sources, ...document.sections.flatMap((s) => s.sources)].filter((s) => !s.publisher);
    for (const title of new Set(unnamed.map((s) => s.title))) {
      advice.push({
        file,
        kind: 'no-publisher',
        message: `source "${title}" names no publisher; add publisher: (the municipality, authority or organisation behind it)`,
      });
    }
  }
  return advice;
}
