import { describe, expect, it } from 'vitest';
import { createMunicipalityDirectory } from '../../src/core/municipalities.ts';
import { createKnowledgeHolder } from '../../src/core/qa/knowledge-holder.ts';
import type { KnowledgeBase } from '../../src/core/ports/knowledge-base.ts';
import { analyseQuestion } from '../../src/core/qa/question.ts';

const place = (id: string, name: string) => ({ id, name, aliases: [] });
const noKnowledge = {} as KnowledgeBase;

describe('the knowledge holder after a reload', () => {
  it('knows a municipality the reload declared, in a question and misspelt, however often it was asked before', () => {
    const holder = createKnowledgeHolder({
      knowledge: noKnowledge,
      municipalities: createMunicipalityDirectory([place('kungalv', 'Kungälv')]),
    });
    // Asked before the reload: not known, and that is remembered per directory content.
    expect(analyseQuestion('Vem beslutar i Lerum?', holder.municipalities).municipalities).toEqual([]);
    expect(analyseQuestion('Vem beslutar i Lerrum?', holder.municipalities).municipalities).toEqual([]);
    holder.replace({
      knowledge: noKnowledge,
      municipalities: createMunicipalityDirectory([place('kungalv', 'Kungälv'), place('lerum', 'Lerum')]),
    });
    expect(analyseQuestion('Vem beslutar i Lerum?', holder.municipalities).municipalities.map((m) => m.id)).toEqual([
      'lerum',
    ]);
    expect(analyseQuestion('Vem beslutar i Lerrum?', holder.municipalities).municipalities.map((m) => m.id)).toEqual([
      'lerum',
    ]);
  });
});
