import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/app.ts';
import { loadConfig } from '../../src/config.ts';
import { errorReply } from '../../src/core/answer-turn.ts';
import { isIopError } from '../../src/core/errors.ts';
import type { Reply } from '../../src/core/model.ts';
import { plainText } from '../../src/core/reply.ts';
import { translator } from '../../src/core/i18n/translator.ts';
import { createHttpServer, type HttpServer } from '../../src/infra/http-server.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { eventually, RecordingMessenger } from '../reminders/fakes.ts';
import { dmEvent, mentionEvent, slashCommand, threadReplyEvent } from '../slack/fixtures.ts';
import { textOf } from '../slack/harness.ts';
import { turnOf } from '../support/bot.ts';
import { PrivateRedis } from '../support/private-redis.ts';
import { postCommand, postEvent, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-requests.ts';
import { type RecordedCall, type SlackWebApiStandIn, startSlackWebApi } from '../support/slack-web-api.ts';

// Redis is away for 30 s, as a restart or failover of a production Redis might take.
const OUTAGE_MS = 30_000;
const RECOVERY_BUDGET_MS = 8_000;

// Persistent, as production Redis must be (AOF): what was stored before the crash is there after it.
const privateRedis = new PrivateRedis({ persistent: true });
const delivered = new RecordingMessenger('console');

const people = { user: 'console:outage-user', conversation: 'console:outage' };
const say = (runtime: Runtime, text: string) => runtime.bot.handleTurn(turnOf(text, people));

function sourcesOf(replies: Reply[]): string[] {
  return replies.flatMap((r) => r.blocks.flatMap((b) => (b.type === 'context' ? b.items : [])));
}

async function expectStoreUnavailable(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isIopError(error, 'store_unavailable'), `expected store_unavailable, got ${String(error)}`).toBe(true);
  // What every adapter sends for it.
  expect(plainText(errorReply(error, translator('sv')).blocks)).toBe(translator('sv')('errors.temporarilyUnavailable'));
}

/** The Slack app on the same runtime, over HTTP as in production, with a stand-in for Slack's Web API. */
interface SlackSide {
  api: SlackWebApiStandIn;
  adapter: SlackAdapter;
  server: HttpServer;
  eventsUrl: string;
  /** The thread of a mention the bot answered while Redis was healthy (replies there need no mention). */
  botThread?: { channel: string; ts: string };
}

/** What Slack shows for a question answered with sources (not the polite "temporarily unavailable"). */
function expectAnswer(post: RecordedCall | undefined): void {
  const shown = textOf(post?.args ?? {});
  expect(shown.length).toBeGreaterThan(50);
  expect(shown).not.toContain(translator('sv')('errors.temporarilyUnavailable'));
  expect((post?.args.blocks as Array<{ type: string }> | undefined)?.some((b) => b.type === 'context')).toBe(true);
}

/** One reply posted into `channel` (and `threadTs`) since the stand-in was last reset. */
async function replyIn(slack: SlackSide, channel: string, threadTs?: string): Promise<RecordedCall | undefined> {
  const where = (c: RecordedCall) => c.args.channel === channel && (!threadTs || c.args.thread_ts === threadTs);
  const [post] = await slack.api.waitFor('chat.postMessage', 1, { where, timeoutMs: 10_000 });
  return post;
}

