import type { MunicipalityDirectory } from '../municipalities.ts';
import type { KnowledgeBase } from './knowledge-base.ts';

/**
 * The knowledge in use, swappable while the assistant runs (`iop-bot knowledge reload`). The core holds `knowledge`
 * and `municipalities`, which read the current content on every call, so a question asked after a reload is
 * answered from the new content and one already being answered finishes with the old.
 */
export interface KnowledgeHolder {
  knowledge: KnowledgeBase;
  municipalities: MunicipalityDirectory;
  /** Goes up by one on every replace; caches of answers drop what they hold when it changes. */
  generation(): number;
  replace(next: { knowledge: KnowledgeBase; municipalities: MunicipalityDirectory }): void;
}

/** A holder starting with `initial`. */
export function createKnowledgeHolder(initial: {
  knowledge: KnowledgeBase;
  municipalities: MunicipalityDirectory;
}): KnowledgeHolder {
  let current = initial;
  let generation = 0;
  const knowledge: KnowledgeBase = {
    search: (query) => current.knowledge.search(query),
    wordEvidence: (text, language) => current.knowledge.wordEvidence(text, language),
    datedDocuments: () => current.knowledge.datedDocuments(),
    passage: (id) => current.knowledge.passage(id),
    passages: (language) => current.knowledge.passages(language),
    terms: (text, language) => current.knowledge.terms(text, language),
  };
  const municipalities: MunicipalityDirectory = {
    get: (id) => current.municipalities.get(id),
    find: (text) => current.municipalities.find(text),
    all: () => current.municipalities.all(),
    identity: () => current.municipalities.identity(),
  };
  return {
    knowledge,
    municipalities,
    generation: () => generation,
    replace: (next) => {
      current = next;
      generation += 1;
    },
  };
}
