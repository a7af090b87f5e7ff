/**
 * The process is killed (SIGKILL: no shutdown, no finally blocks) in the middle of a checklist and of a reminder
 * delivery; a new process on the same Redis prefix carries on. And stopped politely (SIGTERM): it leaves the load
 * balancer's rotation before it closes. The real server runs as a child
 * (`node bin/iop-bot.js serve`), configured for Slack over HTTP against the local Web API stand-in, with signed
 * requests as Slack sends them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, textOf } from '../slack/harness.ts';
import { buttonPress, mentionEvent, threadReplyEvent } from '../slack/fixtures.ts';
import { runCli } from '../support/cli.ts';
import { freePort } from '../support/private-redis.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';
import { postEvent, postInteraction, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-requests.ts';
import { type RecordedCall, type SlackWebApiStandIn, startSlackWebApi } from '../support/slack-web-api.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Children first (SIGKILL even when the test failed half-way), then servers and Redis keys.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

interface ServerChild {
  baseUrl: string;
  eventsUrl: string;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop); resolves with the exit code once it is gone. */
  terminate(): Promise<number | null>;
  output(): string;
}

/** Starts `iop-bot serve` for Slack; resolves once `/readyz` says it is ready (reminder worker included). */
const LEASE_SECONDS = 6;

