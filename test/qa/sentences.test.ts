import { describe, expect, it } from 'vitest';
import { relevantSentences, sentencesOf } from '../../src/core/qa/compose.ts';
import type { Passage, QueryTerm, SearchHit } from '../../src/core/qa/knowledge-base.ts';

const passage = (id: string, text: string): Passage => ({
  id,
  documentId: id,
  documentTitle: id,
  language: 'sv',
  kind: 'faq',
  heading: id,
  text,
  keywords: [],
  sources: [],
  file: `${id}.md`,
});
const term = (t: string, weight = 2): QueryTerm => ({
  term: t,
  word: t,
  weight,
  known: true,
  domain: false,
  fromContext: false,
});
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);

describe('sentences from neighbouring passages', () => {
  it('splits a passage into sentences, leaving out list lines', () => {
    expect(
      sentencesOf('Första meningen står precis här. Andra meningen står precis där.\n1. en punkt i en lista'),
    ).toEqual(['Första meningen står precis här.', 'Andra meningen står precis där.']);
  });

  it('adds the sentences that cover the question and are not yet shown', () => {
    const hit: SearchHit = {
      passage: passage('a', 'Ett argument är att verksamheten ofta är nesgi. Vädret var fint i går hela dagen.'),
      score: 1,
      matched: new Map(),
    };
    const groups = relevantSentences([hit], [term('argument'), term('nesgi')], 'Något annat.', words);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.sentences).toEqual(['Ett argument är att verksamheten ofta är nesgi.']);
    expect(relevantSentences([hit], [term('argument'), term('nesgi')], hit.passage.text, words)).toEqual([]);
  });
});
