import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.ts';
import type { Feature } from '../../src/core/feature.ts';
import { textReply } from '../../src/core/reply.ts';
import type { Runtime } from '../../src/runtime.ts';
import { testBot } from '../support/bot.ts';
import { postEvent } from '../support/slack-requests.ts';
import { mentionEvent } from './fixtures.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

/** Answers questions; "privat" ones only to the asker. */
const answers: Feature = {
  name: 'answers',
  intents: {
    ask: async (_ctx, intent) => [
      textReply(
        `Svar på: ${intent.question}`,
        [],
        /privat/.test(intent.question) ? { kind: 'private' } : { kind: 'reply' },
      ),
    ],
  },
};

const THINKING = 'Tänker…';

/**
 * The bot, holding back answers to questions that say "långsam" until the stand-in has received "thinking…": an
 * answer that takes as long as it must, without betting on how long the machine takes for anything else.
 */
function slowBot(bot: Bot, thinkingShown: () => Promise<unknown>): Bot {
  return {
    ...bot,
    handleTurn: async (turn) => {
      if (turn.input.kind === 'message' && /långsam/.test(turn.input.text)) await thinkingShown();
      return bot.handleTurn(turn);
    },
  };
}

// "Thinking…" after no delay at all for the slow answers; after the harness' 10 s for the quick one (a test
// bot's answer from memory takes milliseconds).
let h: SlackHarness;
let patient: SlackHarness;
beforeAll(async () => {
  const thinkingShown = () => h.api.waitFor('chat.postMessage', 1, { where: (c) => c.args.text === THINKING });
  const bot = (runtime: Runtime) => testBot({ store: runtime.store, features: [answers] }).bot;
  [h, patient] = await Promise.all([
    startSlackHarness('thinking', { thinkingDelayMs: 0, bot: (runtime) => slowBot(bot(runtime), thinkingShown) }),
    startSlackHarness('thinking-patient', { bot }),
  ]);
});
afterAll(() => Promise.all([h.close(), patient.close()]));
beforeEach(() => {
  h.api.reset();
  patient.api.reset();
});

it('shows "thinking…" in the thread when an answer takes a while, then turns it into the answer', async () => {
  const event = mentionEvent({ text: '<@UBOT> en långsam fråga' });
  await postEvent(h.eventsUrl, event);
  await h.settle();
  const [thinking, ...others] = h.api.callsTo('chat.postMessage');
  expect(others).toEqual([]);
  expect(thinking!.args).toMatchObject({ thread_ts: event.event.ts, text: THINKING });
  const [update] = h.api.callsTo('chat.update');
  expect(update!.args).toMatchObject({ ts: thinking!.response?.ts, text: 'Svar på: en långsam fråga' });
  expect(h.api.callsTo('chat.delete')).toEqual([]);
});

it('removes "thinking…" when the answer goes elsewhere (here: only to the asker)', async () => {
  await postEvent(h.eventsUrl, mentionEvent({ text: '<@UBOT> en långsam privat fråga' }));
  await h.settle();
  const [thinking] = h.api.callsTo('chat.postMessage');
  expect(h.api.callsTo('chat.delete')[0]!.args.ts).toBe(thinking!.response?.ts);
  expect(h.api.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({
    user: 'U1',
    text: 'Svar på: en långsam privat fråga',
  });
});

it('says nothing extra when the answer is quick', async () => {
  await postEvent(patient.eventsUrl, mentionEvent({ text: '<@UBOT> en snabb fråga' }));
  await patient.settle();
  expect(patient.api.callsTo('chat.postMessage').map((c) => c.args.text)).toEqual(['Svar på: en snabb fråga']);
  expect(patient.api.callsTo('chat.update')).toEqual([]);
});
