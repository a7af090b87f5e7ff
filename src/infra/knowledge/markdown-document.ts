import { LineCounter, parseDocument } from 'yaml';
import type { Locale } from '../../core/model.ts';
import type { DocumentKind, SourceInfo } from '../../core/ports/knowledge-base.ts';
import { formatZodIssues } from '../zod-issues.ts';
import { type DeclaredMunicipality, type FrontMatter, frontMatterSchema } from './document-schema.ts';

/** One `## ` section of a document, ready to index. */
export interface KnowledgeSection {
  heading: string;
  /** Other ways people ask what the heading asks (`<!-- questions: … | … -->`). */
  questions: string[];
  text: string;
  keywords: string[];
  sources: SourceInfo[];
}

/** A validated knowledge document (Markdown with front matter), split into sections. */
export interface KnowledgeDocument {
  id: string;
  title: string;
  language: Locale;
  kind: DocumentKind;
  municipality?: string;
  /** The municipality as the front matter declares it (name, aliases, contact), when it does. */
  declaredMunicipality?: DeclaredMunicipality;
  date?: string;
  validUntil?: string;
  /** Path relative to the knowledge folder. */
  file: string;
  sources: SourceInfo[];
  sections: KnowledgeSection[];
}

export type ParsedDocument = { ok: true; document: KnowledgeDocument } | { ok: false; problems: string[] };

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const COMMENT = /<!--([\s\S]*?)-->/g;

function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  return { yaml: match[1] ?? '', body: text.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

function parseYaml(yaml: string): { ok: true; value: unknown } | { ok: false; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length === 0) return { ok: true, value: doc.toJS() };
  return {
    ok: false,
    problems: doc.errors.map((e) => {
      // +1: the opening `---` line comes before the YAML.
      const at = lineCounter.linePos(e.pos[0]);
      return `front matter, line ${at.line + 1}: ${e.message.split('\n')[0]}`;
    }),
  };
}

function resolveSources(
  refs: FrontMatter['sources'] | string[],
  registry: ReadonlyMap<string, SourceInfo>,
  where: string,
  problems: string[],
): SourceInfo[] {
  return refs.flatMap((ref, i) => {
    if (typeof ref !== 'string') return [{ id: `inline-${i + 1}`, ...ref }];
    const known = registry.get(ref);
    if (!known) problems.push(`${where}[${i}]: unknown source id "${ref}" (not in knowledge/sources.yaml)`);
    return known ? [known] : [];
  });
}

function commentList(comments: string[], name: string): string[] | undefined {
  const prefix = `${name}:`;
  const found = comments.filter((c) => c.startsWith(prefix));
  if (found.length === 0) return undefined;
  return found.flatMap((c) =>
    c
      .slice(prefix.length)
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
}

/** `<!-- questions: Vem bestämmer? | Vem skriver under? -->`: questions contain commas, so `|` separates them. */
function questionList(comments: string[]): string[] {
  return comments
    .filter((c) => c.startsWith('questions:'))
    .flatMap((c) => c.slice('questions:'.length).split('|'))
    .map((q) => q.trim())
    .filter(Boolean);
}

function splitSections(body: string, title: string): Array<{ heading: string; raw: string; line: number }> {
  const sections: Array<{ heading: string; raw: string; line: number }> = [];
  let current: { heading: string; lines: string[]; line: number } = { heading: title, lines: [], line: 0 };
  const lines = body.split(/\r?\n/);
  lines.forEach((line, i) => {
    const heading = /^## +(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      sections.push({ heading: current.heading, raw: current.lines.join('\n'), line: current.line });
      current = { heading: heading[1] ?? '', lines: [], line: i };
    } else current.lines.push(line);
  });
  sections.push({ heading: current.heading, raw: current.lines.join('\n'), line: current.line });
  // The text before the first heading is a section only when it says something.
  return sections.filter((s, i) => i > 0 || s.raw.replace(COMMENT, '').trim() !== '');
}

/**
 * Parses one knowledge file. Problems are `field: message` (or `section "…": …`) without the file name, so the
 * loader can prefix it; unknown source ids are problems too.
 */
export function parseKnowledgeDocument(
  text: string,
  file: string,
  registry: ReadonlyMap<string, SourceInfo>,
): ParsedDocument {
  const split = splitFrontMatter(text);
  if (!split) {
    return { ok: false, problems: ['front matter: missing; the file must start with a --- line, the fields, and ---'] };
  }
  const yaml = parseYaml(split.yaml);
  if (!yaml.ok) return yaml;
  const result = frontMatterSchema.safeParse(yaml.value ?? {});
  if (!result.success) return { ok: false, problems: formatZodIssues(result.error.issues).split('\n  ') };
  const meta = result.data;

  const problems: string[] = [];
  const docSources = resolveSources(meta.sources, registry, 'sources', problems);
  const sections: KnowledgeSection[] = [];
  for (const section of splitSections(split.body, meta.title)) {
    const where = `section "${section.heading}" (line ${section.line + split.bodyLine})`;
    const comments = [...section.raw.matchAll(COMMENT)].map((m) => (m[1] ?? '').trim());
    const body = section.raw
      .replace(COMMENT, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (!body) {
      problems.push(`${where}: has no text`);
      continue;
    }
    const ids = commentList(comments, 'sources');
    sections.push({
      heading: section.heading,
      questions: questionList(comments),
      // Markdown bold (**x**) becomes the assistant's light formatting (*x*).
      text: body.replace(/\*\*([^*\n]+)\*\*/g, '*$1*'),
      keywords: commentList(comments, 'keywords') ?? [],
      sources: ids ? resolveSources(ids, registry, `${where}: sources`, problems) : docSources,
    });
  }
  if (sections.length === 0 && problems.length === 0) problems.push('body: has no sections (## heading and text)');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    document: {
      id: meta.id,
      title: meta.title,
      language: meta.language,
      kind: meta.kind,
      municipality: typeof meta.municipality === 'object' ? meta.municipality.id : meta.municipality,
      ...(typeof meta.municipality === 'object' ? { declaredMunicipality: meta.municipality } : {}),
      date: meta.date,
      validUntil: meta.valid_until,
      file,
      sources: docSources,
      sections,
    },
  };
}
