import { join } from 'node:path';
import type { ChecklistDefinition } from '../../core/checklist/schema.ts';
import type { Municipality } from '../../core/municipalities.ts';
import type { SourceInfo } from '../../core/qa/knowledge-base.ts';
import { ConfigError } from '../../config.ts';
import { readChecklists } from '../checklist-loader.ts';
import { readMunicipalities } from '../municipality-loader.ts';
import { readKnowledge } from './knowledge-loader.ts';
import type { KnowledgeDocument } from './markdown-document.ts';

/** Everything the assistant reads from the knowledge folder, validated together. */
export interface KnowledgeFolder {
  municipalities: Municipality[];
  documents: KnowledgeDocument[];
  /** knowledge/sources.yaml, cited by documents and checklists alike. */
  sources: ReadonlyMap<string, SourceInfo>;
  checklists: Map<string, ChecklistDefinition>;
  /** Worth telling the deployer; they do not stop the assistant (e.g. a municipality missing from the list). */
  warnings: string[];
}

export interface KnowledgeFolderOptions {
  /** DEFAULT_MUNICIPALITY: must be a municipality the folder lists. */
  defaultMunicipality?: string;
}

/** The outcome of checking a knowledge folder: its content, or every problem, each naming the file and the field. */
export type KnowledgeFolderCheck =
  | { ok: true; folder: KnowledgeFolder }
  | { ok: false; problems: string[]; warnings: string[] };

/**
 * The one validation of the knowledge folder, used by start-up and by `iop-bot doctor` alike: municipalities.yaml,
 * sources.yaml, every knowledge document, every checklist, and how they refer to each other. It collects every
 * problem instead of stopping at the first, so a content editor fixes them all in one round.
 */
export async function checkKnowledgeFolder(
  dir: string,
  options: KnowledgeFolderOptions = {},
): Promise<KnowledgeFolderCheck> {
  const municipalities = await readMunicipalities(dir);
  const knowledge = await readKnowledge(dir, {
    municipalityIds:
      municipalities.problems.length === 0 ? new Set(municipalities.municipalities.map((m) => m.id)) : undefined,
  });
  const checklists = await readChecklists(join(dir, 'checklists'), {
    sourceIds: knowledge.sources.size > 0 ? new Set(knowledge.sources.keys()) : undefined,
  });
  const problems = [...municipalities.problems, ...knowledge.problems, ...checklists.problems];
  // Cross-references only where both ends loaded: a broken file is reported once, not again by whoever cites it.
  if (municipalities.problems.length === 0) {
    const file = join(dir, 'municipalities.yaml');
    if (checklists.problems.length === 0) {
      municipalities.municipalities.forEach((m, i) => {
        if (m.checklist && !checklists.checklists.has(m.checklist)) {
          const known = [...checklists.checklists.keys()].join(', ');
          problems.push(`${file}: [${i}].checklist: unknown checklist "${m.checklist}" (known: ${known})`);
        }
      });
      for (const document of knowledge.documents) {
        const wanted = document.declaredMunicipality?.checklist;
        if (wanted && !checklists.checklists.has(wanted)) {
          const known = [...checklists.checklists.keys()].join(', ');
          problems.push(`${join(dir, document.file)}: municipality.checklist: unknown checklist "${wanted}" (known: ${known})`);
        }
      }
    }
    const wanted = options.defaultMunicipality;
    const all = withDeclaredMunicipalities(municipalities.municipalities, knowledge.documents);
    if (wanted && !all.some((m) => m.id === wanted)) {
      const known = all.map((m) => m.id).join(', ') || 'none';
      problems.push(`DEFAULT_MUNICIPALITY: "${wanted}" is not in ${file} (known ids: ${known})`);
    }
  }
  if (problems.length > 0) return { ok: false, problems, warnings: knowledge.warnings };
  return {
    ok: true,
    folder: {
      municipalities: withDeclaredMunicipalities(municipalities.municipalities, knowledge.documents),
      documents: knowledge.documents,
      sources: knowledge.sources,
      checklists: checklists.checklists,
      warnings: knowledge.warnings,
    },
  };
}

/**
 * municipalities.yaml plus the municipalities documents declare in their front matter (the list wins where both
 * name one), so a content owner adds a municipality by adding its document.
 */
export function withDeclaredMunicipalities(listed: Municipality[], documents: KnowledgeDocument[]): Municipality[] {
  const all = new Map(listed.map((m) => [m.id, m]));
  for (const document of documents) {
    const declared = document.declaredMunicipality;
    if (!declared || all.has(declared.id)) continue;
    all.set(declared.id, {
      id: declared.id,
      name: declared.name,
      aliases: declared.aliases,
      contact: declared.contact ?? null,
      guideline: document.id,
      ...(declared.checklist ? { checklist: declared.checklist } : {}),
    });
  }
  return [...all.values()];
}

/**
 * Start-up's use of checkKnowledgeFolder: a broken folder is a deployment mistake, so it throws ConfigError
 * (exit code 78) listing every problem; the assistant never serves with part of its knowledge missing.
 */
export async function loadKnowledgeFolder(dir: string, options: KnowledgeFolderOptions = {}): Promise<KnowledgeFolder> {
  const checked = await checkKnowledgeFolder(dir, options);
  if (!checked.ok) throw new ConfigError(checked.problems, `Invalid knowledge (KNOWLEDGE_DIR=${dir})`);
  return checked.folder;
}
