import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Feature } from '../../src/core/feature.ts';
import { textReply } from '../../src/core/reply.ts';
import { testBot } from '../support/bot.ts';
import { postCommand, postEvent, postInteraction } from '../support/slack-requests.ts';
import { buttonPress, dmEvent, mentionEvent, slashCommand, threadReplyEvent } from './fixtures.ts';
import { buttonsOf, type SlackHarness, startSlackHarness, textOf } from './harness.ts';

/** A feature that answers a button the way the checklist does (update the pressed message, then ask on); questions mentioning "krasch" fail. */
const pressFeature: Feature = {
  name: 'press-test',
  intents: {
    ask: async (_ctx, intent) => {
      if (/krasch/.test(intent.question)) throw new Error('the knowledge base fell over');
      return [textReply(`Svar på: ${intent.question}`)];
    },
  },
  actionAreas: ['test'],
  onAction: async (ctx, action) => [
    textReply(
      `Svar: ${action.value} – ${ctx.turn.user.name}`,
      [],
      action.messageId ? { kind: 'update', messageId: action.messageId } : { kind: 'reply' },
    ),
    textReply('Nästa fråga', [{ label: 'Ja', actionId: 'test:answer', value: 'ja' }]),
  ],
};

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('conversations', {
    bot: (runtime) => testBot({ store: runtime.store, features: [pressFeature] }).bot,
  });
  h.api.users.set('UEN', { locale: 'en-US', tz: 'Europe/London', name: 'Emma' });
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

