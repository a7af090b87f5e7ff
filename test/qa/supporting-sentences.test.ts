import { describe, expect, it } from 'vitest';
import { createMunicipalityDirectory } from '../../src/core/municipalities.ts';
import { answerQuestion } from '../../src/core/qa/answer-question.ts';
import { readsAlone } from '../../src/core/qa/supporting-sentences.ts';
import { MiniSearchKnowledgeBase } from '../../src/infra/knowledge/minisearch-knowledge-base.ts';
import { type KnowledgeDocument, parseKnowledgeDocument } from '../../src/infra/knowledge/markdown-document.ts';

// Two sections on one topic: the one whose question is asked says what the option is; only the other says since
// when it exists. An answer to "when" needs a sentence of the second, whole and under its own question.
const FAQ = `---
id: faq-reserved
title: Reserverad upphandling
language: sv
kind: faq
sources: [lou]
---

## Vad innebär reserverad upphandling för idéburna organisationer?

Reserverad upphandling innebär att bara idéburna organisationer får lämna anbud på vissa välfärdstjänster. Det är fortfarande en upphandling enligt LOU med annonsering och utvärdering av anbud.

## Vilken lag gäller för reservationen?

Dessa regler står i 19 kap. 25 a § LOU. Möjligheten att reservera upphandlingar för idéburna organisationer infördes den 1 januari 2023 genom en ändring i LOU. Regeringen hade föreslagit den i propositionen Idéburen välfärd.

## Hur ansöker en förening om föreningsbidrag?

Föreningen söker bidraget hos kommunens fritidsförvaltning senast den 1 mars varje år.
`;

function knowledge(): MiniSearchKnowledgeBase {
  const parsed = parseKnowledgeDocument(
    FAQ,
    'faq/reserved.sv.md',
    new Map([['lou', { id: 'lou', title: 'LOU', kind: 'law' }]]),
  );
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return new MiniSearchKnowledgeBase([parsed.document as KnowledgeDocument]);
}

const ask = (question: string) =>
  answerQuestion(
    { knowledge: knowledge(), municipalities: createMunicipalityDirectory([]) },
    { question, language: 'sv', fallbackLanguage: 'sv' },
  );

describe('what a second section adds to an answer', () => {
  it('adds the sentence that gives what was asked (a date for "när"), whole and under its own question', () => {
    const answer = ask('När kom reserverad upphandling för idéburna organisationer?');
    expect(answer.status).toBe('answered');
    expect(answer.title).toBe('Vad innebär reserverad upphandling för idéburna organisationer?');
    const added = answer.parts[1];
    expect(added?.label).toBe('Vilken lag gäller för reservationen?');
    expect(added?.text).toContain('den 1 januari 2023');
    // A sentence that points back ("Dessa regler …") lost its premise when cut out; it is not added.
    expect(added?.text).not.toMatch(/Dessa regler/);
    expect(answer.passages.map((p) => p.heading)).toContain('Vilken lag gäller för reservationen?');
  });

  it('adds nothing when no other section says more about the question', () => {
    const answer = ask('Vad innebär reserverad upphandling?');
    expect(answer.parts).toHaveLength(1);
  });

  it('never adds a sentence from an unrelated section', () => {
    const answer = ask('När kom reserverad upphandling för idéburna organisationer?');
    expect(answer.text).not.toContain('fritidsförvaltning');
  });
});

describe('a sentence added on its own', () => {
  it('must not point back to a premise it lost', () => {
    expect(readsAlone('Det kan den få för pengar den ger till föreningar.', 'sv')).toBe(false);
    expect(readsAlone('Då gäller LOU.', 'sv')).toBe(false);
    expect(readsAlone('These must be reported every year.', 'en')).toBe(false);
    expect(readsAlone('Det finns ingen fast standardlängd för en IOP.', 'sv')).toBe(true);
    expect(readsAlone('Kommunen får momsersättning för bidrag till föreningar.', 'sv')).toBe(true);
  });
});
