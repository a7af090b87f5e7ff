import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Collection } from '../../src/core/ports/document-store.ts';
import type { StateStore } from '../../src/infra/state-store.ts';
import type { CorruptDocument } from '../../src/infra/corrupt-document.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { RedisDocumentStore } from '../../src/infra/redis-document-store.ts';
import { FakeClock } from '../support/clock.ts';
import { testRedis, uniquePrefix } from '../support/redis.ts';

const counterSchema = z.object({ count: z.number().int(), by: z.array(z.string()) });
const COUNTERS: Collection<z.infer<typeof counterSchema>> = { name: 'counter', version: 2, schema: counterSchema };
const SHORT_LIVED: Collection<z.infer<typeof counterSchema>> = { ...COUNTERS, name: 'short', ttlMs: 60 };

interface Harness {
  store: StateStore;
  corrupt: CorruptDocument[];
  /** Writes raw bytes under a document key, as a broken or older deployment might have. */
  plant(collection: string, id: string, raw: string): Promise<void>;
  /** Lets time pass for TTLs (real time for Redis, the fake clock in memory). */
  elapse(ms: number): Promise<void>;
  /** Another instance over the same data, as a second bot process behind a load balancer would have. */
  sibling(): StateStore;
}

const redisPrefix = uniquePrefix('store');
const redisConn = testRedis(redisPrefix);
afterAll(() => redisConn.cleanup());

const implementations: Array<[string, () => Harness]> = [
  [
    'memory',
    () => {
      const clock = new FakeClock();
      const corrupt: CorruptDocument[] = [];
      const store = new MemoryDocumentStore(clock, (c) => corrupt.push(c));
      return {
        store,
        corrupt,
        plant: async (collection, id, raw) => store.putRaw(collection, id, raw),
        elapse: async (ms) => clock.advance(ms),
        sibling: () => store,
      };
    },
  ],
  [
    'redis',
    () => {
      const corrupt: CorruptDocument[] = [];
      const prefix = `${redisPrefix}:${Math.random().toString(36).slice(2, 8)}`;
      const store = new RedisDocumentStore(redisConn.redis, { prefix, onCorrupt: (c) => corrupt.push(c) });
      return {
        store,
        corrupt,
        plant: async (collection, id, raw) => {
          await redisConn.redis.hset(`${prefix}:doc:${collection}:${id}`, 'rev', '7', 'doc', raw);
        },
        elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms + 20)),
        sibling: () => new RedisDocumentStore(redisConn.redis, { prefix }),
      };
    },
  ],
];