/** Questions in every way Slack brings them, each from someone this instance has not looked up yet. */
async function slackAnswersQuestions(slack: SlackSide, round: string): Promise<void> {
  slack.api.reset();
  const person = (n: number) => `UOUT${round}${n}`;
  await postEvent(slack.eventsUrl, dmEvent({ user: person(1), channel: `DOUT${round}`, text: 'Vad är IOP?' }));
  expectAnswer(await replyIn(slack, `DOUT${round}`));

  const mention = mentionEvent({ user: person(2), channel: `COUT${round}`, text: '<@UBOT> Vad är IOP?' });
  await postEvent(slack.eventsUrl, mention);
  expectAnswer(await replyIn(slack, `COUT${round}`, mention.event.ts));

  const thread = slack.botThread!;
  const reply = threadReplyEvent({
    user: person(3),
    channel: thread.channel,
    threadTs: thread.ts,
    text: 'Vad är IOP?',
  });
  await postEvent(slack.eventsUrl, reply);
  expectAnswer(await replyIn(slack, thread.channel, thread.ts));

  const command = (text: string, channel: string, n: number) =>
    postCommand(
      slack.eventsUrl,
      slashCommand({ text, channel, user: person(n), responseUrl: slack.api.responseUrl(`${round}${n}`) }),
    );
  await command('fråga Vad är IOP?', `DCMD${round}`, 4);
  expectAnswer(await replyIn(slack, `DCMD${round}`));

  // In a channel the answer starts a thread: the bot takes part in it (this instance knows), so a reply is answered.
  await command('fråga Vad är IOP?', `CCMD${round}`, 5);
  const started = await replyIn(slack, `CCMD${round}`);
  expectAnswer(started);
  await slack.adapter.idle();
  const startedTs = String(started?.response?.ts);
  await postEvent(
    slack.eventsUrl,
    threadReplyEvent({ user: person(6), channel: `CCMD${round}`, threadTs: startedTs, text: 'Vad är IOP?' }),
  );
  expectAnswer(await replyIn(slack, `CCMD${round}`, startedTs));

  // A thread nobody here knows is left alone (it may be people talking among themselves), without an error.
  await postEvent(
    slack.eventsUrl,
    threadReplyEvent({
      user: person(7),
      channel: `CPEOPLE${round}`,
      threadTs: '1700000000.000001',
      text: 'Vad är IOP?',
    }),
  );

  // A write is refused politely, as everywhere else.
  await command('kommun Ekerö', `DSET${round}`, 8);
  const refused = await replyIn(slack, `DSET${round}`);
  expect(refused?.args.text).toBe(translator('sv')('errors.temporarilyUnavailable'));

  await slack.adapter.idle();
  expect(slack.api.callsTo('chat.postMessage').filter((c) => c.args.channel === `CPEOPLE${round}`)).toEqual([]);
  // Everyone was looked up in Slack, though no profile could be read from or written to the cache.
  expect(new Set(slack.api.callsTo('users.info').map((c) => c.args.user)).size).toBe(7);
}

