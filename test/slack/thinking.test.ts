import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.ts';
import type { Feature } from '../../src/core/feature.ts';
import { textReply } from '../../src/core/reply.ts';
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

/** The bot, slowed down for questions that say "långsam". */
function slowBot(bot: Bot): Bot {
  return {
    ...bot,
    handleTurn: async (turn) => {
      if (turn.input.kind === 'message' && /långsam/.test(turn.input.text))
        await new Promise((r) => setTimeout(r, 400));
      return bot.handleTurn(turn);
    },
  };
}

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('thinking', {
    thinkingDelayMs: 100,
    bot: (runtime) => slowBot(testBot({ store: runtime.store, features: [answers] }).bot),
  });
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

it('shows "thinking…" in the thread when an answer takes a while, then turns it into the answer', async () => {
  const event = mentionEvent({ text: '<@UBOT> en långsam fråga' });
  await postEvent(h.eventsUrl, event);
  await h.settle();
  const [thinking, ...others] = h.api.callsTo('chat.postMessage');
  expect(others).toEqual([]);
  expect(thinking!.args).toMatchObject({ thread_ts: event.event.ts, text: 'Tänker…' });
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
  await postEvent(h.eventsUrl, mentionEvent({ text: '<@UBOT> en snabb fråga' }));
  await h.settle();
  expect(h.api.callsTo('chat.postMessage').map((c) => c.args.text)).toEqual(['Svar på: en snabb fråga']);
  expect(h.api.callsTo('chat.update')).toEqual([]);
});
