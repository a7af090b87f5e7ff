import { stringify } from 'yaml';
import type { Locale } from '../../../core/model.ts';
import { documentDates } from './document-dates.ts';

/** Who the draft is for and where it came from. */
export interface DraftOptions {
  municipality: string;
  language: Locale;
  /** The file name of the original, as the source's title falls back to it. */
  sourceFile: string;
  /** The municipality as municipalities.yaml knows it; when absent the draft declares it in its front matter. */
  municipalityName?: string;
  /** The document's own title (PDF metadata), used when no heading gives one. */
  title?: string;
}

/** A draft knowledge document and what the content owner should look at before publishing it. */
export interface Draft {
  text: string;
  sections: number;
  notes: string[];
}

interface Block {
  level: number;
  heading: string;
  lines: string[];
}

/** Section numbers ("3.1", "2.") say where a heading sits in Word, not what it asks. */
function cleanHeading(text: string): string {
  return text
    .replace(/\*\*|__/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/^\d+(\.\d+)*\.?\s+/, '')
    .replace(/\s*:$/, '')
    .trim();
}

function splitBlocks(markdown: string): { preamble: string[]; blocks: Block[] } {
  const preamble: string[] = [];
  const blocks: Block[] = [];
  let fenced = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    const text = heading ? cleanHeading(heading[2] ?? '') : '';
    if (heading && text) blocks.push({ level: heading[1]?.length ?? 1, heading: text, lines: [] });
    else (blocks[blocks.length - 1]?.lines ?? preamble).push(line.replace(/^<!--|-->$/g, ''));
  }
  return { preamble, blocks };
}

const bodyOf = (lines: string[]) =>
  lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');

function guessName(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');
}

/**
 * Markdown with `#` headings (from any converter) as a draft knowledge document: front matter, then one `##`
 * section per heading in the municipality's own words. A heading with no text of its own names the headings
 * below it ("Ekonomi – Ersättning"), so no section is empty and none loses its context.
 */
export function draftDocument(markdown: string, options: DraftOptions): Draft {
  const notes: string[] = [];
  const { preamble, blocks } = splitBlocks(markdown);
  const top = Math.min(...blocks.map((b) => b.level));
  let title = options.title;
  if (blocks[0] && blocks[0].level === top && blocks.filter((b) => b.level === top).length === 1) {
    title = blocks[0].heading;
    preamble.push(...blocks[0].lines);
    blocks.shift();
  }
  title ??= options.sourceFile.replace(/\.[a-z]+$/i, '');

  const sections: Array<{ heading: string; body: string }> = [];
  const parents: Block[] = [];
  for (const block of blocks) {
    while (parents.length > 0 && (parents[parents.length - 1]?.level ?? 0) >= block.level) parents.pop();
    const body = bodyOf(block.lines);
    const context = parents.filter((p) => !bodyOf(p.lines)).map((p) => p.heading);
    if (body) sections.push({ heading: [...context, block.heading].join(' – '), body });
    parents.push(block);
  }
  const intro = bodyOf(preamble);
  if (sections.length === 0 && intro) sections.push({ heading: title, body: intro });
  else if (intro) notes.push('the text before the first heading became the opening section (its heading is the title)');
  if (sections.length === 0) notes.push('no text could be structured into sections; the draft is empty');

  const dates = documentDates(markdown);
  if (!dates.date) notes.push('no adoption date found; add `date:` (YYYY-MM-DD) to the front matter if there is one');
  if (!dates.validUntil) notes.push('no end date found; add `valid_until:` if the guideline states one');
  const name = options.municipalityName;
  const municipality = name
    ? options.municipality
    : { id: options.municipality, name: guessName(options.municipality), aliases: [], contact: null };
  if (!name) {
    notes.push(
      `municipality "${options.municipality}" is not in municipalities.yaml; the draft declares it (check name, aliases, contact)`,
    );
  }
  const front = {
    id: `${options.municipality}-${slug(options.sourceFile.replace(/\.[a-z]+$/i, '')) || 'riktlinje'}`,
    title,
    language: options.language,
    kind: 'municipality',
    municipality,
    ...(dates.date ? { date: dates.date } : {}),
    ...(dates.validUntil ? { valid_until: dates.validUntil } : {}),
    sources: [
      {
        title,
        publisher: name ?? guessName(options.municipality),
        kind: 'municipal',
        ...(dates.date ? { date: dates.date } : {}),
      },
    ],
  };
  // Every section is about this municipality's IOP, though its own words seldom say so: keywords let a question
  // that names the municipality or IOP find it (they are searched, never shown).
  const keywords = `<!-- keywords: ${name ?? guessName(options.municipality)}, IOP, ${options.language === 'sv' ? 'idéburet offentligt partnerskap' : 'idea-based public partnership'} -->`;
  const body = sections.map((s) => `## ${s.heading}\n\n${s.body}\n${keywords}\n`).join('\n');
  const text = `---\n${stringify(front, { lineWidth: 0 }).trimEnd()}\n---\n\n${intro && sections[0]?.heading !== title ? `${intro}\n\n` : ''}${body}`;
  return { text, sections: sections.length + (intro && sections[0]?.heading !== title ? 1 : 0), notes };
}
