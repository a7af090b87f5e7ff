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

/** Why a file could not be imported: it is not there, it is of a kind not handled, or it cannot be read as one. */
export class ImportError extends Error {
  constructor(
    readonly kind: 'not-found' | 'unsupported' | 'unreadable',
    readonly file: string,
    readonly detail?: string,
  ) {
    super(`${kind}: ${file}${detail ? ` (${detail})` : ''}`);
    this.name = 'ImportError';
  }
}

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
  if (!(IMPORTABLE as readonly string[]).includes(ext)) throw new ImportError('unsupported', file, ext || undefined);
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError(error.code === 'ENOENT' ? 'not-found' : 'unreadable', file, error.code);
  });
  // A damaged or mislabelled file (a .docx that is no zip, a PDF without its structure) is named as such, not
  // reported as the converter's own words.
  return convertBytes(ext, bytes).catch((error: unknown) => {
    throw new ImportError('unreadable', file, error instanceof Error ? error.message : String(error));
  });
}

async function convertBytes(ext: string, bytes: Buffer): Promise<ConvertedText> {
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
      throw new ImportError('unsupported', ext);
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