async function startServer(env: {
  prefix: string;
  apiUrl: string;
  extra?: Record<string, string>;
}): Promise<ServerChild> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['bin/iop-bot.js', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: env.apiUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: env.prefix,
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '0',
      // A killed delivery is taken over after this lease (90 s by default); short here to keep the test short.
      REMINDER_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: 'info',
      ...env.extra,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const terminate = () => {
    child.kill('SIGTERM');
    return exited;
  };
  cleanups.push(kill);
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`iop-bot serve exited (${child.exitCode}) before it was ready:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`iop-bot serve was not ready within 20 s:\n${output}`);
    await sleep(100);
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  return { baseUrl, eventsUrl: `${baseUrl}/slack/events`, kill, terminate, output: () => output };
}

/** A Slack Web API stand-in and a unique Redis prefix, both removed after the test. */
async function deployment(name: string): Promise<{ api: SlackWebApiStandIn; prefix: string }> {
  const api = await startSlackWebApi();
  const prefix = uniquePrefix(`kill-${name}`);
  const { cleanup } = testRedis(prefix);
  cleanups.push(cleanup, () => api.close());
  return { api, prefix };
}

/** The `ts` the stand-in gave a posted message. */
const postedTs = (call: RecordedCall) => String(call.response?.ts);

/** Polls until `find` returns something, or fails after `timeoutMs`. */
async function waitUntil<T>(what: string, find: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** A call the proxy holds: it reached "Slack", which has neither accepted nor refused it yet. */
interface HeldCall {
  method: string;
  args: Record<string, unknown>;
  /** Set when the caller went away (its process was killed) while the call was held. */
  abandoned: boolean;
}

interface HoldingProxy {
  /** Base URL for SLACK_API_URL. */
  url: string;
  held: HeldCall[];
  /**
   * Holds the next call to `method` whose arguments match: no answer comes back. Nothing reaches the stand-in,
   * unless `delivered`: then Slack has done it (the stand-in has it) and only its answer is lost.
   */
  holdNext(method: string, when: (args: Record<string, unknown>) => boolean, options?: { delivered?: boolean }): void;
}

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  return Object.fromEntries(new URLSearchParams(raw));
}

/** Passes a call on to the stand-in; resolves with its answer. */
function pass(target: SlackWebApiStandIn, req: IncomingMessage, body: string): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'authorization']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return fetch(`${target.origin}${req.url ?? '/'}`, { method: req.method, headers, body: body || undefined });
}

/** Passes a call on to the stand-in and its answer back. */
async function forward(target: SlackWebApiStandIn, req: IncomingMessage, res: ServerResponse, body: string) {
  const answer = await pass(target, req, body);
  const out: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
  const retryAfter = answer.headers.get('retry-after');
  if (retryAfter) out['retry-after'] = retryAfter;
  res.writeHead(answer.status, out);
  res.end(await answer.text());
}

/**
 * A pass-through in front of the Web API stand-in that can hold chosen calls. A held call models Slack while it
 * is still working on a request: if the caller dies first, the message is never posted (nothing reaches the
 * stand-in). That is the case the system can make exactly-once; see the reminder test for the other one.
 */
async function startHoldingProxy(target: SlackWebApiStandIn): Promise<HoldingProxy> {
  const rules: Array<{ method: string; when: (args: Record<string, unknown>) => boolean; delivered: boolean }> = [];
  const held: HeldCall[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = (req.url ?? '').split('?')[0]?.replace(/^\/api\//, '') ?? '';
      const args = parseArgs(String(req.headers['content-type'] ?? ''), body);
      const rule = rules.findIndex((r) => r.method === method && r.when(args));
      if (rule < 0) {
        forward(target, req, res, body).catch((error: Error) => {
          res.writeHead(502);
          res.end(error.message);
        });
        return;
      }
      const [taken] = rules.splice(rule, 1);
      if (taken?.delivered) void pass(target, req, body);
      const call: HeldCall = { method, args, abandoned: false };
      held.push(call);
      res.on('close', () => (call.abandoned = true));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    held,
    holdNext: (method, when, options = {}) => void rules.push({ method, when, delivered: options.delivered ?? false }),
  };
}

// Question order of the default checklist (forsta-bedomning). "Osäker" on question 2 decides the outcome, so an
// answer lost with the killed process would change the recommendation.
const ANSWERS = ['Ja', 'Osäker', 'Ja', 'Ja', 'Ja', 'Nej', 'Nej', 'Nej'];
const questionLine = (n: number) => new RegExp(`Fråga ${n} av ${ANSWERS.length}`);

/** One checklist run in a Slack channel, driven the way a person does it; any process may serve each step. */
function checklistInSlack(api: SlackWebApiStandIn, channel: string, caseName: string) {
  const postsIn = (thread: string) => api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === thread);
  let runThread = '';

  async function press(server: ServerChild, message: RecordedCall, label: string): Promise<void> {
    const button = buttonsOf(message.args).find((b) => b.label === label);
    if (!button) throw new Error(`no button ${label} on: ${textOf(message.args)}`);
    const payload = buttonPress({
      actionId: button.actionId,
      value: button.value,
      channel,
      messageTs: postedTs(message),
      threadTs: runThread,
    });
    expect((await postInteraction(server.eventsUrl, payload)).status).toBe(200);
  }

  /** Waits for the next message in the run's thread after `count` of them. */
  const postedAfter = (count: number, what: string) => waitUntil(what, () => postsIn(runThread)[count], 10_000);

  return {
    postsInRun: () => postsIn(runThread),
    /** `@IOP-assistenten checklista`, then the case name in that thread: resolves with question 1. */
    async start(server: ServerChild): Promise<RecordedCall> {
      const start = mentionEvent({ channel, text: '<@UBOT> checklista' });
      expect((await postEvent(server.eventsUrl, start)).status).toBe(200);
      await api.waitFor('chat.postMessage', 1, { timeoutMs: 10_000 });
      await postEvent(server.eventsUrl, threadReplyEvent({ channel, threadTs: start.event.ts, text: caseName }));
      const isIntro = (c: RecordedCall) => !c.args.thread_ts && textOf(c.args).includes(caseName);
      const intro = await waitUntil('the run to open', () => api.callsTo('chat.postMessage').find(isIntro), 10_000);
      runThread = postedTs(intro);
      return postedAfter(0, 'question 1');
    },
    /** Presses `label` on `question`: resolves with what the bot posted next in the run's thread. */
    async answer(server: ServerChild, question: RecordedCall, label: string): Promise<RecordedCall> {
      const count = postsIn(runThread).length;
      await press(server, question, label);
      return postedAfter(count, `what follows "${label}"`);
    },
    /** Presses `label` and returns at once, for a process about to be killed. */
    press,
    /** `@IOP-assistenten checklista` in the run's thread: resolves with the offer to continue. */
    async askToResume(server: ServerChild): Promise<RecordedCall> {
      const count = postsIn(runThread).length;
      await postEvent(server.eventsUrl, mentionEvent({ channel, threadTs: runThread, text: '<@UBOT> checklista' }));
      return postedAfter(count, 'the offer to continue');
    },
  };
}

/** Answers from `question` on, checking the question numbers; resolves with the summary. */
async function answerTheRest(
  run: ReturnType<typeof checklistInSlack>,
  server: ServerChild,
  question: RecordedCall,
  from: number,
): Promise<RecordedCall> {
  let current = question;
  for (const [offset, label] of ANSWERS.slice(from).entries()) {
    expect(textOf(current.args)).toMatch(questionLine(from + offset + 1));
    current = await run.answer(server, current, label);
  }
  return current;
}

/** The summary shows the recommendation `iop-bot checklist evaluate` gives for all of ANSWERS. */
async function expectRecommendationForAllAnswers(summary: RecordedCall, caseName: string): Promise<void> {
  const text = textOf(summary.args);
  expect(text).toContain(caseName);
  expect(buttonsOf(summary.args).some((b) => b.label === 'Ja')).toBe(false);
  const cliAnswers = ANSWERS.map((a) => ({ Ja: 'ja', Nej: 'nej', Osäker: 'osäker' })[a]).join(',');
  const evaluated = await runCli(['checklist', 'evaluate', 'forsta-bedomning', '--answers', cliAnswers, '--json']);
  const evaluation = JSON.parse(evaluated.stdout) as { outcome: string; reasons: Array<{ reason: string }> };
  expect(evaluation.outcome).toBe('closer-look');
  expect(evaluation.reasons.length).toBeGreaterThan(0);
  for (const { reason } of evaluation.reasons) expect(text).toContain(reason);
}

/** Question numbers in the order they were posted in the run's thread. */
const askedQuestions = (posts: RecordedCall[]) =>
  posts.map((c) => /Fråga (\d+) av/.exec(textOf(c.args))?.[1]).filter((n): n is string => n !== undefined);

describe('a checklist when the process is killed', () => {
  it('between answers: the next process goes on from there, with the earlier answers kept', async () => {
    const { api, prefix } = await deployment('checklist');
    const caseName = 'Läxhjälp i Centrum';
    const run = checklistInSlack(api, 'C7', caseName);
    const first = await startServer({ prefix, apiUrl: api.url });
    let question = await run.start(first);
    for (const [index, label] of ANSWERS.slice(0, 2).entries()) {
      expect(textOf(question.args)).toMatch(questionLine(index + 1));
      question = await run.answer(first, question, label);
    }

    await first.kill();
    const second = await startServer({ prefix, apiUrl: api.url });

    // The buttons on question 3, posted by the killed process, work in the new one.
    const summary = await answerTheRest(run, second, question, 2);
    await expectRecommendationForAllAnswers(summary, caseName);
    expect(askedQuestions(run.postsInRun())).toEqual(ANSWERS.map((_, i) => String(i + 1)));
  });

  it('while answering: the answer is kept, and the run continues from the offer in its thread', async () => {
    const { api, prefix } = await deployment('checklist-mid');
    const proxy = await startHoldingProxy(api);
    const caseName = 'Matkasse i Väster';
    const run = checklistInSlack(api, 'C6', caseName);
    const first = await startServer({ prefix, apiUrl: proxy.url });
    const question1 = await run.start(first);
    const question2 = await run.answer(first, question1, ANSWERS[0]!);

    // The answer to question 2 is being shown (chat.update of its message) when the process dies: Slack got the
    // ack long before, and does not send a button press again.
    proxy.holdNext('chat.update', (args) => args.ts === postedTs(question2));
    await run.press(first, question2, ANSWERS[1]!);
    await waitUntil('the update to hang', () => proxy.held[0], 10_000);
    await first.kill();
    const second = await startServer({ prefix, apiUrl: proxy.url });

    const offer = await run.askToResume(second);
    expect(textOf(offer.args)).toMatch(new RegExp(`${caseName}.*2 av ${ANSWERS.length}`, 's'));
    const question3 = await run.answer(second, offer, 'Fortsätt');
    const summary = await answerTheRest(run, second, question3, 2);
    await expectRecommendationForAllAnswers(summary, caseName);
  });
});

/** Polls the platform's BullMQ queue until no job is left in it (or `timeoutMs` passed); returns the counts. */
async function drainedQueue(prefix: string, timeoutMs: number): Promise<Record<string, number>> {
  const queue = new Queue('reminders-slack', { connection: { url: TEST_REDIS_URL }, prefix: `${prefix}:bull` });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed');
      if (Object.values(counts).every((n) => n === 0) || Date.now() > deadline) return counts;
      await sleep(200);
    }
  } finally {
    await queue.close();
  }
}

/**
 * A server behind a holding proxy, and a reminder set in `channel` that falls due in 3 s; `deliveries` are the
 * posts of that reminder (they mention the owner, the confirmation of setting it does not).
 */
async function reminderSet(channel: string) {
  const { api, prefix } = await deployment(`reminder-${channel}`);
  const proxy = await startHoldingProxy(api);
  const first = await startServer({ prefix, apiUrl: proxy.url });
  const token = `ringa-${randomUUID().slice(0, 8)}`;
  const isDelivery = (args: Record<string, unknown>) =>
    String(args.text ?? '').startsWith('<@U1>') && JSON.stringify(args).includes(token);
  const deliveries = () => api.callsTo('chat.postMessage').filter((c) => isDelivery(c.args));
  const set = mentionEvent({ channel, text: `<@UBOT> påminn mig in 3 seconds att ${token}` });
  expect((await postEvent(first.eventsUrl, set)).status).toBe(200);
  return { api, prefix, proxy, channel, first, token, isDelivery, deliveries, set };
}

describe('a reminder when the process is killed while delivering it', () => {
  /*
   * What the system guarantees, and so what this asserts: a post the killed process had not got through to Slack
   * is sent once, by the next process. Only after the killed delivery's send lease (REMINDER_LEASE_SECONDS, 90 s by
   * default, LEASE_SECONDS here) has run out, though: before that nobody can tell a dead process from a slow one,
   * and taking over early could duplicate.
   *
   * If Slack HAD posted the message and the process died before reading the answer, the next process finds it by
   * its metadata instead of posting it again: the next test.
   */
  it('is sent once, by the next process, after the killed delivery’s lease has run out', async () => {
    const { api, prefix, proxy, channel, first, token, isDelivery, deliveries, set } = await reminderSet('C8');
    const confirmation = await waitUntil(
      'the confirmation',
      () => api.callsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes(token)),
      10_000,
    );
    expect(isDelivery(confirmation.args)).toBe(false);

    // It falls due; its chat.postMessage reaches "Slack" and hangs there; the process dies waiting for it.
    proxy.holdNext('chat.postMessage', isDelivery);
    await waitUntil('the delivery to start', () => proxy.held[0], 15_000);
    await first.kill();
    await waitUntil('the held call to be abandoned', () => (proxy.held[0]?.abandoned ? true : undefined), 5_000);
    expect(deliveries()).toHaveLength(0);

    const second = await startServer({ prefix, apiUrl: proxy.url });
    const delivered = await waitUntil('the delivery by the new process', () => deliveries()[0], 60_000);
    expect(delivered.args).toMatchObject({ channel, thread_ts: set.event.ts });
    expect(textOf(delivered.args)).toContain(token);

    // Exactly once: the occurrence's job is done and gone, so nothing can send it again, and nothing else did.
    expect(await drainedQueue(prefix, 10_000)).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
      prioritized: 0,
      failed: 0,
    });
    expect(deliveries()).toHaveLength(1);
    expect(proxy.held).toHaveLength(1);
    expect(second.output()).not.toMatch(/reminder delivery failed/);
  }, 120_000);
});

describe('a reminder Slack had posted when the process was killed', () => {
  it('is not posted again: the next process finds it in the thread by its metadata and records it', async () => {
    const { api, prefix, proxy, first, isDelivery, deliveries, set } = await reminderSet('C10');
    // Slack posts it (the stand-in has it) but the answer never gets back: the process dies waiting.
    proxy.holdNext('chat.postMessage', isDelivery, { delivered: true });
    await waitUntil('the delivery to reach Slack', () => deliveries()[0], 15_000);
    await first.kill();

    const second = await startServer({ prefix, apiUrl: proxy.url });
    await waitUntil(
      'the next process to look for it',
      () => api.callsTo('conversations.replies').find((c) => c.args.ts === set.event.ts),
      60_000,
    );
    await waitUntil(
      'it to be recorded',
      () => (/reminder had arrived; recorded/.test(second.output()) ? true : undefined),
      10_000,
    );
    expect(await drainedQueue(prefix, 10_000)).toMatchObject({ waiting: 0, delayed: 0, active: 0, failed: 0 });
    expect(deliveries()).toHaveLength(1);
    expect(deliveries()[0]?.args.metadata).toMatchObject({ event_type: 'iop_delivery' });
  }, 120_000);
});

describe('a graceful stop (SIGTERM)', () => {
  it('answers /readyz 503 "shutting down" while draining, still serves, then exits 0', async () => {
    const { api, prefix } = await deployment('drain');
    const server = await startServer({ prefix, apiUrl: api.url, extra: { SHUTDOWN_DRAIN_SECONDS: '2' } });
    const stopped = server.terminate();
    let seen: { status: number; body: { status: string } } | undefined;
    const deadline = Date.now() + 1_500;
    while (!seen && Date.now() < deadline) {
      const response = await fetch(`${server.baseUrl}/readyz`).catch(() => undefined);
      const body = response ? ((await response.json()) as { status: string }) : undefined;
      if (response && body?.status === 'shutting down') seen = { status: response.status, body };
      else await sleep(50);
    }
    expect(seen?.status).toBe(503);
    // Still serving while draining: a Slack event in flight from the load balancer is answered.
    const event = mentionEvent({ channel: 'C9', text: '<@UBOT> hej' });
    expect((await postEvent(server.eventsUrl, event)).status).toBe(200);
    expect(await stopped).toBe(0);
    expect(server.output()).toMatch(/draining/);
  }, 30_000);
});
