import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.ts';
import type { Feature } from '../../src/core/feature.ts';
import { textReply } from '../../src/core/reply.ts';
import type { Runtime } from '../../src/runtime.ts';
import { testBot } from '../support/bot.ts';
import { postEvent } from '../support/slack-requests.ts';
import { dmEvent, mentionEvent } from './fixtures.ts';
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

const THINKING = 'tänker…';
const SET_STATUS = 'assistant.threads.setStatus';

/**
 * The bot, holding back answers to questions that say "långsam" until the stand-in has been asked for the
 * thinking status: an answer that takes as long as it must, without betting on how long anything else takes.
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

// The status after no delay at all for the slow answers; after the harness' 10 s for the quick one (a test bot's
// answer from memory takes milliseconds).
let h: SlackHarness;
let patient: SlackHarness;
beforeAll(async () => {
  const thinkingShown = () => h.api.waitFor(SET_STATUS, 1, { where: (c) => c.args.status === THINKING });
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

it('shows "tänker…" as the thread status while an answer takes a while, and posts no placeholder', async () => {
  const event = mentionEvent({ text: '<@UBOT> en långsam fråga' });
  await postEvent(h.eventsUrl, event);
  await h.settle();
  expect(h.api.callsTo(SET_STATUS).map((c) => c.args)).toEqual([
    { channel_id: event.event.channel, thread_ts: event.event.ts, status: THINKING },
  ]);
  // The answer in the thread ends the status; nothing to edit or delete.
  const posts = h.api.callsTo('chat.postMessage');
  expect(posts.map((c) => [c.args.thread_ts, c.args.text])).toEqual([[event.event.ts, 'Svar på: en långsam fråga']]);
  expect(h.api.callsTo('chat.update')).toEqual([]);
  expect(h.api.callsTo('chat.delete')).toEqual([]);
  const [status, answer] = [h.api.callsTo(SET_STATUS)[0]!, posts[0]!];
  expect(status.at).toBeLessThan(answer.at);
});

it('clears the status when the answer goes elsewhere (here: only to the asker)', async () => {
  const event = mentionEvent({ text: '<@UBOT> en långsam privat fråga' });
  await postEvent(h.eventsUrl, event);
  await h.settle();
  expect(h.api.callsTo(SET_STATUS).map((c) => c.args.status)).toEqual([THINKING, '']);
  expect(h.api.callsTo(SET_STATUS)[1]!.args).toMatchObject({
    channel_id: event.event.channel,
    thread_ts: event.event.ts,
  });
  expect(h.api.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({
    user: 'U1',
    text: 'Svar på: en långsam privat fråga',
  });
  expect(h.api.callsTo('chat.postMessage')).toEqual([]);
});

it('still answers, once, when Slack refuses the status', async () => {
  h.api.fail(SET_STATUS, { error: 'not_allowed_token_type' });
  const event = mentionEvent({ text: '<@UBOT> en långsam fråga till' });
  await postEvent(h.eventsUrl, event);
  await h.settle();
  expect(h.api.callsTo(SET_STATUS)).toHaveLength(1);
  expect(h.api.callsTo('chat.postMessage').map((c) => c.args.text)).toEqual(['Svar på: en långsam fråga till']);
});

it("shows no status in a DM's main stream, which has no thread to show it in", async () => {
  await postEvent(h.eventsUrl, dmEvent({ text: 'en fråga i DM' }));
  await h.settle();
  expect(h.api.callsTo(SET_STATUS)).toEqual([]);
  expect(h.api.callsTo('chat.postMessage').map((c) => c.args.text)).toEqual(['Svar på: en fråga i DM']);
});

it('says nothing extra when the answer is quick', async () => {
  await postEvent(patient.eventsUrl, mentionEvent({ text: '<@UBOT> en snabb fråga' }));
  await patient.settle();
  expect(patient.api.callsTo('chat.postMessage').map((c) => c.args.text)).toEqual(['Svar på: en snabb fråga']);
  expect(patient.api.callsTo(SET_STATUS)).toEqual([]);
});
