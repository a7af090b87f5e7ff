import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Turn } from '../../src/core/model.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';
import { countRoundTrips, type RoundTripCounter } from '../support/round-trips.ts';

// Every turn waits for each round trip to Redis in turn; the production figure is at most three for a question
// (admission with everything the turn reads, the answer's writes, the conversation record) and two for a greeting.
const prefix = uniquePrefix('round-trips');
const cleanup = testRedis(prefix);
let counter: RoundTripCounter;
let runtime: Runtime;
let sequence = 0;

function turn(text: string, thread: string, user = 'slack:T1:U1'): Turn {
  return {
    id: `rt-${++sequence}`,
    conversation: { platform: 'slack', key: `slack:T1:C1:${thread}`, channelKey: 'slack:T1:C1', isPrivate: false },
    user: { id: user, name: 'Anna' },
    input: { kind: 'message', text },
  };
}

async function measure(t: Turn) {
  counter.reset();
  const replies = await runtime.bot.handleTurn(t);
  return { replies, ...counter.read() };
}

beforeAll(async () => {
  counter = countRoundTrips('iop-bot:state');
  const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '30' });
  runtime = await createRuntime(config, createLogger('silent'), { serving: true });
});

afterAll(async () => {
  counter.restore();
  await runtime.close();
  await cleanup.cleanup();
});

describe('Redis round trips per turn', () => {
  it('answers a question in a new thread in three round trips', async () => {
    const { replies, roundTrips } = await measure(turn('Vad skiljer IOP från föreningsbidrag?', 'a'));
    expect(replies.length).toBeGreaterThan(0);
    expect(roundTrips).toBeLessThanOrEqual(3);
  });

  it('answers a follow-up in the same thread in three round trips, using the thread', async () => {
    const { replies, roundTrips } = await measure(turn('och i Ekerö då?', 'a'));
    expect(JSON.stringify(replies)).toMatch(/Ekerö/);
    expect(roundTrips).toBeLessThanOrEqual(3);
  });

  it('answers a greeting in two round trips', async () => {
    const { roundTrips } = await measure(turn('hej', 'b'));
    expect(roundTrips).toBeLessThanOrEqual(2);
  });

  it('still takes the typed case name after "checklista" (the prompt is read with the admission)', async () => {
    // The interceptors' documents come from the prefetch; a pending case-name prompt must still be honoured.
    const started = await measure(turn('checklista', 'c', 'slack:T1:U2'));
    expect(JSON.stringify(started.replies)).toMatch(/heter|name/i);
    const named = await measure(turn('Läxhjälp med Röda korset', 'c', 'slack:T1:U2'));
    expect(JSON.stringify(named.replies)).toMatch(/Läxhjälp med Röda korset/);
  });
});
