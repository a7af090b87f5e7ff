import type { ConversationAddress, Locale } from '../model.ts';
import type { DocumentStore } from '../ports/document-store.ts';
import type { ReminderScheduler } from '../ports/reminder-scheduler.ts';
import {
  ALL_REMINDERS_INDEX,
  DELIVERY_LEASE_MS,
  occurrenceId,
  occurrenceRef,
  pendingOccurrence,
  REMINDERS,
  type Reminder,
  type ReminderRecurrence,
  SEND_CLAIM_SCOPE,
  SETTLED_KEEP_MS,
  userReminderIndex,
} from './reminder.ts';

/** Most reminders one person may have at a time; a runaway script should not fill Redis. */
export const MAX_REMINDERS_PER_USER = 100;

/** Everything needed to set a reminder. */
export interface ReminderDraft {
  /** A given id (a snoozed copy of a series occurrence); normally a fresh one. */
  id?: string;
  owner: { id: string; name?: string };
  address: ConversationAddress;
  text: string;
  due: Date;
  recurrence: ReminderRecurrence | null;
  locale: Locale;
  timeZone: string;
  source: Reminder['source'];
  now: Date;
}

/** A deleted reminder; `deliveryInProgress` when a worker was already sending its occurrence (it may still arrive). */
export interface Removed {
  reminder: Reminder;
  deliveryInProgress: boolean;
}

/** Outcome of moving a reminder to a new occurrence. */
export type MoveOutcome =
  | { kind: 'moved'; reminder: Reminder; deliveryInProgress: boolean }
  /** The reminder was not in the expected state (already moved, done, or deleted); `reminder` is how it is now. */
  | { kind: 'stale'; reminder: Reminder | null };

export interface ReminderBookDeps {
  store: DocumentStore;
  scheduler: ReminderScheduler;
  /** Fresh reminder ids; injected so tests get predictable ones. */
  newId?: () => string;
  /** How long a worker holds an occurrence while sending (the delivery's lease); DELIVERY_LEASE_MS by default. */
  leaseMs?: number;
}

