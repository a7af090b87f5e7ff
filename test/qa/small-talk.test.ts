import { beforeAll, describe, expect, it } from 'vitest';
import type { MunicipalityDirectory } from '../../src/core/municipalities.ts';
import { answerQuestion } from '../../src/core/qa/answer-question.ts';
import { listFeedback } from '../../src/core/qa/feedback.ts';
import type { KnowledgeBase } from '../../src/core/qa/knowledge-base.ts';
import { turnOf } from '../support/bot.ts';
import { buttonsOf, qaBot, shippedQaDeps, textOf } from './support.ts';

let knowledge: KnowledgeBase;
let municipalities: MunicipalityDirectory;

beforeAll(async () => {
  ({ knowledge, municipalities } = await shippedQaDeps());
});

const ask = (question: string, fallbackLanguage: 'sv' | 'en' = 'sv') =>
  answerQuestion({ knowledge, municipalities }, { question, fallbackLanguage });

describe('small talk', () => {
  it.each([
    ['tack!', 'sv'],
    ['Tack så mycket för hjälpen!', 'sv'],
    ['hej hej', 'sv'],
    ['du är värdelös', 'sv'],
    ['vilken skitbot', 'sv'],
    ['hej då', 'sv'],
    ['thanks, that helped 👍', 'en'],
    ["you're useless", 'en'],
    ['good morning', 'en'],
    ['tack, toppen. trevlig helg!', 'sv'],
    ['godmorgon! 😊', 'sv'],
    ['ha det bra', 'sv'],
    ['have a nice weekend', 'en'],
    ['haha okej, du är snabbare än vår jurist iaf', 'sv'],
    ['hallå? är du där', 'sv'],
    ['sorry, wrong window 🙈 ignore that', 'en'],
    ['förlåt, fel chatt', 'sv'],
  ] as const)('answers %j briefly and kindly in its language, without sources', (message, language) => {
    const answer = ask(message, language === 'sv' ? 'en' : 'sv');
    expect(answer.status).toBe('small-talk');
    expect(answer.language).toBe(language);
    expect(answer.sources).toEqual([]);
    expect(answer.text.length).toBeLessThan(160);
    expect(answer.text).not.toMatch(/tyvärr inte|afraid/i);
  });

  it.each([
    ['vem pratar jag med?', 'sv'],
    ['är du en bot?', 'sv'],
    ['vad kan du?', 'sv'],
    ['hey, who am I talking to?', 'en'],
    ['are you a human?', 'en'],
    ['what can you do?', 'en'],
  ] as const)('tells %j plainly that it is an automated assistant and what it does', (message, language) => {
    const answer = ask(message, language === 'sv' ? 'en' : 'sv');
    expect(answer).toMatchObject({ status: 'small-talk', language, sources: [] });
    expect(answer.text).toMatch(language === 'sv' ? /automatisk assistent – ingen människa/ : /automated assistant – not a person/);
  });

  it('answers a reaction with no words in the user’s language', () => {
    expect(ask('👍', 'en')).toMatchObject({ status: 'small-talk', language: 'en' });
    expect(ask('🙏', 'sv')).toMatchObject({ status: 'small-talk', language: 'sv' });
  });

  it.each([
    'tack, men vad gäller för LOU?',
    'hej, vad är IOP?',
    'bra exempel på IOP?',
    'dålig erfarenhet av IOP, vad gör vi nu?',
    'thanks – and what about state aid?',
    'vad kan du säga om statsstöd?',
    'förlåt, vad menar du med samfinansiering?',
    'haha okej, men gäller LOU för föreningen iaf?',
    'what can you tell me about SGEI?',
  ])('still answers %j, which asks something', (question) => {
    expect(ask(question).status).not.toBe('small-talk');
  });

  it('gets no 👍/👎 in a chat and is not logged as an unanswered question', async () => {
    const { bot, store } = await qaBot();
    const conversation = `console:small-talk-${Math.random().toString(36).slice(2, 8)}`;
    for (const message of ['tack!', 'du är värdelös', '👍']) {
      const replies = await bot.handleTurn(turnOf(message, { conversation }));
      expect(textOf(replies)).not.toMatch(/tyvärr/);
      expect(buttonsOf(replies).filter((b) => b.actionId.startsWith('feedback:'))).toEqual([]);
    }
    expect(await listFeedback(store)).toEqual([]);
  });
});
