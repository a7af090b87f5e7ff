// Teams adapter throughput: Activities POSTed to /api/messages of the real app (`iop-bot` with TEAMS_LOCAL_NOAUTH,
// run as a child process: real bot, real Redis), 32 in flight, timed from the POST to the reply reaching the local
// Bot Connector stand-in. Each activity comes from its own personal chat, as from many users at once. Beside it, in
// the same run and in alternating rounds, a bare app on the same Teams SDK that only sends a fixed reply
// (bench/teams-bare-app.ts). The load generator and the stand-in share this process; each app has its own.
import type { ChildProcess } from 'node:child_process';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../test/support/redis.ts';
import { startBotConnector } from '../test/support/bot-connector.ts';
import { cardAction, personalMessage, TENANT_ID } from '../test/teams/fixtures.ts';
import { compareInRounds, type Result } from './alternating-rounds.ts';
import { freePort, rssMiBOf, startChild, stop } from './child-process.ts';
import { latencyFigure, type SummaryRow } from './summary.ts';

const CONCURRENCY = 32;
const WARM_UP = 1000;
const ROUNDS = 4;
const PER_ROUND = 500;

/** Builds the n-th activity of a run, in a conversation of its own. */
type Make = (conversationId: string, n: number) => Record<string, unknown>;