/** Default ids: `rem-` and 20 hex digits (no `:`, never all digits, so they can be BullMQ job ids). */
export function randomReminderId(): string {
  return `rem-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/**
 * Reminders as records plus their pending job. Every change writes the record first (compare-and-set), then
 * adjusts the scheduler: a job for an outdated occurrence may linger, but the worker re-reads the record and skips
 * it, so the record is the single source of truth.
 */
export function createReminderBook(deps: ReminderBookDeps) {
  const { store, scheduler } = deps;
  const newId = deps.newId ?? randomReminderId;

  async function load(id: string): Promise<Reminder | null> {
    return store.load(REMINDERS, id);
  }

  async function add(
    draft: ReminderDraft,
  ): Promise<{ ok: true; reminder: Reminder } | { ok: false; reason: 'too-many' }> {
    const owned = await store.indexMembers(userReminderIndex(draft.owner.id));
    if (owned.length >= MAX_REMINDERS_PER_USER) return { ok: false, reason: 'too-many' };
    const nowIso = draft.now.toISOString();
    const reminder: Reminder = {
      id: draft.id ?? newId(),
      ownerId: draft.owner.id,
      ...(draft.owner.name ? { ownerName: draft.owner.name } : {}),
      text: draft.text,
      locale: draft.locale,
      timeZone: draft.timeZone,
      address: draft.address,
      recurrence: draft.recurrence,
      status: 'scheduled',
      occurrence: 0,
      dueAt: draft.due.toISOString(),
      createdAt: nowIso,
      updatedAt: nowIso,
      source: draft.source,
    };
    // A given id may have been set a moment ago by a twin request (an offer pressed twice at once): keep that one.
    const stored = (await store.update(REMINDERS, reminder.id, (current) => current ?? reminder)) ?? reminder;
    try {
      await Promise.all([
        store.indexAdd(userReminderIndex(stored.ownerId), stored.id),
        store.indexAdd(ALL_REMINDERS_INDEX, stored.id),
        scheduler.schedule(pendingOccurrence(stored)),
      ]);
    } catch (error) {
      // Without a job (or an index entry) it would never ring or never be listed: take it back, so the user's
      // "try again" starts clean.
      await forget(stored).catch(() => undefined);
      throw error;
    }
    return { ok: true, reminder: stored };
  }

  /**
   * Takes the send claim of the reminder's current occurrence before a change, so no worker starts sending it
   * afterwards. False when a worker already holds it: that one delivery may still go out (once).
   */
  async function holdDelivery(reminder: Reminder | null): Promise<boolean> {
    if (reminder?.status !== 'scheduled') return true;
    return store.claimOnce(SEND_CLAIM_SCOPE, occurrenceId(occurrenceRef(reminder)), deps.leaseMs ?? DELIVERY_LEASE_MS);
  }

  async function forget(reminder: Reminder): Promise<void> {
    await store.indexRemove(userReminderIndex(reminder.ownerId), reminder.id);
    await store.indexRemove(ALL_REMINDERS_INDEX, reminder.id);
    await store.delete(REMINDERS, reminder.id);
  }

  /** Deletes a reminder and its pending job; returns what was deleted, or null when it was already gone. */
  async function remove(id: string): Promise<Removed | null> {
    const held = await holdDelivery(await load(id));
    let removed: Reminder | null = null;
    await store.update(REMINDERS, id, (current) => {
      removed = current;
      return null;
    });
    const gone = removed as Reminder | null;
    if (!gone) return null;
    await store.indexRemove(userReminderIndex(gone.ownerId), id);
    await store.indexRemove(ALL_REMINDERS_INDEX, id);
    if (gone.status === 'scheduled') await scheduler.cancel(occurrenceRef(gone));
    return { reminder: gone, deliveryInProgress: !held };
  }

  /**
   * Moves a reminder to a new occurrence (snooze, change) when `applies(current)` holds: the occurrence counter
   * goes up, the new job is scheduled and the old one cancelled. `change` must be pure (it may run twice).
   */
  async function move(
    id: string,
    applies: (current: Reminder) => boolean,
    change: (current: Reminder) => Pick<Reminder, 'dueAt'> & Partial<Pick<Reminder, 'text' | 'recurrence'>>,
    now: Date,
  ): Promise<MoveOutcome> {
    const held = await holdDelivery(await load(id));
    let before: Reminder | null = null;
    const after = await store.update(REMINDERS, id, (current) => {
      before = current;
      if (!current || !applies(current)) return current;
      const { failure: _failure, ...rest } = current;
      return {
        ...rest,
        ...change(current),
        status: 'scheduled' as const,
        occurrence: current.occurrence + 1,
        updatedAt: now.toISOString(),
      };
    });
    const previous = before as Reminder | null;
    if (!after || !previous || after.occurrence === previous.occurrence) return { kind: 'stale', reminder: after };
    await scheduler.schedule(pendingOccurrence(after));
    if (previous.status === 'scheduled') await scheduler.cancel(occurrenceRef(previous));
    return { kind: 'moved', reminder: after, deliveryInProgress: !held };
  }

  /**
   * A user's reminders, soonest first. Ids whose record is gone are dropped from the index, and delivered or
   * failed one-offs older than SETTLED_KEEP_MS are swept (owner-driven lifetime: nothing here has a store TTL).
   */
  async function listFor(ownerId: string, now: Date): Promise<Reminder[]> {
    const ids = await store.indexMembers(userReminderIndex(ownerId));
    const loaded = await Promise.all(ids.map(async (id) => ({ id, reminder: await load(id) })));
    const kept: Reminder[] = [];
    for (const { id, reminder } of loaded) {
      if (!reminder) await store.indexRemove(userReminderIndex(ownerId), id);
      else if (isStale(reminder, now)) await forget(reminder);
      else kept.push(reminder);
    }
    return kept.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  return { add, load, remove, move, listFor, forget };
}

/** True for a delivered or failed one-off that has been kept long enough. */
export function isStale(reminder: Reminder, now: Date): boolean {
  if (reminder.status === 'scheduled') return false;
  const settledAt = Date.parse(reminder.failure?.at ?? reminder.lastDelivery?.at ?? reminder.updatedAt);
  return now.getTime() - settledAt > SETTLED_KEEP_MS;
}

export type ReminderBook = ReturnType<typeof createReminderBook>;