describe('where people talk to it', () => {
  it('answers a mention in the thread of the mention', async () => {
    const event = mentionEvent({ text: '<@UBOT> hej', channel: 'C1' });
    await postEvent(h.eventsUrl, event);
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(post!.args).toMatchObject({ channel: 'C1', thread_ts: event.event.ts });
    expect(post!.args.text).toMatch(/Hej! Jag är IOP-assistenten/);
    expect(buttonsOf(post!.args).map((b) => b.actionId)).toEqual([
      'say:text',
      'say:text~2',
      'say:text~3',
      'settings:lang',
    ]);
  });

  it('answers a reply in that thread without a mention, and ignores threads it is not part of', async () => {
    const root = mentionEvent({ text: '<@UBOT>' });
    await postEvent(h.eventsUrl, root);
    await h.settle();
    await postEvent(h.eventsUrl, threadReplyEvent({ threadTs: root.event.ts, text: 'hjälp' }));
    const posts = await h.api.waitFor('chat.postMessage', 2);
    expect(posts[1]!.args).toMatchObject({ thread_ts: root.event.ts });
    expect(textOf(posts[1]!.args)).toMatch(/så här hjälper jag dig/);

    await postEvent(h.eventsUrl, threadReplyEvent({ threadTs: '1600000000.000001', text: 'hjälp' }));
    const topLevel = threadReplyEvent({ threadTs: '1', text: 'lunch?' });
    delete (topLevel.event as { thread_ts?: string }).thread_ts;
    await postEvent(h.eventsUrl, topLevel);
    await h.settle();
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('answers a direct message in the DM itself, not in a thread', async () => {
    await postEvent(h.eventsUrl, dmEvent({ text: 'hej', channel: 'D1' }));
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('D1');
    expect(post!.args.thread_ts).toBeUndefined();
  });

  it('speaks the language users.info reports, until the user chooses one with /iop lang', async () => {
    await postEvent(h.eventsUrl, dmEvent({ text: 'hej', user: 'UEN', channel: 'D2' }));
    const [first] = await h.api.waitFor('chat.postMessage');
    expect(first!.args.text).toMatch(/^Hello! I am the IOP assistant/);
    await postEvent(h.eventsUrl, dmEvent({ text: '/iop språk sv', user: 'UEN', channel: 'D2' }));
    await postEvent(h.eventsUrl, dmEvent({ text: 'hej', user: 'UEN', channel: 'D2' }));
    await h.settle();
    const posts = h.api.callsTo('chat.postMessage');
    expect(posts.at(-1)!.args.text).toMatch(/^Hej!/);
    // users.info was asked once: the answer is cached in Redis.
    expect(h.api.callsTo('users.info').filter((c) => c.args.user === 'UEN')).toHaveLength(1);
  });
});

describe('the /iop slash command', () => {
  it('answers in the channel, starting a thread the conversation can continue in', async () => {
    const res = await postCommand(
      h.eventsUrl,
      slashCommand({ text: 'hjälp', channel: 'C1', responseUrl: h.api.responseUrl('cmd1') }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(post!.args).toMatchObject({ channel: 'C1' });
    expect(post!.args.thread_ts).toBeUndefined();
    expect(textOf(post!.args)).toMatch(/så här hjälper jag dig/);
    // The bot takes part in that thread now: a reply there reaches it without a mention.
    await h.settle();
    const ts = String(post!.response?.ts);
    await postEvent(h.eventsUrl, threadReplyEvent({ threadTs: ts, text: 'hej' }));
    const posts = await h.api.waitFor('chat.postMessage', 2);
    expect(posts[1]!.args.thread_ts).toBe(ts);
  });

  it('answers only the user, through response_url, where the bot is not a member', async () => {
    h.api.fail('chat.postMessage', { error: 'not_in_channel' });
    await postCommand(
      h.eventsUrl,
      slashCommand({ text: 'help', channel: 'CPRIV', responseUrl: h.api.responseUrl('cmd2') }),
    );
    const [response] = await h.api.waitFor('response_url');
    expect(response!.args).toMatchObject({ id: 'cmd2', response_type: 'ephemeral' });
    expect(textOf(response!.args)).toMatch(/så här hjälper jag dig/);
    expect(textOf(response!.args)).toMatch(/\/invite @IOP-assistenten/);
  });

  it('escapes what users type, so nobody can ping the channel or hide a link through the bot', async () => {
    await postCommand(
      h.eventsUrl,
      slashCommand({
        text: 'kommun <!channel> <https://evil.example|Kungälv>',
        channel: 'D1',
        responseUrl: h.api.responseUrl('cmd3'),
      }),
    );
    const [post] = await h.api.waitFor('chat.postMessage');
    const everything = JSON.stringify(post!.args);
    expect(everything).not.toMatch(/<!channel>|<https:/);
    expect(post!.args.text).toMatch(/&lt;!channel&gt; &lt;https:\/\/evil\.example\|Kungälv&gt;/);
  });
});

describe('buttons', () => {
  it('presses a button: the reply goes into the thread of the message that carried it', async () => {
    const press = buttonPress({
      actionId: 'settings:lang',
      value: 'en',
      channel: 'C1',
      threadTs: '1700000000.000100',
      responseUrl: h.api.responseUrl('b1'),
    });
    const res = await postInteraction(h.eventsUrl, press);
    expect(res.status).toBe(200);
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(post!.args).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100' });
    expect(post!.args.text).toMatch(/^Done! I will answer in English/);
    await postInteraction(h.eventsUrl, buttonPress({ actionId: 'settings:lang', value: 'sv' }));
    await h.api.waitFor('chat.postMessage', 2);
  });

  it('updates the message a button was on (chat.update) and asks on in its thread', async () => {
    const messageTs = '1800000000.000777';
    await postInteraction(
      h.eventsUrl,
      buttonPress({ actionId: 'test:answer', value: 'ja', messageTs, threadTs: '1700000000.000100' }),
    );
    const [update] = await h.api.waitFor('chat.update');
    expect(update!.args).toMatchObject({ channel: 'C1', ts: messageTs });
    expect(update!.args.text).toBe('Svar: ja – Person U1');
    const [next] = await h.api.waitFor('chat.postMessage');
    expect(next!.args).toMatchObject({ thread_ts: '1700000000.000100', text: 'Nästa fråga' });
  });

  it('updates an ephemeral message through response_url (chat.update cannot)', async () => {
    const messageTs = '1800000000.000888';
    const press = buttonPress({
      actionId: 'test:answer',
      value: 'nej',
      messageTs,
      isEphemeral: true,
      responseUrl: h.api.responseUrl('eph'),
    });
    await postInteraction(h.eventsUrl, press);
    const [replace] = await h.api.waitFor('response_url');
    expect(replace!.args).toMatchObject({ id: 'eph', replace_original: true, text: 'Svar: nej – Person U1' });
    await h.settle();
    expect(h.api.callsTo('chat.update')).toEqual([]);
  });

  it('maps repeated action ids back to the core’s id', async () => {
    await postInteraction(
      h.eventsUrl,
      buttonPress({ actionId: 'say:text~3', value: '/iop hjälp', threadTs: '1700000000.000100' }),
    );
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(textOf(post!.args)).toMatch(/så här hjälper jag dig/);
  });
});

describe('slow answers and rate limits', () => {
  it('retries a rate-limited post after Retry-After, without holding up other conversations', async () => {
    h.api.fail('chat.postMessage', { status: 429, retryAfterS: 1 }, { when: (args) => args.channel === 'CBUSY' });
    const busy = mentionEvent({ channel: 'CBUSY' });
    const calm = mentionEvent({ channel: 'CCALM' });
    await postEvent(h.eventsUrl, busy);
    await h.api.waitFor('chat.postMessage', 1, { where: (c) => c.status === 429 });
    await postEvent(h.eventsUrl, calm);
    const [calmPost] = await h.api.waitFor('chat.postMessage', 1, { where: (c) => c.args.channel === 'CCALM' });
    const [limited, retried] = await h.api.waitFor('chat.postMessage', 2, {
      where: (c) => c.args.channel === 'CBUSY',
      timeoutMs: 5000,
    });
    expect(calmPost!.at).toBeLessThan(retried!.at);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(retried!.status).toBe(200);
    expect(retried!.args.thread_ts).toBe(busy.event.ts);
  });
});

describe('when something fails', () => {
  it('answers politely in the thread and logs the failure when the core fails', async () => {
    const event = mentionEvent({ text: '<@UBOT> krasch?' });
    await postEvent(h.eventsUrl, event);
    await h.settle();
    const [post] = h.api.callsTo('chat.postMessage');
    expect(post!.args).toMatchObject({ thread_ts: event.event.ts });
    expect(post!.args.text).toMatch(/Något gick fel hos mig/);
    expect(h.logs.some((l) => l.msg === 'slack turn failed' && l.level === 50)).toBe(true);
  });

  it('logs a message Slack refuses, and goes on serving', async () => {
    h.api.fail('chat.postMessage', { error: 'invalid_blocks' });
    await postEvent(h.eventsUrl, mentionEvent({ text: '<@UBOT> en fråga' }));
    await h.settle();
    expect(h.logs.some((l) => l.msg === 'slack delivery failed' && l.slackError === 'invalid_blocks')).toBe(true);
    await postEvent(h.eventsUrl, mentionEvent({ text: '<@UBOT> en fråga till' }));
    const posts = await h.api.waitFor('chat.postMessage', 2);
    expect(posts[1]!.args.text).toBe('Svar på: en fråga till');
  });
});
