import { getDocumentProxy } from 'unpdf';
import type { ConvertedText } from './docx-to-markdown.ts';
import { type PdfLine, pdfLines, type PdfPage, type PdfTextItem } from './pdf-lines.ts';
import { structureToMarkdown, type StructNode } from './pdf-structure.ts';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type OutlineEntry = { title: string; items: OutlineEntry[] };

async function readPages(pdf: PdfDocument): Promise<PdfPage[]> {
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const tree = (await page.getStructTree().catch(() => null)) as StructNode | null;
    pages.push({ number: n, items: content.items as PdfTextItem[], tree });
  }
  return pages;
}

function flattenOutline(entries: OutlineEntry[], depth = 1): Array<{ title: string; depth: number }> {
  return entries.flatMap((e) => [{ title: e.title.trim(), depth }, ...flattenOutline(e.items ?? [], depth + 1)]);
}

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Lines as Markdown: a heading where `levelOf` says so, else paragraphs (a wider gap between lines ends one). */
function linesToMarkdown(lines: PdfLine[], levelOf: (line: PdfLine) => number | undefined): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let previous: PdfLine | undefined;
  const flush = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const line of lines) {
    const level = levelOf(line);
    const bullet = /^\s*[•●▪◦‣∙·–-]\s+/.exec(line.text);
    const gap = previous && previous.page === line.page ? previous.y - line.y : Number.POSITIVE_INFINITY;
    if (level !== undefined) {
      flush();
      blocks.push(`${'#'.repeat(Math.min(level, 6))} ${line.text.trim()}`);
    } else if (bullet) {
      flush();
      paragraph.push(`- ${line.text.slice(bullet[0].length).trim()}`);
      flush();
    } else {
      if (gap > line.size * 1.9) flush();
      // A line that continues a list item belongs to it.
      const last = blocks[blocks.length - 1];
      if (paragraph.length === 0 && last?.startsWith('- ') && gap <= line.size * 1.9) {
        blocks[blocks.length - 1] = `${last} ${line.text.trim()}`;
      } else paragraph.push(line.text.trim());
    }
    previous = line;
  }
  flush();
  return blocks.join('\n\n');
}

/** Headings from font sizes: lines set larger than the body text, the largest size first. */
function sizeLevels(lines: PdfLine[]): (line: PdfLine) => number | undefined {
  const chars = new Map<number, number>();
  for (const line of lines) chars.set(line.size, (chars.get(line.size) ?? 0) + line.text.length);
  const body = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const larger = [...chars.keys()].filter((s) => s > body * 1.1).sort((a, b) => b - a);
  return (line) => {
    const index = larger.indexOf(line.size);
    if (index >= 0 && line.text.length <= 140) return index + 1;
    // Bold body-size lines that stand alone and do not end a sentence are headings too, below the sized ones.
    if (line.bold && line.size >= body && line.text.length <= 100 && !/[.,;:]$/.test(line.text.trim())) {
      return larger.length + 1;
    }
    return undefined;
  };
}

/**
 * A PDF to Markdown, structured the best way the file allows: its structure tree when it is tagged, else its
 * outline (bookmarks), else font sizes. The notes say which was used and what could not be structured.
 */
export async function pdfToMarkdown(buffer: Uint8Array): Promise<ConvertedText> {
  // pdf.js's own warnings ("Indexing all PDF objects") would go to the console; what matters is reported below.
  const pdf = await getDocumentProxy(new Uint8Array(buffer), { verbosity: 0 });
  try {
    const notes: string[] = [];
    const info = ((await pdf.getMetadata().catch(() => undefined))?.info ?? {}) as { Title?: string };
    const title = info.Title?.trim() || undefined;
    const pages = await readPages(pdf);
    for (const page of pages) {
      if (!page.items.some((i) => 'str' in i && i.str.trim())) {
        notes.push(`pdf page ${page.number}: no text (a scanned image?); copy its content by hand`);
      }
    }
    const tagged = structureToMarkdown(pages);
    if (tagged && /^#{1,6} /m.test(tagged.markdown)) {
      notes.push('pdf: structured from its tags (structure tree)', ...tagged.notes);
      return { markdown: tagged.markdown, notes, title };
    }
    const lines = pdfLines(pages);
    const outline = flattenOutline(((await pdf.getOutline()) ?? []) as OutlineEntry[]);
    if (outline.length > 0) {
      const depthOf = new Map(outline.map((o) => [fold(o.title), o.depth]));
      const markdown = linesToMarkdown(lines, (line) => depthOf.get(fold(line.text)));
      const found = new Set(lines.map((l) => fold(l.text)));
      const missing = outline.filter((o) => !found.has(fold(o.title)));
      notes.push('pdf: not tagged; headings taken from its outline (bookmarks)');
      for (const m of missing) notes.push(`pdf: outline entry "${m.title}" not found as a line of text`);
      return { markdown, notes, title };
    }
    notes.push('pdf: neither tagged nor bookmarked; headings guessed from font sizes, check every ## heading');
    return { markdown: linesToMarkdown(lines, sizeLevels(lines)), notes, title };
  } finally {
    await pdf.cleanup();
  }
}
