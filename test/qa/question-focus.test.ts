import { beforeAll, describe, expect, it } from 'vitest';
import type { MunicipalityDirectory } from '../../src/core/municipalities.ts';
import { answerQuestion } from '../../src/core/qa/answer-question.ts';
import type { KnowledgeBase } from '../../src/core/qa/knowledge-base.ts';
import { analyseQuestion } from '../../src/core/qa/question.ts';
import { shippedQaDeps } from './support.ts';

let knowledge: KnowledgeBase;
let municipalities: MunicipalityDirectory;

beforeAll(async () => {
  ({ knowledge, municipalities } = await shippedQaDeps());
});

describe('the asking sentences of a long message', () => {
  it('searches on the sentence that asks and keeps the background aside', () => {
    const q = analyseQuestion(
      'vad är ett IOP egentligen? ska förklara det för nämnden på tisdag så gärna kort',
      municipalities,
    );
    expect(q.focusText).toBe('vad är ett IOP egentligen?');
    expect(q.asideText).toBe('ska förklara det för nämnden på tisdag så gärna kort');
    expect(q.definitional).toBe(true);
  });

  it('finds the question after the background', () => {
    const q = analyseQuestion(
      'Vi har en förening som driver läxhjälp. Initiativet kom från dem. Kan det bli ett IOP, vad krävs i så fall?',
      municipalities,
    );
    expect(q.focusText).toBe('Kan det bli ett IOP, vad krävs i så fall?');
  });

  it('counts a last question typed without its question mark, and answers each part', () => {
    const text =
      'hur länge gäller en anförtroendeakt enligt SGEI-beslutet och vad händer när den går ut? och över vilken period räknas de minimis-taket';
    const q = analyseQuestion(text, municipalities);
    expect(q.subQuestions).toEqual([
      'hur länge gäller en anförtroendeakt enligt SGEI-beslutet',
      'vad händer när den går ut?',
      'och över vilken period räknas de minimis-taket',
    ]);
    const answer = answerQuestion({ knowledge, municipalities }, { question: text, fallbackLanguage: 'sv' });
    // One section per part: the part without '?' is answered too.
    expect(answer.passages).toHaveLength(3);
    expect(answer.passages[0]?.heading).toMatch(/SGEI/);
  });

  it('leaves a one-sentence question, a lone "why?" and "2 kap. 1 §" whole', () => {
    for (const text of [
      'Vilka kriterier har SKR för IOP?',
      'Vi har en förening. Varför?',
      'Vad säger 2 kap. 1 § kommunallagen?',
    ]) {
      const q = analyseQuestion(text, municipalities);
      expect(q.focusText).toBe(q.searchText);
      expect(q.asideText).toBe('');
    }
  });

  it('splits a question that asks two things, but not a single one', () => {
    const two = analyseQuestion('Which organisations can sign an IOP, and who owns the guideline?', municipalities);
    expect(two.subQuestions).toEqual(['Which organisations can sign an IOP', 'who owns the guideline?']);
    const sv = analyseQuestion('Vad ska föreningen lämna in och hur bedöms förslaget?', municipalities);
    expect(sv.subQuestions).toEqual(['Vad ska föreningen lämna in', 'hur bedöms förslaget?']);
    expect(analyseQuestion('Vad är skillnaden mellan IOP och föreningsbidrag?', municipalities).subQuestions).toEqual(
      [],
    );
  });

  it('answers each part of a two-part question from its own section', () => {
    const answer = answerQuestion(
      { knowledge, municipalities },
      {
        question: 'Which organisations can sign an IOP with Kungälv, and who owns the guideline there?',
        fallbackLanguage: 'en',
      },
    );
    const headings = answer.passages.map((p) => p.heading);
    expect(headings).toContain('Which organisations can sign an IOP with Kungälv?');
    expect(headings).toContain("Who is responsible for Kungälv's IOP guideline?");
  });

  it.each([
    ['vad är ett IOP egentligen? ska förklara det för nämnden på tisdag så gärna kort och begripligt', /partnerskap/i],
    [
      'Vi funderar på att ersätta en kvinnojour via ett IOP. Hur funkar det med statsstöd, kan vi luta oss mot SGEI-beslutet?',
      /SGEI/,
    ],
    ['Who came up with the IOP model, and when? Our chair also wants to know more before the meeting.', /Forum/],
  ])('answers "%s" instead of declining it', (question, expected) => {
    const answer = answerQuestion({ knowledge, municipalities }, { question, fallbackLanguage: 'sv' });
    expect(answer.status).toBe('answered');
    expect(answer.parts.map((p) => p.text).join('\n')).toMatch(expected);
  });
});

describe('a place name typed with one slip', () => {
  const named = (question: string) => analyseQuestion(question, municipalities).municipalities.map((m) => m.id);

  it('is found with a letter swapped, changed, added or dropped', () => {
    const kungalv = named('Vilka kriterier har Kungälv?');
    expect(kungalv).toHaveLength(1);
    for (const typed of ['Kugnälv', 'Kungälb', 'Kunggälv', 'Kungäv']) {
      expect(named(`Vilka kriterier har ${typed}?`)).toEqual(kungalv);
    }
  });

  it('is not found two slips away', () => {
    expect(named('Vilka kriterier har Kugnälb?')).toEqual([]);
  });
});
