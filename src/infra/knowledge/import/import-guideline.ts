import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Locale } from '../../../core/model.ts';
import { parseKnowledgeDocument } from '../markdown-document.ts';
import { type Draft, draftDocument } from './draft-document.ts';
import { type ConvertedText, docxToMarkdown } from './docx-to-markdown.ts';
import { htmlToMarkdown } from './html-to-markdown.ts';
import { pdfToMarkdown } from './pdf-to-markdown.ts';

/** The kinds of file a guideline can be imported from. */
export const IMPORTABLE = ['.docx', '.pdf', '.html', '.htm', '.md'] as const;

/** What importing a file gives: the draft, what to look at by hand, and how the draft fares with the loader. */
export interface ImportedGuideline extends Draft {
  /** Problems the loader would refuse the draft for (empty when it loads as it is). */
  problems: string[];
}

function htmlTitle(html: string): string | undefined {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, ' ').trim();
  return title || undefined;
}

async function convert(file: string): Promise<ConvertedText> {
  const ext = extname(file).toLowerCase();
  const bytes = await readFile(file);
  switch (ext) {
    case '.docx':
      return docxToMarkdown(bytes);
    case '.pdf':
      return pdfToMarkdown(new Uint8Array(bytes));
    case '.html':
    case '.htm': {
      const html = bytes.toString('utf8');
      return { markdown: htmlToMarkdown(html), notes: [], title: htmlTitle(html) };
    }
    case '.md':
      // A Markdown file may carry front matter of its own: the draft writes new.
      return { markdown: bytes.toString('utf8').replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, ''), notes: [] };
    default:
      throw new Error(`cannot import ${ext || 'a file without extension'}: use ${IMPORTABLE.join(', ')}`);
  }
}

/** Converts a municipality's guideline file into a draft knowledge document and checks that it would load. */
export async function importGuideline(
  file: string,
  options: { municipality: string; language: Locale; municipalityName?: string },
): Promise<ImportedGuideline> {
  const converted = await convert(file);
  const draft = draftDocument(converted.markdown, {
    ...options,
    sourceFile: basename(file),
    title: converted.title,
  });
  const parsed = parseKnowledgeDocument(draft.text, basename(file), new Map());
  return { ...draft, notes: [...converted.notes, ...draft.notes], problems: parsed.ok ? [] : parsed.problems };
}