describe('Redis outage', () => {
  let runtime: Runtime;
  let slack: SlackSide;
  const logLines: Array<{ level: number; msg: string }> = [];
  const exitSpy = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Error(`process.exit(${code}) called during a Redis outage`);
  }) as typeof process.exit);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    await privateRedis.start();
    const api = await startSlackWebApi();
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: privateRedis.url,
      REDIS_PREFIX: `test:outage:${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: api.url,
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line.trim()) logLines.push(JSON.parse(line));
        done();
      },
    });
    runtime = await createRuntime(config, createLogger('warn', { destination: sink }), { serving: true });
    await runtime.startReminders({ console: delivered });
    // Not started: over HTTP that would only register Slack's reminder worker, which this test does not need.
    const adapter = createSlackAdapter(runtime, { thinkingDelayMs: 60_000 });
    const server = createHttpServer(() => undefined);
    adapter.mount(server);
    const port = await server.listen(0, '127.0.0.1');
    slack = { api, adapter, server, eventsUrl: `http://127.0.0.1:${port}/slack/events` };
  }, 30_000);

  afterAll(async () => {
    await slack?.server.close();
    await slack?.adapter.stop();
    await slack?.api.close();
    await runtime?.close().catch(() => undefined);
    await privateRedis.kill();
    process.off('unhandledRejection', onUnhandled);
    exitSpy.mockRestore();
  }, 30_000);

  let downSince = 0;

  it('works while Redis is healthy, and takes a reminder that will fall due during the outage', async () => {
    expect(plainText((await say(runtime, '/iop kommun Ekerö')).flatMap((r) => r.blocks))).toContain('Ekerö');
    const set = plainText((await say(runtime, 'påminn mig in 10 seconds att ringa Bo')).flatMap((r) => r.blocks));
    expect(set).toMatch(/ringa Bo/);
    expect(delivered.sent).toHaveLength(0);
    // In Slack too; and the bot now takes part in the thread of this mention.
    const mention = mentionEvent({ user: 'UOUTBEFORE', channel: 'CTHREAD', text: '<@UBOT> Vad är IOP?' });
    await postEvent(slack.eventsUrl, mention);
    expectAnswer(await replyIn(slack, 'CTHREAD', mention.event.ts));
    slack.botThread = { channel: 'CTHREAD', ts: mention.event.ts };
  });

  const writesFail = async () => {
    await expectStoreUnavailable(say(runtime, '/iop kommun Ekerö'));
    await expectStoreUnavailable(say(runtime, '/iop påminn mig imorgon kl 9 att ringa Anna'));
    await expectStoreUnavailable(say(runtime, '/iop checklista skr'));
  };

  it('refuses to change state with store_unavailable right after Redis crashes', async () => {
    await privateRedis.kill();
    downSince = Date.now();
    await writesFail();
  });

  /** Every feature that intercepts typed messages must let a question through when the store is away. */
  it('still answers a question with sources while Redis is down', async () => {
    const answer = await say(runtime, 'Vad är IOP?');
    expect(plainText(answer.flatMap((r) => r.blocks)).length).toBeGreaterThan(50);
    expect(sourcesOf(answer).length).toBeGreaterThan(0);
  });

  it('still answers questions in Slack while Redis is down', async () => {
    await slackAnswersQuestions(slack, 'A');
  }, 60_000);

  it(
    'still answers questions in Slack after several failed reconnects',
    async () => {
      expect(downSince).toBeGreaterThan(0);
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
      await slackAnswersQuestions(slack, 'B');
    },
    OUTAGE_MS + 60_000,
  );

  it(
    'still refuses writes after several failed reconnects, and recovers by itself when Redis is back',
    async () => {
      expect(downSince).toBeGreaterThan(0);
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
      await writesFail();

      await privateRedis.start();
      const backSince = Date.now();
      let recovered: Reply[] | undefined;
      let lastError: unknown;
      while (!recovered && Date.now() - backSince < RECOVERY_BUDGET_MS) {
        try {
          recovered = await say(runtime, '/iop kommun Ekerö');
        } catch (error) {
          lastError = error;
          await sleep(200);
        }
      }
      expect(recovered, `not recovered within ${RECOVERY_BUDGET_MS} ms: ${String(lastError)}`).toBeDefined();
      expect(plainText((recovered ?? []).flatMap((r) => r.blocks))).toContain('Ekerö');
      // The write really landed: the user's context now carries the stored municipality.
      const after = await runtime.bot.contextFor(turnOf('x', people));
      expect(after.municipality?.name).toBe('Ekerö');
      // And questions work again.
      expect(sourcesOf(await say(runtime, 'Vad är IOP?')).length).toBeGreaterThan(0);
    },
    OUTAGE_MS + 30_000,
  );

  it('loses no reminder: one that fell due during the outage is delivered once Redis is back', async () => {
    expect(await eventually(() => delivered.sent.length > 0, 20_000)).toBe(true);
    expect(delivered.sent).toHaveLength(1);
    expect(delivered.sent[0]?.text).toMatch(/ringa Bo/);
  }, 30_000);

  it('never exits the process and leaves no unhandled rejection', () => {
    expect(exitSpy).not.toHaveBeenCalled();
    expect(unhandled).toEqual([]);
  });

  it('loses no Slack turn and no Slack delivery to the outage', async () => {
    await slack.adapter.idle();
    // A refused write is logged as `slack turn failed` and answered politely; these mean nobody was answered.
    const lost = logLines.filter((l) => /^slack (turn could not be built|work failed|delivery failed)/.test(l.msg));
    expect(lost).toEqual([]);
  });
});