export default async function run(): Promise<SummaryRow[]> {
  const connector = await startBotConnector();
  // The first message into a conversation is the answer to the activity sent there (typing indicators aside).
  const arrived = new Map<string, (at: number) => void>();
  connector.onCall = (call) => {
    if (call.activity.type === 'typing') return;
    arrived.get(call.conversationId)?.(call.at);
    arrived.delete(call.conversationId);
  };

  let sequence = 0;
  async function send(url: string, make: Make): Promise<number> {
    const n = ++sequence;
    const conversationId = `a:1bench-${n}`;
    const activity = make(conversationId, n);
    const reply = new Promise<number>((resolve) => arrived.set(conversationId, resolve));
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}`);
    return (await reply) - started;
  }

  async function round(url: string, count: number, make: Make): Promise<{ latencies: number[]; seconds: number }> {
    let next = 0;
    const latencies: number[] = [];
    const worker = async () => {
      while (next++ < count) latencies.push(await send(url, make));
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    connector.reset(); // the stand-in keeps every call; nothing here reads them back
    return { latencies, seconds };
  }

  /** Both apps in alternating rounds (alternating-rounds.ts), each sent what `make` builds. */
  const compare = (apps: Array<{ url: string; pid?: number }>, make: Make, rounds: number, perRound: number) =>
    compareInRounds(apps, rounds, perRound, (app, count) => round(app.url, count, make));

  const line = (name: string, r: Result) =>
    console.log(
      `${name.padEnd(40)} ${r.perSecond.toFixed(0).padStart(5)} activities/s  p50 ${r.p50.toFixed(1).padStart(5)} ms` +
        `  p99 ${r.p99.toFixed(1).padStart(5)} ms  max ${r.max.toFixed(1).padStart(5)} ms` +
        `  CPU/activity: app ${r.appCpuMs.toFixed(2)} ms, load generator + stand-in ${r.benchCpuMs.toFixed(2)} ms`,
    );

  const conversation = (id: string) => ({ conversationType: 'personal', tenantId: TENANT_ID, id });
  const from = (n: number) => ({
    id: `29:bench-${n % 500}`,
    name: `Bench ${n % 500}`,
    aadObjectId: `bench-${n % 500}`,
  });
  const message =
    (text: string): Make =>
    (id, n) =>
      personalMessage(connector.serviceUrl, text, { id: `${n}`, conversation: conversation(id), from: from(n) });
  const press: Make = (id, n) =>
    cardAction(connector.serviceUrl, {
      verb: 'say:text',
      value: '/iop hjälp',
      replyToId: '1',
      conversation: conversation(id),
      from: from(n),
    });

  const prefix = uniquePrefix('bench-teams');
  const [iopPort, barePort] = [await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  // If this process dies mid-run, take the apps down with it.
  const killChildren = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('exit', killChildren);
  try {
    const spawned = performance.now();
    const iop = await startChild(
      ['bin/iop-bot.js'],
      {
        TEAMS_LOCAL_NOAUTH: '1',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        PORT: String(iopPort),
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'info',
      },
      /IOP-assistenten is serving/,
    );
    const startupMs = performance.now() - spawned;
    children.push(iop);
    const bare = await startChild(['--import', 'tsx', 'bench/teams-bare-app.ts', String(barePort)], {}, /READY/);
    children.push(bare);
    const [rssAtStart, bareRssAtStart] = [rssMiBOf(iop.pid), rssMiBOf(bare.pid)];
    const ours = { url: `http://127.0.0.1:${iopPort}/api/messages`, pid: iop.pid };
    const baseline = { url: `http://127.0.0.1:${barePort}/api/messages`, pid: bare.pid };

    console.log(
      `concurrency ${CONCURRENCY}, real Redis (${TEST_REDIS_URL}), Bot Connector stand-in on loopback; ` +
        `start-up of IOP-assistenten, spawn to "serving" (Node ${process.versions.node}): ${startupMs.toFixed(0)} ms`,
    );
    // Warm-up: enough activities of every kind for the JIT to settle in both apps.
    for (const make of [message('hej'), message('Vad är IOP?'), press]) {
      await round(ours.url, WARM_UP / 2, make);
      await round(baseline.url, WARM_UP / 2, make);
    }
    const [bareGreeting, greeting] = await compare([baseline, ours], message('hej'), ROUNDS, PER_ROUND);
    const [bareQuestion, question] = await compare([baseline, ours], message('Vad är IOP?'), ROUNDS, PER_ROUND);
    const [barePress, buttonPress] = await compare([baseline, ours], press, ROUNDS, PER_ROUND);
    const [rss, bareRss] = [rssMiBOf(iop.pid), rssMiBOf(bare.pid)];

    line('bare Teams SDK app (fixed reply)', bareGreeting!);
    line('IOP-assistenten, greeting (→ card)', greeting!);
    line('bare Teams SDK app (fixed reply), again', bareQuestion!);
    line('IOP-assistenten, question (→ answer card)', question!);
    line('bare Teams SDK app, card press (invoke)', barePress!);
    line('IOP-assistenten, button press (invoke)', buttonPress!);
    const ratio = (a: Result, b: Result) => (a.perSecond / b.perSecond).toFixed(2);
    console.log(
      `ratio IOP-assistenten / bare Teams SDK app (activities/s): greeting ${ratio(greeting!, bareGreeting!)}, ` +
        `question ${ratio(question!, bareQuestion!)}, button press ${ratio(buttonPress!, barePress!)}  ` +
        '(targets: ≥ 0.80, p99 ≤ 100 ms)',
    );
    const memory =
      `${rss.toFixed(0)} MiB (${rssAtStart.toFixed(0)} MiB at start; ` +
      `bare app ${bareRss.toFixed(0)} MiB, ${bareRssAtStart.toFixed(0)} MiB at start)`;
    console.log(`RSS after ${sequence.toLocaleString('en')} activities to both apps: ${memory}`);
    const figure = (a: Result, b: Result) =>
      `${latencyFigure(a, 'activities/s')}; ${ratio(a, b)} of bare Teams SDK; app CPU ${a.appCpuMs.toFixed(2)} ms/activity`;
    return [
      ['Teams', `greeting (message → card), ${CONCURRENCY} in flight`, figure(greeting!, bareGreeting!)],
      ['Teams', `question (message → answer card), ${CONCURRENCY} in flight`, figure(question!, bareQuestion!)],
      ['Teams', `button press (invoke → message), ${CONCURRENCY} in flight`, figure(buttonPress!, barePress!)],
      ['Teams', 'RSS after load', memory],
      ['Teams', `start-up to serving (Node ${process.versions.node})`, `${startupMs.toFixed(0)} ms`],
    ];
  } finally {
    process.off('exit', killChildren);
    for (const child of children) await stop(child);
    await connector.close();
    await testRedis(prefix).cleanup();
  }
}
