import mammoth from 'mammoth';
import { htmlToMarkdown } from './html-to-markdown.ts';

/** What a converter made of a file: Markdown with `#` headings, and what it could not carry over. */
export interface ConvertedText {
  markdown: string;
  notes: string[];
  /** The document's own title when the file states one (PDF metadata, HTML <title>). */
  title?: string;
}

// Word's built-in heading and title styles become headings; Swedish Word names them "Rubrik 1" and "Rubrik".
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Rubrik'] => h1:fresh",
  "p[style-name='Rubrik 1'] => h1:fresh",
  "p[style-name='Rubrik 2'] => h2:fresh",
  "p[style-name='Rubrik 3'] => h3:fresh",
  "p[style-name='Rubrik 4'] => h4:fresh",
];

/** A .docx through mammoth (Word styles → HTML) and then to Markdown. */
export async function docxToMarkdown(buffer: Buffer): Promise<ConvertedText> {
  const result = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP });
  const notes = result.messages
    .filter((m) => m.type === 'warning' || m.type === 'error')
    .map((m) => `docx: ${m.message}`);
  return { markdown: htmlToMarkdown(result.value), notes };
}
