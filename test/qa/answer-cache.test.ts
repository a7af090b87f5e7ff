import { describe, expect, it } from 'vitest';
import { cachedAnswers } from '../../src/core/qa/answer-cache.ts';
import type { Answer, AskInput } from '../../src/core/qa/answer-question.ts';
import { testMunicipalities } from '../support/bot.ts';

function counting() {
  const asked: AskInput[] = [];
  const answer = (input: AskInput) => {
    asked.push(input);
    return { question: input.question, passages: [{ heading: 'h' }] } as unknown as Answer;
  };
  return { asked, answer };
}

const thread = { topic: 'kriterier', language: 'sv' as const, municipalities: [], passageIds: ['p1'], at: 'x' };

describe('answer cache', () => {
  it('starts afresh when the knowledge is reloaded', () => {
    const { asked, answer } = counting();
    let generation = 0;
    const ask = cachedAnswers(answer, undefined, () => generation);
    ask({ question: 'Vad är IOP?', fallbackLanguage: 'sv' });
    ask({ question: 'Vad är IOP?', fallbackLanguage: 'sv' });
    generation = 1;
    ask({ question: 'Vad är IOP?', fallbackLanguage: 'sv' });
    ask({ question: 'Vad är IOP?', fallbackLanguage: 'sv' });
    expect(asked).toHaveLength(2);
  });

  it('answers a repeated question from the cache, frozen so no caller can change it for the next', () => {
    const { asked, answer } = counting();
    const ask = cachedAnswers(answer);
    const first = ask({ question: 'Vad är IOP?', fallbackLanguage: 'sv' });
    const again = ask({ question: '  Vad är IOP?', fallbackLanguage: 'sv' });
    expect(again).toBe(first);
    expect(asked).toHaveLength(1);
    expect(Object.isFrozen(first.passages[0])).toBe(true);
  });

  it('tells apart what changes an answer: language, municipality, thread context', () => {
    const { asked, answer } = counting();
    const ask = cachedAnswers(answer);
    const base: AskInput = { question: 'vilka kriterier gäller?', fallbackLanguage: 'sv' };
    ask(base);
    ask({ ...base, fallbackLanguage: 'en' });
    ask({ ...base, municipality: testMunicipalities.get('kungalv') });
    ask({ ...base, thread });
    ask({ ...base, thread: { ...thread, topic: 'upphandling' } });
    // The time of the thread's last question does not change the answer.
    ask({ ...base, thread: { ...thread, at: 'later' } });
    expect(asked).toHaveLength(5);
  });

  it('keeps only the most recently used answers', () => {
    const { asked, answer } = counting();
    const ask = cachedAnswers(answer, 2);
    const q = (question: string) => ask({ question, fallbackLanguage: 'sv' });
    q('a');
    q('b');
    q('a');
    q('c'); // evicts b, the least recently used
    q('a');
    q('b');
    expect(asked.map((i) => i.question)).toEqual(['a', 'b', 'c', 'b']);
  });
});
