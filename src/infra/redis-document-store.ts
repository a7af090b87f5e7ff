import type { StateStore } from './state-store.ts';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { IopError } from '../core/errors.ts';
import type { Collection } from '../core/ports/document-store.ts';
import type { CorruptDocument } from './corrupt-document.ts';
import { decodeDocument, encodeDocument } from './stored-document.ts';

/**
 * Compare-and-set on a hash {rev, doc}: writes only when the revision is still the one the caller read, so two
 * turns racing on one conversation never lose an update. Runs server-side, so it is safe on a shared connection
 * (WATCH/MULTI would need one connection per writer). An expected revision of `*` writes unconditionally (put).
 */
const CAS_SCRIPT = `
local cur = redis.call('HGET', KEYS[1], 'rev')
if ARGV[1] ~= '*' and (cur or '') ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) return 1 end
redis.call('HSET', KEYS[1], 'rev', ARGV[3], 'doc', ARGV[2])
if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
return 1`;

/**
 * SET NX PX on the claim (KEYS[1]); only when that wins, INCR the window counter (KEYS[2]) with an expiry set on
 * its first hit (a fixed window). -1: already claimed, nothing counted.
 */
const CLAIM_AND_COUNT_SCRIPT = `
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return -1 end
local n = redis.call('INCR', KEYS[2])
if n == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return n`;

/**
 * HMGET rev doc of every key in KEYS, as one command: a turn reads half a dozen documents at once (its admission),
 * and each command costs the client and the server more than the read itself. A key holding another type gives 0
 * in its place (the caller resets it) instead of failing the others.
 */
const READ_MANY_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local ok, values = pcall(redis.call, 'HMGET', key, 'rev', 'doc')
  if ok then out[i] = values else out[i] = 0 end
