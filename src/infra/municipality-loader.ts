import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
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

/** Reads knowledge/municipalities.yaml; a missing file means no known municipalities, a broken one is an error. */
export async function loadMunicipalities(knowledgeDir: string): Promise<Municipality[]> {
  const file = join(knowledgeDir, 'municipalities.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const result = z.array(municipalitySchema).safeParse(parse(text));
  if (!result.success) throw new Error(`${file}: ${formatZodIssues(result.error.issues)}`);
  return result.data;
}
