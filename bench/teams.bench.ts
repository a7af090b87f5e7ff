// Teams adapter throughput: Activities POSTed to /api/messages on the real server (real bot, real Redis), 32 at a
// time, timed from the POST to the reply reaching the local Bot Connector stand-in. Each activity comes from its own
// personal chat, as from many users at once.
import { createTeamsAdapter } from '../src/adapters/teams/app.ts';
import { createHttpServer } from '../src/infra/http-server.ts';
import { createLogger } from '../src/infra/logger.ts';
import { createRuntime } from '../src/runtime.ts';
import { startBotConnector } from '../test/support/bot-connector.ts';
import { teamsTestConfig } from '../test/support/teams-config.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../test/support/redis.ts';
import { cardAction, personalMessage, TENANT_ID } from '../test/teams/fixtures.ts';
import { latencyFigure, type SummaryRow } from './summary.ts';

const CONCURRENCY = 32;
const WARM_UP = 64;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export default async function run(): Promise<SummaryRow[]> {
  const prefix = uniquePrefix('bench-teams');
  const connector = await startBotConnector();
  const config = teamsTestConfig(prefix);
  const logger = createLogger('silent');
  const runtime = await createRuntime(config, logger, { serving: true });
  const server = createHttpServer(() => undefined);
  const teams = createTeamsAdapter(runtime);
  teams.mount(server);
  const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/api/messages`;

  // The first reply into a conversation is the answer to the activity sent there.
  const arrived = new Map<string, (at: number) => void>();
  connector.onCall = (call) => {
    if (call.activity.type === 'typing') return;
    arrived.get(call.conversationId)?.(call.at);
    arrived.delete(call.conversationId);
  };

  type Activity = { conversation: unknown };
  async function send(activity: Activity): Promise<number> {
    const started = performance.now();
    const conversationId = (activity.conversation as { id: string }).id;
    const reply = new Promise<number>((resolve) => arrived.set(conversationId, resolve));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}`);
    return (await reply) - started;
  }

  const rows: SummaryRow[] = [];
  async function scenario(name: string, count: number, make: (i: number) => Activity) {
    let next = 0;
    const latencies: number[] = [];
    const worker = async () => {
      while (next < count) latencies.push(await send(make(next++)));
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(34)} ${String(count).padStart(5)} activities  ${(count / seconds).toFixed(0).padStart(5)} activities/s` +
        `  p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  max ${(latencies.at(-1) ?? 0).toFixed(1)} ms`,
    );
    const result = { perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
    if (name !== 'warm-up')
      rows.push(['Teams', `${name}, ${CONCURRENCY} in flight`, latencyFigure(result, 'activities/s')]);
  }

  const conversation = (run: string, i: number) => ({
    conversationType: 'personal',
    tenantId: TENANT_ID,
    id: `a:1${run}-${i}`,
  });
  const from = (i: number) => ({ id: `29:bench-${i}`, name: `Bench ${i}`, aadObjectId: `bench-${i}` });
  const message = (run: string, text: string) => (i: number) =>
    personalMessage(connector.serviceUrl, text, {
      id: `${run}-${i}`,
      conversation: conversation(run, i),
      from: from(i),
    });

  try {
    console.log(`concurrency ${CONCURRENCY}, real Redis (${TEST_REDIS_URL}), Bot Connector stand-in on localhost`);
    await scenario('warm-up', WARM_UP, message('warm', 'hej'));
    await scenario('greeting (message → card)', 2000, message('greet', 'hej'));
    await scenario('question (message → answer card)', 1000, message('ask', 'Vad är IOP?'));
    await scenario('button press (invoke → message)', 2000, (i) =>
      cardAction(connector.serviceUrl, {
        verb: 'say:text',
        value: '/iop hjälp',
        replyToId: '1',
        conversation: conversation('press', i),
        from: from(i),
      }),
    );
    return rows;
  } finally {
    await server.close();
    await teams.stop();
    await runtime.close();
    await connector.close();
    await testRedis(prefix).cleanup();
  }
}