end
return out`;

/** What one read of a document's hash gives: [rev, doc] (each null when absent), or WRONG_TYPE. */
type RawRead = [string | null, string | null] | typeof WRONG_TYPE;
const WRONG_TYPE = 'wrong-type';

const MAX_CAS_ATTEMPTS = 50;
// Revisions this store last saw, kept for this many documents (a few MB at most).
const MAX_KNOWN_REVISIONS = 5_000;

interface ScriptedRedis extends Redis {
  iopReadMany(keyCount: number, ...keys: string[]): Promise<Array<[string | null, string | null] | 0>>;
  iopCas(key: string, expectedRev: string, doc: string, nextRev: string, ttlMs: string): Promise<number>;
  iopClaimAndCount(claimKey: string, counterKey: string, claimTtlMs: string, windowMs: string): Promise<number>;
}

interface PendingRead {
  key: string;
  resolve: (values: RawRead) => void;
  reject: (cause: Error) => void;
}

export interface RedisDocumentStoreOptions {
  /** Namespace for every key, e.g. `iop` in production and a unique prefix per test. */
  prefix: string;
  onCorrupt?: (corrupt: CorruptDocument) => void;
}

/**
 * DocumentStore on Redis: hashes with revisions for documents, SET NX PX for claims, sets for indexes.
 *
 * Round trips matter more than commands here (every turn waits for them), so `update` starts from the revision
 * this store last read or wrote for the document, when it has one, and goes straight to the compare-and-set:
 * if another instance wrote in between, the revision differs, the write is refused and the loop reads afresh.
 * Revisions are unique tokens, not counters, so a document deleted (or expired) and written again can never
 * show an old revision and let a stale write through.
 */
export class RedisDocumentStore implements StateStore {
  private readonly redis: ScriptedRedis;
  /** Per document key: the revision last seen and its encoded document (`null`: it did not exist). */
  private readonly known = new Map<string, { rev: string; raw: string | null }>();
  private readonly revisionPrefix = randomBytes(6).toString('base64url');
  private revisionCounter = 0;
  /** Reads waiting for the end of this tick, to go out together. */
  private batch: PendingRead[] | undefined;

  constructor(
    redis: Redis,
    private readonly options: RedisDocumentStoreOptions,
  ) {
    if (!('iopCas' in redis)) {
      redis.defineCommand('iopCas', { numberOfKeys: 1, lua: CAS_SCRIPT });
      redis.defineCommand('iopClaimAndCount', { numberOfKeys: 2, lua: CLAIM_AND_COUNT_SCRIPT });
      // No fixed number of keys: the first argument says how many follow.
      redis.defineCommand('iopReadMany', { lua: READ_MANY_SCRIPT });
    }
    this.redis = redis as ScriptedRedis;
  }

  private key(...parts: string[]): string {
    return [this.options.prefix, ...parts].join(':');
  }

  private async call<R>(what: string, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (cause) {
      if (cause instanceof IopError) throw cause;
      throw new IopError('store_unavailable', `Redis ${what} failed: ${(cause as Error).message}`, { cause });
    }
  }

  /**
   * Reads {rev, doc}; data that cannot be trusted is reported, deleted, and treated as absent. Deleting it is what
   * makes the report a one-off: left in place, every later read would report it again.
   */
  private async read<T>(collection: Collection<T>, id: string): Promise<{ rev: string; data: T | null }> {
    const key = this.key('doc', collection.name, id);
    const values = await this.readRaw(key);
    if (values === WRONG_TYPE) {
      this.options.onCorrupt?.({ collection: collection.name, id, reason: 'wrong Redis type' });
      await this.redis.del(key);
      return { rev: '', data: null };
    }
    const [rev, raw] = values;
    if (rev === null || raw === null) {
      // Absent: remembered too, so creating it next costs one compare-and-set against the empty revision.
      if (rev === null) this.remember(key, '', null);
      return { rev: rev ?? '', data: null };
    }
    const decoded = decodeDocument(collection, id, raw);
    if (decoded.ok) {
      this.remember(key, rev, raw);
      return { rev, data: decoded.data };
    }
    this.options.onCorrupt?.(decoded.corrupt);
    // Only the revision that was read: a valid document written in between by another instance is kept.
    const reset = await this.redis.iopCas(key, rev, '', this.nextRevision(), '0');
    if (reset !== 1) return { rev, data: null };
    this.remember(key, '', null);
    return { rev: '', data: null };
  }

  /**
   * Reads one document's hash. Reads asked for in the same tick (a turn's admission asks for several at once) go
   * out as one command; a lone read stays a plain HMGET.
   */
  private readRaw(key: string): Promise<RawRead> {
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        this.batch = [];
        queueMicrotask(() => this.flushReads());
      }
      this.batch.push({ key, resolve, reject });
    });
  }

  private flushReads(): void {
    const batch = this.batch ?? [];
    this.batch = undefined;
    try {
      this.sendReads(batch);
    } catch (cause) {
      for (const read of batch) read.reject(cause as Error);
    }
  }

  private sendReads(batch: PendingRead[]): void {
    if (batch.length === 1) {
      const [read] = batch as [PendingRead];
      this.redis.hmget(read.key, 'rev', 'doc').then(
        (values) => read.resolve([values[0] ?? null, values[1] ?? null]),
        (cause: Error) => {
          if (String(cause.message).includes('WRONGTYPE')) read.resolve(WRONG_TYPE);
          else read.reject(cause);
        },
      );
      return;
    }
    const keys = batch.map((read) => read.key);
    this.redis.iopReadMany(keys.length, ...keys).then(
      (results) => {
        batch.forEach((read, i) => {
          const values = results[i];
          read.resolve(Array.isArray(values) ? [values[0] ?? null, values[1] ?? null] : WRONG_TYPE);
        });
      },
      (cause: Error) => {
        for (const read of batch) read.reject(cause);
      },
    );
  }

  /** The last revision seen for a document, as a first guess for the next update; undefined when unknown. */
  private guess<T>(collection: Collection<T>, id: string, key: string): { rev: string; data: T | null } | undefined {
    const seen = this.known.get(key);
    if (!seen) return undefined;
    if (seen.raw === null) return { rev: seen.rev, data: null };
    const decoded = decodeDocument(collection, id, seen.raw);
    return decoded.ok ? { rev: seen.rev, data: decoded.data } : undefined;
  }

  private remember(key: string, rev: string, raw: string | null): void {
    this.known.delete(key);
    if (this.known.size >= MAX_KNOWN_REVISIONS) this.known.delete(this.known.keys().next().value as string);
    this.known.set(key, { rev, raw });
  }

  private nextRevision(): string {
    return `${this.revisionPrefix}.${(++this.revisionCounter).toString(36)}`;
  }

  load<T>(collection: Collection<T>, id: string): Promise<T | null> {
    return this.call('load', async () => (await this.read(collection, id)).data);
  }

  update<T>(collection: Collection<T>, id: string, mutate: (current: T | null) => T | null): Promise<T | null> {
    return this.call('update', async () => {
      const key = this.key('doc', collection.name, id);
      let guess = this.guess(collection, id, key);
      for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        const { rev, data } = guess ?? (await this.read(collection, id));
        guess = undefined;
        const next = mutate(data);
        if (await this.write(collection, key, rev, next)) return next;
        this.known.delete(key);
      }
      throw new IopError('store_conflict', `Too much contention on ${collection.name}/${id}`);
    });
  }

  put<T>(collection: Collection<T>, id: string, value: T): Promise<void> {
    return this.call('put', async () => {
      await this.write(collection, this.key('doc', collection.name, id), '*', value);
    });
  }

  /** Compare-and-set (`*`: unconditional); remembers what it wrote. */
  private async write<T>(
    collection: Collection<T>,
    key: string,
    expectedRev: string,
    next: T | null,
  ): Promise<boolean> {
    const doc = next === null ? '' : encodeDocument(collection, next);
    const nextRev = this.nextRevision();
    const written = await this.redis.iopCas(key, expectedRev, doc, nextRev, String(collection.ttlMs ?? 0));
    if (written !== 1) return false;
    if (next === null) this.known.delete(key);
    else this.remember(key, nextRev, doc);
    return true;
  }

  delete(collection: Collection<unknown>, id: string): Promise<void> {
    return this.call('delete', async () => {
      const key = this.key('doc', collection.name, id);
      this.known.delete(key);
      await this.redis.del(key);
    });
  }

  claimOnce(scope: string, id: string, ttlMs: number): Promise<boolean> {
    return this.call('claim', async () => {
      const result = await this.redis.set(this.key('claim', scope, id), '1', 'PX', ttlMs, 'NX');
      return result === 'OK';
    });
  }

  releaseClaim(scope: string, id: string): Promise<void> {
    return this.call('release', async () => {
      await this.redis.del(this.key('claim', scope, id));
    });
  }

  indexAdd(index: string, member: string, ttlMs?: number): Promise<void> {
    return this.call('indexAdd', async () => {
      const key = this.key('index', index);
      const pipeline = this.redis.multi().sadd(key, member);
      if (ttlMs) pipeline.pexpire(key, ttlMs);
      await pipeline.exec();
    });
  }

  indexRemove(index: string, member: string): Promise<void> {
    return this.call('indexRemove', async () => {
      await this.redis.srem(this.key('index', index), member);
    });
  }

  indexMembers(index: string): Promise<string[]> {
    return this.call('indexMembers', async () => (await this.redis.smembers(this.key('index', index))).sort());
  }

  claimAndCount(
    scope: string,
    id: string,
    ttlMs: number,
    window: { counter: string; windowMs: number },
  ): Promise<{ claimed: false } | { claimed: true; count: number }> {
    return this.call('claimAndCount', async () => {
      const count = await this.redis.iopClaimAndCount(
        this.key('claim', scope, id),
        this.key('window', window.counter),
        String(ttlMs),
        String(window.windowMs),
      );
      return count < 0 ? { claimed: false } : { claimed: true, count };
    });
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
}
