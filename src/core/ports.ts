import type { ZodType } from 'zod';
import type { ConversationAddress, Platform, Reply } from './model.ts';

/** Source of the current time; injected so the core never calls `new Date()` itself. */
export interface Clock {
  now(): Date;
}

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
 * What happened when stored data could not be read back. Reported once: the store then deletes the document, so
 * it reads as absent from then on.
 */
export interface CorruptDocument {
  collection: string;
  id: string;
  reason: string;
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
  /** Answers whether the backing service is reachable right now. */
  ping(): Promise<boolean>;
}

/** One occurrence of a reminder, identified by (platform, reminderId, occurrence); `dueAt` is a UTC instant. */
export interface ScheduledOccurrence {
  platform: Platform;
  reminderId: string;
  /** Counts up each time the reminder is rescheduled (next recurrence, snooze, change), so stale jobs are told apart. */
  occurrence: number;
  dueAt: Date;
}

/** Identifies an occurrence without its time, e.g. to cancel it. */
export type OccurrenceRef = Pick<ScheduledOccurrence, 'platform' | 'reminderId' | 'occurrence'>;

/**
 * When reminders fall due (design.md: ReminderScheduler). One pending job per occurrence; scheduling the same
 * occurrence twice keeps one. Implemented with BullMQ delayed jobs and with in-process timers.
 */
export interface ReminderScheduler {
  schedule(occurrence: ScheduledOccurrence): Promise<void>;
  /** Removes a pending occurrence; unknown or already running occurrences are left alone (the worker re-checks). */
  cancel(occurrence: OccurrenceRef): Promise<void>;
  /** Occurrences not yet handed to a worker, soonest first (for diagnostics and tests: it reads them all). */
  list(platform?: Platform): Promise<ScheduledOccurrence[]>;
}

/** What became of a proactive message. `permanent` means retrying cannot help (channel gone, bot removed). */
export type SendOutcome = { status: 'delivered' } | { status: 'failed'; permanent: boolean; reason: string };

/**
 * Posts replies into a conversation without a turn (reminders). One per platform; `address.reference` is the
 * adapter's own data stored when the reminder was set. Never throws for a failed delivery: it returns `failed`.
 * Should give up within ~30 s so a stuck platform cannot hold a delivery longer than its lease.
 */
export interface Messenger {
  /** `deliveryId`, when given, is attached to what is posted so that `wasDelivered` can find it later. */
  send(address: ConversationAddress, replies: Reply[], options?: { deliveryId?: string }): Promise<SendOutcome>;
  /**
   * Whether a message tagged with `deliveryId` reached the conversation since `since`: after a process died
   * between a send and recording it, the next attempt asks before sending again. Optional — a platform that
   * cannot tell may then repeat that one message.
   */
  wasDelivered?(address: ConversationAddress, deliveryId: string, since: Date): Promise<boolean>;
}