describe.each(implementations)('DocumentStore contract (%s)', (_name, makeHarness) => {
  it('returns null for a document never written', async () => {
    const { store } = makeHarness();
    expect(await store.load(COUNTERS, 'nothing')).toBeNull();
  });

  it('reads back what was written, and deletes when the update returns null', async () => {
    const { store } = makeHarness();
    await store.update(COUNTERS, 'a', () => ({ count: 1, by: ['x'] }));
    expect(await store.load(COUNTERS, 'a')).toEqual({ count: 1, by: ['x'] });
    await store.update(COUNTERS, 'a', () => null);
    expect(await store.load(COUNTERS, 'a')).toBeNull();
  });

  it('loses no update when many turns race on one document', async () => {
    const { store } = makeHarness();
    const writers = Array.from({ length: 25 }, (_, i) => `w${i}`);
    await Promise.all(
      writers.map((w) =>
        store.update(COUNTERS, 'race', (cur) => ({ count: (cur?.count ?? 0) + 1, by: [...(cur?.by ?? []), w] })),
      ),
    );
    const final = await store.load(COUNTERS, 'race');
    expect(final?.count).toBe(25);
    expect([...(final?.by ?? [])].sort()).toEqual([...writers].sort());
  });

  it('loses no update made by another instance after this one last read the document', async () => {
    const { store, sibling } = makeHarness();
    const other = sibling();
    const add = (w: string) => (cur: { count: number; by: string[] } | null) => ({
      count: (cur?.count ?? 0) + 1,
      by: [...(cur?.by ?? []), w],
    });
    await store.update(COUNTERS, 'shared', add('a1'));
    await store.load(COUNTERS, 'shared');
    await other.update(COUNTERS, 'shared', add('b1'));
    await store.update(COUNTERS, 'shared', add('a2'));
    expect(await other.load(COUNTERS, 'shared')).toEqual({ count: 3, by: ['a1', 'b1', 'a2'] });
  });

  it('never writes over a document that was deleted and written again elsewhere since it was read', async () => {
    const { store, sibling } = makeHarness();
    const other = sibling();
    await store.update(COUNTERS, 'reborn', () => ({ count: 1, by: ['old'] }));
    await other.delete(COUNTERS, 'reborn');
    await other.update(COUNTERS, 'reborn', () => ({ count: 1, by: ['new'] }));
    await store.update(COUNTERS, 'reborn', (cur) => ({ count: (cur?.count ?? 0) + 1, by: [...(cur?.by ?? []), 'x'] }));
    expect(await other.load(COUNTERS, 'reborn')).toEqual({ count: 2, by: ['new', 'x'] });
  });

  it('puts a whole document without reading it, over whatever was there, with the collection ttl', async () => {
    const { store, elapse } = makeHarness();
    await store.put(COUNTERS, 'p', { count: 1, by: ['first'] });
    await store.put(COUNTERS, 'p', { count: 5, by: ['second'] });
    expect(await store.load(COUNTERS, 'p')).toEqual({ count: 5, by: ['second'] });
    await store.update(COUNTERS, 'p', (cur) => ({ count: (cur?.count ?? 0) + 1, by: cur?.by ?? [] }));
    expect(await store.load(COUNTERS, 'p')).toEqual({ count: 6, by: ['second'] });
    await store.put(SHORT_LIVED, 'p', { count: 1, by: [] });
    await elapse(100);
    expect(await store.load(SHORT_LIVED, 'p')).toBeNull();
  });

  it('claims a delivery id once, and again after release', async () => {
    const { store } = makeHarness();
    const results = await Promise.all([1, 2, 3].map(() => store.claimOnce('event', 'Ev1', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.claimOnce('event', 'Ev1', 60_000)).toBe(false);
    await store.releaseClaim('event', 'Ev1');
    expect(await store.claimOnce('event', 'Ev1', 60_000)).toBe(true);
  });

  it('lets a claim expire after its ttl', async () => {
    const { store, elapse } = makeHarness();
    expect(await store.claimOnce('event', 'short', 50)).toBe(true);
    await elapse(60);
    expect(await store.claimOnce('event', 'short', 50)).toBe(true);
  });

  it('forgets a document after its collection ttl', async () => {
    const { store, elapse } = makeHarness();
    await store.update(SHORT_LIVED, 'x', () => ({ count: 1, by: [] }));
    expect(await store.load(SHORT_LIVED, 'x')).not.toBeNull();
    await elapse(80);
    expect(await store.load(SHORT_LIVED, 'x')).toBeNull();
  });

  it('reports corrupt JSON once, resets it, and reads it as absent from then on', async () => {
    const { store, plant, corrupt, sibling } = makeHarness();
    await plant('counter', 'bad', '{not json');
    expect(await store.load(COUNTERS, 'bad')).toBeNull();
    expect(await store.load(COUNTERS, 'bad')).toBeNull();
    expect(await sibling().load(COUNTERS, 'bad')).toBeNull();
    expect(corrupt).toEqual([expect.objectContaining({ collection: 'counter', id: 'bad', reason: 'not JSON' })]);
    await store.update(COUNTERS, 'bad', (cur) => ({ count: (cur?.count ?? 0) + 1, by: [] }));
    expect(await store.load(COUNTERS, 'bad')).toEqual({ count: 1, by: [] });
    expect(corrupt).toHaveLength(1);
  });

  it('reports a corrupt document met by an update once, and writes over it', async () => {
    const { store, plant, corrupt } = makeHarness();
    await plant('counter', 'bad-update', '{not json');
    await store.update(COUNTERS, 'bad-update', (cur) => ({ count: (cur?.count ?? 0) + 1, by: [] }));
    await store.update(COUNTERS, 'bad-update', (cur) => ({ count: (cur?.count ?? 0) + 1, by: [] }));
    expect(await store.load(COUNTERS, 'bad-update')).toEqual({ count: 2, by: [] });
    expect(corrupt).toHaveLength(1);
  });

  it('treats an old-shaped document as corrupt, reports it once and starts afresh', async () => {
    const { store, plant, corrupt } = makeHarness();
    await plant('counter', 'old', JSON.stringify({ v: 1, data: { count: 'three' } }));
    expect(await store.load(COUNTERS, 'old')).toBeNull();
    expect(await store.load(COUNTERS, 'old')).toBeNull();
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]?.reason).toMatch(/version 1/);
    await plant('counter', 'shape', JSON.stringify({ v: 2, data: { count: 'three' } }));
    expect(await store.load(COUNTERS, 'shape')).toBeNull();
    expect(await store.load(COUNTERS, 'shape')).toBeNull();
    expect(corrupt).toHaveLength(2);
    expect(corrupt[1]?.reason).toMatch(/count/);
  });

  it('keeps index members as a set', async () => {
    const { store } = makeHarness();
    await store.indexAdd('user:u1:reminders', 'r2');
    await store.indexAdd('user:u1:reminders', 'r1');
    await store.indexAdd('user:u1:reminders', 'r1');
    expect(await store.indexMembers('user:u1:reminders')).toEqual(['r1', 'r2']);
    await store.indexRemove('user:u1:reminders', 'r1');
    expect(await store.indexMembers('user:u1:reminders')).toEqual(['r2']);
    expect(await store.indexMembers('nobody')).toEqual([]);
  });

  it('counts a delivery in its window only when it claims it, and starts over when the window has passed', async () => {
    const { store, elapse } = makeHarness();
    const window = { counter: 'turns:u1', windowMs: 50 };
    expect(await store.claimAndCount('turn', 'e1', 60_000, window)).toEqual({ claimed: true, count: 1 });
    expect(await store.claimAndCount('turn', 'e1', 60_000, window)).toEqual({ claimed: false });
    const racing = await Promise.all([1, 2, 3].map(() => store.claimAndCount('turn', 'e2', 60_000, window)));
    expect(racing.filter((r) => r.claimed)).toEqual([{ claimed: true, count: 2 }]);
    expect(await store.claimOnce('turn', 'e2', 60_000)).toBe(false);
    await elapse(60);
    expect(await store.claimAndCount('turn', 'e3', 60_000, window)).toEqual({ claimed: true, count: 1 });
    expect(await store.claimAndCount('turn', 'e1', 60_000, window)).toEqual({ claimed: false });
  });

  it('answers ping', async () => {
    expect(await makeHarness().store.ping()).toBe(true);
  });
});

