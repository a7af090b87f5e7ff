import type { KnowledgeBase } from '../../core/ports/knowledge-base.ts';
import { loadKnowledge } from './knowledge-loader.ts';
import { MiniSearchKnowledgeBase } from './minisearch-knowledge-base.ts';

/** Reads and validates knowledge/ and builds the search index; throws an IopError listing every problem. */
export async function loadKnowledgeBase(
  dir: string,
  options: { municipalityIds?: ReadonlySet<string> } = {},
): Promise<{ knowledge: KnowledgeBase; warnings: string[]; documents: number }> {
  const loaded = await loadKnowledge(dir, options);
  return {
    knowledge: new MiniSearchKnowledgeBase(loaded.documents),
    warnings: loaded.warnings,
    documents: loaded.documents.length,
  };
}
