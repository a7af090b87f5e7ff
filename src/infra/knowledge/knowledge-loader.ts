import '../../core/zod-messages.ts';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { IopError } from '../../core/errors.ts';
import type { SourceInfo } from '../../core/ports/knowledge-base.ts';
import { formatZodIssues } from '../zod-issues.ts';
import { sourceEntrySchema, sourceInfo } from './document-schema.ts';
import { type KnowledgeDocument, parseKnowledgeDocument } from './markdown-document.ts';

/** Everything read from the knowledge folder, validated. */
export interface LoadedKnowledge {
  documents: KnowledgeDocument[];
  sources: ReadonlyMap<string, SourceInfo>;
  /** Things worth telling the deployer that do not stop the assistant (e.g. an unlisted municipality). */
  warnings: string[];
}

const SKIPPED_DIRS = new Set(['checklists', 'node_modules']);

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) files.push(...(await markdownFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') files.push(path);
  }
  return files;
}

/** Reads knowledge/sources.yaml; problems name the file and the entry. A missing file is an empty registry. */
async function loadSources(dir: string, problems: string[]): Promise<Map<string, SourceInfo>> {
  const file = join(dir, 'sources.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return new Map();
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const at = lineCounter.linePos(e.pos[0]);
      problems.push(`${file}: line ${at.line}: ${e.message.split('\n')[0]}`);
    }
    return new Map();
  }
  const result = z.array(sourceEntrySchema).safeParse(doc.toJS() ?? []);
  if (!result.success) {
    problems.push(
      ...formatZodIssues(result.error.issues)
        .split('\n  ')
        .map((p) => `${file}: ${p}`),
    );
    return new Map();
  }
  const registry = new Map<string, SourceInfo>();
  result.data.forEach((entry, i) => {
    if (registry.has(entry.id)) problems.push(`${file}: [${i}].id: duplicate source id "${entry.id}"`);
    registry.set(entry.id, sourceInfo(entry));
  });
  return registry;
}

/**
 * Reads knowledge/sources.yaml alone (for the checklists, which cite the same registry); throws one
 * knowledge_invalid error naming the file and the entries when it is broken.
 */
export async function loadSourceRegistry(dir: string): Promise<Map<string, SourceInfo>> {
  const problems: string[] = [];
  const sources = await loadSources(dir, problems);
  if (problems.length > 0) throw new IopError('knowledge_invalid', problems.join('\n'));
  return sources;
}

/**
 * Reads every Markdown document under `dir` (not `checklists/`, not README.md) and knowledge/sources.yaml without
 * throwing: every problem in every file is a line naming the file and the field, so an editor can fix everything
 * in one go. `municipalityIds` (from municipalities.yaml) turns an unknown municipality into a warning: the
 * document is still used.
 */
export async function readKnowledge(
  dir: string,
  options: { municipalityIds?: ReadonlySet<string> } = {},
): Promise<LoadedKnowledge & { problems: string[] }> {
  const problems: string[] = [];
  const warnings: string[] = [];
  let files: string[];
  try {
    files = await markdownFiles(dir);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const problem = `${dir}: cannot read the knowledge folder (${reason}); KNOWLEDGE_DIR must name it`;
    return { documents: [], sources: new Map(), warnings, problems: [problem] };
  }
  const sources = await loadSources(dir, problems);
  const documents: KnowledgeDocument[] = [];
  const seen = new Map<string, string>();
  for (const path of files) {
    const file = relative(dir, path).split(sep).join('/');
    const parsed = parseKnowledgeDocument(await readFile(path, 'utf8'), file, sources);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => `${path}: ${p}`));
      continue;
    }
    const { document } = parsed;
    const key = `${document.id}.${document.language}`;
    const other = seen.get(key);
    if (other) {
      problems.push(`${path}: id: "${document.id}" (${document.language}) is already used by ${other}`);
      continue;
    }
    seen.set(key, path);
    documents.push(document);
  }
  // A municipality is known from municipalities.yaml or from a document that declares it in its front matter.
  const declared = new Set(documents.flatMap((d) => (d.declaredMunicipality ? [d.declaredMunicipality.id] : [])));
  for (const document of documents) {
    const id = document.municipality;
    if (id && options.municipalityIds && !options.municipalityIds.has(id) && !declared.has(id)) {
      warnings.push(
        `${join(dir, document.file)}: municipality: "${id}" is not in municipalities.yaml; add it there, or declare it here (municipality: {id, name, aliases, contact}), so users can choose it`,
      );
    }
  }
  return { documents, sources, warnings, problems };
}

/** Like readKnowledge, but throws one knowledge_invalid error listing every problem. */
export async function loadKnowledge(
  dir: string,
  options: { municipalityIds?: ReadonlySet<string> } = {},
): Promise<LoadedKnowledge> {
  const { problems, ...loaded } = await readKnowledge(dir, options);
  if (problems.length > 0) throw new IopError('knowledge_invalid', problems.join('\n'));
  return loaded;
}