describe('RedisDocumentStore reads', () => {
  function counting(store: () => Promise<unknown>) {
    const sent: string[] = [];
    const original = redisConn.redis.sendCommand;
    redisConn.redis.sendCommand = function (this: typeof redisConn.redis, ...args) {
      sent.push(args[0].name);
      return original.apply(this, args);
    };
    return store()
      .finally(() => {
        redisConn.redis.sendCommand = original;
      })
      .then((result) => ({ result, sent }));
  }

  it('sends the documents a turn reads at once as one command, each answered with its own', async () => {
    const prefix = `${redisPrefix}:batch`;
    const store = new RedisDocumentStore(redisConn.redis, { prefix });
    await store.update(COUNTERS, 'a', () => ({ count: 1, by: ['a'] }));
    await store.update(COUNTERS, 'b', () => ({ count: 2, by: ['b'] }));
    const reader = new RedisDocumentStore(redisConn.redis, { prefix });
    const { result, sent } = await counting(() =>
      Promise.all([reader.load(COUNTERS, 'a'), reader.load(COUNTERS, 'missing'), reader.load(COUNTERS, 'b')]),
    );
    expect(result).toEqual([{ count: 1, by: ['a'] }, null, { count: 2, by: ['b'] }]);
    expect(sent).toHaveLength(1);
    // A read on its own stays a plain HMGET.
    expect((await counting(() => reader.load(COUNTERS, 'a'))).sent).toEqual(['hmget']);
  });

  it('resets a key of another Redis type met among others, and still reads the others', async () => {
    const corrupt: CorruptDocument[] = [];
    const prefix = `${redisPrefix}:wrongtype`;
    const store = new RedisDocumentStore(redisConn.redis, { prefix, onCorrupt: (c) => corrupt.push(c) });
    await store.update(COUNTERS, 'fine', () => ({ count: 3, by: [] }));
    await redisConn.redis.set(`${prefix}:doc:counter:odd`, 'a string, not a hash');
    const [fine, odd] = await Promise.all([store.load(COUNTERS, 'fine'), store.load(COUNTERS, 'odd')]);
    expect(fine).toEqual({ count: 3, by: [] });
    expect(odd).toBeNull();
    expect(corrupt).toEqual([
      expect.objectContaining({ collection: 'counter', id: 'odd', reason: 'wrong Redis type' }),
    ]);
    expect(await redisConn.redis.exists(`${prefix}:doc:counter:odd`)).toBe(0);
    // Alone, the same.
    await redisConn.redis.set(`${prefix}:doc:counter:odd`, 'again');
    expect(await store.load(COUNTERS, 'odd')).toBeNull();
    expect(corrupt).toHaveLength(2);
  });
});
