import type { PdfPage } from './pdf-lines.ts';

/** pdf.js's structure tree of a tagged page: roles with children, leaves naming marked content by id. */
export type StructNode = { role: string; children?: StructNode[] } | { type: 'content'; id: string };

/** The text of each marked-content id on a page (pdf.js ids look like `p12R_mc3`). */
function markedText(page: PdfPage): Map<string, string> {
  const texts = new Map<string, string>();
  const open: string[] = [];
  for (const item of page.items) {
    if ('str' in item) {
      const id = open[open.length - 1];
      if (id) texts.set(id, `${texts.get(id) ?? ''}${item.str}${item.hasEOL ? ' ' : ''}`);
    } else if (item.type === 'endMarkedContent') open.pop();
    else open.push(item.id ?? open[open.length - 1] ?? '');
  }
  return texts;
}

function textOf(node: StructNode, texts: Map<string, string>): string {
  if ('id' in node) return texts.get(node.id) ?? '';
  return (node.children ?? []).map((c) => textOf(c, texts)).join(' ');
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

function rowCells(row: StructNode, texts: Map<string, string>): string[] {
  if ('id' in row) return [];
  return (row.children ?? []).map((cell) => clean(textOf(cell, texts)).replace(/\|/g, '\\|'));
}

function tableMarkdown(table: StructNode, texts: Map<string, string>): string {
  const rows: StructNode[] = [];
  const collect = (node: StructNode) => {
    if ('id' in node) return;
    if (node.role === 'TR') rows.push(node);
    else for (const child of node.children ?? []) collect(child);
  };
  collect(table);
  const cells = rows.map((r) => rowCells(r, texts));
  const width = Math.max(0, ...cells.map((c) => c.length));
  if (width === 0) return '';
  const line = (c: string[]) => `| ${[...c, ...Array(width - c.length).fill('')].join(' | ')} |`;
  return [line(cells[0] ?? []), `|${' --- |'.repeat(width)}`, ...cells.slice(1).map(line)].join('\n');
}

function blocks(node: StructNode, texts: Map<string, string>, out: string[], notes: string[]): void {
  if ('id' in node) {
    const text = clean(texts.get(node.id) ?? '');
    if (text) out.push(text);
    return;
  }
  const role = node.role;
  const heading = /^H([1-6])?$/.exec(role);
  if (heading) {
    const text = clean(textOf(node, texts));
    if (text) out.push(`${'#'.repeat(Number(heading[1] ?? 2))} ${text}`);
  } else if (role === 'P' || role === 'Caption' || role === 'BlockQuote' || role === 'Quote') {
    const text = clean(textOf(node, texts));
    if (text) out.push(text);
  } else if (role === 'LI') {
    const children = node.children ?? [];
    const body = children.filter((c) => 'id' in c || c.role !== 'Lbl');
    const text = clean(body.map((c) => textOf(c, texts)).join(' ')).replace(/^[•●▪◦–-]\s*/, '');
    if (text) out.push(`- ${text}`);
  } else if (role === 'Table') {
    const table = tableMarkdown(node, texts);
    if (table) out.push(table);
  } else if (role === 'Figure') {
    notes.push('pdf: a figure was left out (no text in it can be answered from)');
  } else {
    for (const child of node.children ?? []) blocks(child, texts, out, notes);
  }
}

/** Markdown from the structure trees of a tagged PDF; undefined when the file has no tags. */
export function structureToMarkdown(pages: PdfPage[]): { markdown: string; notes: string[] } | undefined {
  if (!pages.some((p) => p.tree)) return undefined;
  const out: string[] = [];
  const notes: string[] = [];
  for (const page of pages) {
    if (!page.tree) {
      notes.push(`pdf page ${page.number}: not tagged; its text was left out`);
      continue;
    }
    blocks(page.tree, markedText(page), out, notes);
  }
  // Consecutive list items form one list.
  const markdown = out.join('\n\n').replace(/^(- .*)\n\n(?=- )/gm, '$1\n');
  return { markdown, notes: [...new Set(notes)] };
}
