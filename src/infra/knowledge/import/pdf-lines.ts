import type { StructNode } from './pdf-structure.ts';

/** pdf.js text content items: text runs and marked-content brackets (with includeMarkedContent). */
export type PdfTextItem =
  | { str: string; transform: number[]; height: number; fontName: string; hasEOL: boolean }
  | { type: 'beginMarkedContent' | 'beginMarkedContentProps' | 'endMarkedContent'; id?: string; tag?: string };

/** One page as pdf.js reads it. */
export interface PdfPage {
  number: number;
  items: PdfTextItem[];
  tree: StructNode | null;
}

/** A visual line of text with the size it is set in (points) and whether its font is bold. */
export interface PdfLine {
  page: number;
  text: string;
  y: number;
  size: number;
  bold: boolean;
}

/** Text runs joined into lines: a new line where pdf.js marks one or the baseline moves. */
export function pdfLines(pages: PdfPage[]): PdfLine[] {
  const lines: PdfLine[] = [];
  for (const page of pages) {
    let current: PdfLine | undefined;
    const push = () => {
      if (current?.text.trim()) lines.push({ ...current, text: current.text.replace(/\s+/g, ' ').trim() });
      current = undefined;
    };
    for (const item of page.items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] ?? 0;
      const size = Math.round(Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0) * 10) / 10 || item.height;
      if (current && Math.abs(current.y - y) > size * 0.5) push();
      if (!current) current = { page: page.number, text: '', y, size, bold: /bold|black|heavy/i.test(item.fontName) };
      current.text += item.str;
      current.size = Math.max(current.size, size);
      if (item.hasEOL) push();
    }
    push();
  }
  return lines;
}
