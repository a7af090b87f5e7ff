import type { ZodType } from 'zod';

/**
 * A named kind of persisted document. `schema` validates what is read back (the store is a trust boundary);
 * `version` is written beside the data so an old shape is recognised and reset instead of misread.
 */
export interface Collection<T> {
  name: string;
  version: number;
  schema: ZodType<T>;
  /** Lifetime after the last write; omitted means the owner deletes it. */
  ttlMs?: number;
}

/**
 * The state port (design.md: ConversationStore): documents by collection and id, claim-once for de-duplication,
 * and small sets used as indexes (e.g. a user's reminders). Implemented by Redis and in memory.
 */
export interface DocumentStore {
  load<T>(collection: Collection<T>, id: string): Promise<T | null>;
  /**
   * Read-modify-write without lost updates: `mutate` may run more than once when another writer got there first,
   * so it must be a pure function of its input. Returning `null` deletes the document.
   */
  update<T>(collection: Collection<T>, id: string, mutate: (current: T | null) => T | null): Promise<T | null>;
  /** Writes a document whole without reading it first (one round trip): for records nobody else writes. */
  put<T>(collection: Collection<T>, id: string, value: T): Promise<void>;
  delete(collection: Collection<unknown>, id: string): Promise<void>;
  /** True exactly once per (scope, id) within `ttlMs`: the first caller wins, later ones get false. */
  claimOnce(scope: string, id: string, ttlMs: number): Promise<boolean>;
  /** Releases a claim so a failed attempt can be retried by a redelivery. */
  releaseClaim(scope: string, id: string): Promise<void>;
  indexAdd(index: string, member: string, ttlMs?: number): Promise<void>;
  indexRemove(index: string, member: string): Promise<void>;
  indexMembers(index: string): Promise<string[]>;
  /**
   * `claimOnce`, and only when the claim wins, counts it in a fixed window of `windowMs` (per-user rate limits):
   * a redelivery is never counted. `count` includes this one. One round trip.
   */
  claimAndCount(
    scope: string,
    id: string,
    ttlMs: number,
    window: { counter: string; windowMs: number },
  ): Promise<{ claimed: false } | { claimed: true; count: number }>;
}
