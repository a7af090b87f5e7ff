import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import {
  type ChecklistDefinition,
  checklistDefinitionSchema,
  describeIssues,
  formatPath,
} from '../core/checklist/schema.ts';
import { IopError } from '../core/errors.ts';
import { loadSourceRegistry } from './knowledge/knowledge-loader.ts';

/**
 * Reads every `*.yaml` / `*.yml` checklist in `dir` without throwing. Every problem in every file is a line
 * naming the file and field (`knowledge/checklists/skr.yaml: questions[2].effects.no.signal: …`), so a municipal
 * editor can fix everything in one go; the checklists without problems are returned beside them. With
 * `sourceIds`, unknown source ids are problems too.
 */
export async function readChecklists(
  dir: string,
  options: { sourceIds?: ReadonlySet<string> } = {},
): Promise<{ checklists: Map<string, ChecklistDefinition>; problems: string[] }> {
  const checklists = new Map<string, ChecklistDefinition>();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { checklists, problems: [`${dir}: cannot read the checklist folder (${reason})`] };
  }

  const fileOf = new Map<string, string>();
  const problems: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseChecklist(await readFile(file, 'utf8'), options.sourceIds);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => `${file}: ${p}`));
      continue;
    }
    const other = fileOf.get(parsed.definition.id);
    if (other !== undefined) {
      problems.push(`${file}: id: duplicate checklist id "${parsed.definition.id}" (also used in ${other})`);
      continue;
    }
    fileOf.set(parsed.definition.id, file);
    checklists.set(parsed.definition.id, parsed.definition);
  }
  return { checklists, problems };
}

/** Like readChecklists, but throws one knowledge_invalid error listing every problem. */
export async function loadChecklists(
  dir: string,
  options: { sourceIds?: ReadonlySet<string> } = {},
): Promise<Map<string, ChecklistDefinition>> {
  const { checklists, problems } = await readChecklists(dir, options);
  if (problems.length > 0) throw new IopError('knowledge_invalid', problems.join('\n'));
  return checklists;
}

/** Parses and validates one checklist file's text; problems are `path: message` strings without the file name. */
export function parseChecklist(
  text: string,
  sourceIds?: ReadonlySet<string>,
): { ok: true; definition: ChecklistDefinition } | { ok: false; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = lineCounter.linePos(e.pos[0]);
        return `line ${at.line}, column ${at.col}: ${e.message.split('\n')[0]}`;
      }),
    };
  }
  const result = checklistDefinitionSchema.safeParse(doc.toJS());
  if (!result.success) return { ok: false, problems: describeIssues(result.error.issues) };
  const unknown = sourceIds ? unknownSources(result.data, sourceIds) : [];
  return unknown.length > 0 ? { ok: false, problems: unknown } : { ok: true, definition: result.data };
}

function unknownSources(def: ChecklistDefinition, known: ReadonlySet<string>): string[] {
  const refs: Array<[Array<string | number>, string[]]> = [
    [['source'], def.source],
    ...def.questions.map((q, i): [Array<string | number>, string[]] => [['questions', i, 'source'], q.source]),
    ...Object.entries(def.outcomes).map(([kind, o]): [Array<string | number>, string[]] => [
      ['outcomes', kind, 'sources'],
      o.sources,
    ]),
  ];
  return refs.flatMap(([path, ids]) =>
    ids.flatMap((id, i) =>
      known.has(id) ? [] : [`${formatPath([...path, i])}: unknown source id "${id}" (not in knowledge/sources.yaml)`],
    ),
  );
}

/** One entry of knowledge/sources.yaml as the checklist shows it. */
export interface ChecklistSource {
  title: string;
  url?: string;
}

/** The checklists under `<knowledgeDir>/checklists`, with their source ids checked against sources.yaml. */
export async function loadChecklistKnowledge(
  knowledgeDir: string,
): Promise<{ checklists: Map<string, ChecklistDefinition>; sources: Map<string, ChecklistSource> }> {
  const sources = await loadSourceRegistry(knowledgeDir);
  const checklists = await loadChecklists(join(knowledgeDir, 'checklists'), {
    sourceIds: sources.size > 0 ? new Set(sources.keys()) : undefined,
  });
  return { checklists, sources };
}
