// Slack adapter throughput: signed app_mention events POSTed to /slack/events of the real app (`iop-bot`, run as a
// child process like in production: real bot, real Redis), 32 in flight, timed from the POST to the reply reaching
// the local Web API stand-in (chat.postMessage). Beside it, in the same run, a bare Bolt app that only posts a fixed
// reply (bench/slack-bare-app.ts). The load generator and the stand-in share this process; each app has its own.
// Last, a fresh app process takes 10,000 events at 64 in flight, and its RSS is read before and after.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/infra/knowledge/knowledge-loader.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../test/support/redis.ts';
import { postEvent, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/support/slack-requests.ts';
import { startSlackWebApi } from '../test/support/slack-web-api.ts';
import { mentionEvent } from '../test/slack/fixtures.ts';
import { compareInRounds, type Result } from './alternating-rounds.ts';
import { cpuMsOf, freePort, rssMiBOf, startChild, stop } from './child-process.ts';
import { benchQuestions } from './questions.ts';
import { latencyFigure, type SummaryRow } from './summary.ts';

const CONCURRENCY = 32;
const USERS = 200;
const CHANNELS = 50;
const ROUNDS = 4;
const PER_ROUND = 500;
const WARM_UP = 2000;
const MEMORY_EVENTS = 10_000;
const MEMORY_CONCURRENCY = 64;
const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge', import.meta.url));

export default async function run(): Promise<SummaryRow[]> {
  const api = await startSlackWebApi();
  api.record = false;
  // Every event is a mention in a thread of its own: the first chat.postMessage into that thread is its answer.
  const arrived = new Map<string, (at: number) => void>();
  const methodCounts = new Map<string, number>();
  api.onCall = (call) => {
    methodCounts.set(call.method, (methodCounts.get(call.method) ?? 0) + 1);
    if (call.method !== 'chat.postMessage') return;
    const thread = String(call.args.thread_ts);
    arrived.get(thread)?.(call.at);
    arrived.delete(thread);
  };

  let sequence = 0;
  /** A fixed text, or one per event (numbered from 0 within the round). */
  type Text = string | ((n: number) => string);
  async function send(url: string, text: string): Promise<number> {
    const n = ++sequence;
    const event = mentionEvent({
      text,
      ts: `1700000000.${String(n).padStart(6, '0')}`,
      channel: `CB${n % CHANNELS}`,
      user: `UB${n % USERS}`,
    });
    const reply = new Promise<number>((resolve) => arrived.set(event.event.ts, resolve));
    const started = performance.now();
    // A keep-alive socket the server closed just as it was reused fails the POST; Slack would redeliver, so do we.
    const response = await postEvent(url, event).catch(() => postEvent(url, event, { retryNum: 1 }));
    if (response.status !== 200) throw new Error(`POST /slack/events answered ${response.status}`);
    return (await reply) - started;
  }

  /** Sends `count` events, CONCURRENCY in flight; returns the latencies and the wall-clock time taken. */
  async function round(
    url: string,
    count: number,
    text: Text,
    concurrency = CONCURRENCY,
  ): Promise<{ latencies: number[]; seconds: number }> {
    let next = 0;
    const latencies: number[] = [];
    const worker = async () => {
      while (next < count) {
        const n = next++;
        latencies.push(await send(url, typeof text === 'string' ? text : text(n)));
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { latencies, seconds: (performance.now() - started) / 1000 };
  }

  /** The apps in alternating rounds (alternating-rounds.ts), `concurrency` mentions in flight. */
  const compare = (
    apps: Array<{ url: string; text: Text; pid?: number }>,
    rounds: number,
    perRound: number,
    concurrency = CONCURRENCY,
  ): Promise<Result[]> =>
    compareInRounds(apps, rounds, perRound, (app, count) => round(app.url, count, app.text, concurrency));

  const line = (name: string, r: Result) =>
    console.log(
      `${name.padEnd(36)} ${r.perSecond.toFixed(0).padStart(6)} events/s  p50 ${r.p50.toFixed(1).padStart(5)} ms` +
        `  p99 ${r.p99.toFixed(1).padStart(5)} ms  max ${r.max.toFixed(1).padStart(5)} ms` +
        `  CPU/event: app ${r.appCpuMs.toFixed(2)} ms, load generator + stand-in ${r.benchCpuMs.toFixed(2)} ms`,
    );

  const prefix = uniquePrefix('bench-slack');
  const iopPort = await freePort();
  const barePort = await freePort();
  const children: ChildProcess[] = [];
  // If this process dies mid-run, take the apps down with it.
  const killChildren = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('exit', killChildren);
  try {
    const iopEnv = (port: number) => ({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: api.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
    });
    const iop = await startChild(['bin/iop-bot.js'], iopEnv(iopPort), /IOP-assistenten is serving/);
    children.push(iop);
    const bare = await startChild(
      ['--import', 'tsx', 'bench/slack-bare-app.ts', TEST_BOT_TOKEN, TEST_SIGNING_SECRET, api.url, String(barePort)],
      {},
      /READY/,
    );
    children.push(bare);
    const iopUrl = `http://127.0.0.1:${iopPort}/slack/events`;
    const bareUrl = `http://127.0.0.1:${barePort}/slack/events`;

    console.log(
      `concurrency ${CONCURRENCY}, ${USERS} users in ${CHANNELS} channels, real Redis (${TEST_REDIS_URL}), Web API stand-in on loopback`,
    );
    // Warm-up: every user once (users.info is then cached), then enough events for the JIT to settle in both apps
    // (a short warm-up left the bare app's first round far slower than its later ones).
    await round(iopUrl, USERS, '<@UBOT> hej');
    await round(bareUrl, USERS, '<@UBOT> hej');
    await round(iopUrl, WARM_UP, '<@UBOT> Vad är IOP?');
    await round(bareUrl, WARM_UP, '<@UBOT> hej');
    const [bareGreeting, greeting] = await compare(
      [
        { url: bareUrl, pid: bare.pid, text: '<@UBOT> hej' },
        { url: iopUrl, pid: iop.pid, text: '<@UBOT> hej' },
      ],
      ROUNDS,
      PER_ROUND,
    );
    const [bareQuestion, question] = await compare(
      [
        { url: bareUrl, pid: bare.pid, text: '<@UBOT> Vad är IOP?' },
        { url: iopUrl, pid: iop.pid, text: '<@UBOT> Vad är IOP?' },
      ],
      2,
      PER_ROUND / 2,
    );
    // Questions that differ (knowledge headings typed with typos): each answer is searched and composed anew,
    // where a repeated question above is answered from the answer cache.
    const { documents } = await loadKnowledge(KNOWLEDGE_DIR);
    const varied = [1, 2, 3].flatMap((seed) => benchQuestions(documents, seed));
    let asked = 0;
    const nextQuestion = () => `<@UBOT> ${varied[asked++ % varied.length]}`;
    const [bareVaried, variedQuestions] = await compare(
      [
        { url: bareUrl, pid: bare.pid, text: nextQuestion },
        { url: iopUrl, pid: iop.pid, text: nextQuestion },
      ],
      2,
      PER_ROUND / 2,
    );
    // One at a time: the latency of the path itself, without queueing behind 31 others.
    const [bareAlone, greetingAlone] = await compare(
      [
        { url: bareUrl, pid: bare.pid, text: '<@UBOT> hej' },
        { url: iopUrl, pid: iop.pid, text: '<@UBOT> hej' },
      ],
      2,
      100,
      1,
    );
    line('bare Bolt app (fixed reply)', bareGreeting!);
    line('IOP-assistenten, greeting', greeting!);
    line('bare Bolt app (fixed reply), again', bareQuestion!);
    line('IOP-assistenten, question (repeated)', question!);
    line('bare Bolt app (fixed reply), third', bareVaried!);
    line('IOP-assistenten, questions (all differ)', variedQuestions!);
    line('bare Bolt app, one at a time', bareAlone!);
    line('IOP-assistenten, greeting, one at a time', greetingAlone!);
    console.log(
      `ratio IOP-assistenten / bare Bolt (events/s): greeting ${(greeting!.perSecond / bareGreeting!.perSecond).toFixed(2)}, ` +
        `question ${(question!.perSecond / bareQuestion!.perSecond).toFixed(2)}, ` +
        `varied questions ${(variedQuestions!.perSecond / bareVaried!.perSecond).toFixed(2)}  ` +
        '(targets: greeting and repeated question ≥ 0.80, varied ≥ 0.60, p99 ≤ 100 ms)',
    );
    // Memory under sustained load: a fresh process, so the figure is exactly "after 10,000 events". Questions
    // that differ, so answers are searched and composed anew and the answer cache turns over.
    const memoryPort = await freePort();
    const spawned = performance.now();
    const fresh = await startChild(['bin/iop-bot.js'], iopEnv(memoryPort), /IOP-assistenten is serving/);
    const startupMs = performance.now() - spawned;
    children.push(fresh);
    console.log(`start-up, spawn to "serving" (Node ${process.versions.node}): ${startupMs.toFixed(0)} ms`);
    const memoryUrl = `http://127.0.0.1:${memoryPort}/slack/events`;
    const [rssAtStart, cpuAtStart] = [rssMiBOf(fresh.pid), cpuMsOf(fresh.pid)];
    const load = await round(memoryUrl, MEMORY_EVENTS, nextQuestion, MEMORY_CONCURRENCY);
    const [rssAfter, cpuPerEvent] = [rssMiBOf(fresh.pid), (cpuMsOf(fresh.pid) - cpuAtStart) / MEMORY_EVENTS];
    await stop(fresh);
    const memory =
      `${rssAfter.toFixed(0)} MiB (${rssAtStart.toFixed(0)} MiB at start; ` +
      `${(MEMORY_EVENTS / load.seconds).toFixed(0)} events/s, app CPU ${cpuPerEvent.toFixed(2)} ms/event)`;
    console.log(
      `RSS after ${MEMORY_EVENTS.toLocaleString('en')} events, ${MEMORY_CONCURRENCY} in flight: ${memory}  (target ≤ 250 MiB)`,
    );
    if (process.env.BENCH_DEBUG) console.log(methodCounts, sequence);
    const ratio = (a: Result, b: Result) => `${(a.perSecond / b.perSecond).toFixed(2)} of bare Bolt`;
    return [
      [
        'Slack',
        'mention → reply, greeting, 32 in flight',
        `${latencyFigure(greeting!)}; ${ratio(greeting!, bareGreeting!)}`,
      ],
      [
        'Slack',
        'mention → reply, repeated question, 32 in flight',
        `${latencyFigure(question!)}; ${ratio(question!, bareQuestion!)}`,
      ],
      [
        'Slack',
        'mention → reply, questions that all differ',
        `${latencyFigure(variedQuestions!)}; ${ratio(variedQuestions!, bareVaried!)}`,
      ],
      ['Slack', `RSS after ${MEMORY_EVENTS.toLocaleString('en')} events, ${MEMORY_CONCURRENCY} in flight`, memory],
      ['Slack', `start-up to serving (Node ${process.versions.node})`, `${startupMs.toFixed(0)} ms`],
    ];
  } finally {
    process.off('exit', killChildren);
    for (const child of children) await stop(child);
    await api.close();
    await testRedis(prefix).cleanup();
  }
}
