import '../core/zod-messages.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { IopError } from '../core/errors.ts';
import type { Municipality } from '../core/municipalities.ts';
import { formatZodIssues } from './zod-issues.ts';

const municipalitySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'ids are ascii kebab-case, e.g. kungalv'),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  checklist: z.string().optional(),
  guideline: z.string().optional(),
  contact: z.string().nullable().optional(),
});

/**
 * Reads knowledge/municipalities.yaml without throwing: a missing file means no known municipalities; every
 * problem of a broken one is a line naming the file and the entry (`…/municipalities.yaml: [2].id: …`).
 */
export async function readMunicipalities(
  knowledgeDir: string,
): Promise<{ municipalities: Municipality[]; problems: string[] }> {
  const file = join(knowledgeDir, 'municipalities.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { municipalities: [], problems: [] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const at = lineCounter.linePos(e.pos[0]);
      return `${file}: line ${at.line}: ${e.message.split('\n')[0]}`;
    });
    return { municipalities: [], problems };
  }
  const result = z.array(municipalitySchema).safeParse(doc.toJS() ?? []);
  if (!result.success) {
    const problems = formatZodIssues(result.error.issues)
      .split('\n  ')
      .map((p) => `${file}: ${p}`);
    return { municipalities: [], problems };
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  result.data.forEach((m, i) => {
    if (seen.has(m.id)) problems.push(`${file}: [${i}].id: duplicate municipality id "${m.id}"`);
    seen.add(m.id);
  });
  return { municipalities: problems.length > 0 ? [] : result.data, problems };
}

/** Reads knowledge/municipalities.yaml; a missing file means no known municipalities, a broken one is an error. */
export async function loadMunicipalities(knowledgeDir: string): Promise<Municipality[]> {
  const { municipalities, problems } = await readMunicipalities(knowledgeDir);
  if (problems.length > 0) throw new IopError('knowledge_invalid', problems.join('\n'));
  return municipalities;
}
