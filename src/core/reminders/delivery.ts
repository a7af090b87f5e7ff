import { z } from 'zod';
import type { CoreLogger } from '../ports/logger.ts';
import type { Platform, Reply } from '../model.ts';
import type { Clock } from '../ports/clock.ts';
import type { Collection, DocumentStore } from '../ports/document-store.ts';
import type { Messenger, SendOutcome } from '../ports/messenger.ts';
import type { ReminderScheduler, ScheduledOccurrence } from '../ports/reminder-scheduler.ts';
import { noTelemetry, type Telemetry } from '../telemetry.ts';
import {
  ALL_REMINDERS_INDEX,
  DELIVERY_LEASE_MS,
  isPending,
  occurrenceId,
  pendingOccurrence,
  REMINDERS,
  type Reminder,
  SEND_CLAIM_SCOPE,
  userReminderIndex,
} from './reminder.ts';
import { isStale } from './reminder-book.ts';
import type { DueMessageOptions } from './messages.ts';
import { nextFutureOccurrence } from './time/next-occurrence.ts';

/** An occurrence handed to a worker, with where it stands in its retries. */
export interface DueOccurrence extends ScheduledOccurrence {
  /** 1 for the first try. */
  attempt: number;
  /** No retry follows: a transient failure now counts as final and is recorded. */
  finalAttempt: boolean;
}

/**
 * What the scheduler should do next.
 * - `retry`: a transient failure; try again with exponential backoff (counts as an attempt).
 * - `busy`: another worker holds the occurrence; look again after `retryInMs` (does not count as an attempt).
 */
export type DueOutcome =
  | { kind: 'delivered'; late: boolean }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; permanent: boolean; reason: string }
  | { kind: 'retry'; reason: string }
  | { kind: 'busy'; retryInMs: number };

/** Called by a scheduler's worker for each occurrence that falls due. */
export type DueHandler = (due: DueOccurrence) => Promise<DueOutcome>;

export interface ReminderDeliveryDeps {
  store: DocumentStore;
  scheduler: ReminderScheduler;
  clock: Clock;
  logger: CoreLogger;
  /** The messengers of the platforms this process posts to, as the composition root collected them from the adapters. */
  messengers: MessengerRegistry;
  /** The message for a due reminder: `bot.handleReminder`. */
  render: (reminder: Reminder, options: DueMessageOptions) => Promise<Reply[]>;
  /** How long one worker holds an occurrence while sending (ms); DELIVERY_LEASE_MS unless a test wants it short. */
  leaseMs?: number;
  /** An occurrence handled later than this after its due time is delivered marked as late (ms). */
  lateAfterMs?: number;
  telemetry?: Telemetry;
}

/** Messengers by platform; a platform without one here is not delivered to by this process. */
export type MessengerRegistry = Readonly<Partial<Record<Platform, Messenger>>>;

export const DEFAULT_LATE_AFTER_MS = 2 * 60_000;
const SEND_SCOPE = SEND_CLAIM_SCOPE;

/**
 * Written just before an occurrence is sent: when the next attempt finds it, an earlier attempt got as far as
 * sending and then died, so it asks the platform whether that message arrived before sending it again.
 */
const SEND_ATTEMPTS: Collection<{ startedAt: string }> = {
  name: 'reminder-send-attempt',
  version: 1,
  schema: z.object({ startedAt: z.string() }),
  ttlMs: 7 * 24 * 60 * 60 * 1000,
};
/** Recording a delivery is retried in place a few times: giving up would mean sending it again. */
const RECORD_ATTEMPTS = 4;

/**
 * Delivers due reminders exactly once per occurrence, as far as we control it:
 * 1. claim the occurrence in the store (SET NX with a lease) so a second instance, BullMQ handing a stalled job to
 *    another worker while the first still runs, or a cancel/snooze that came first, makes this attempt back off;
 * 2. read the record under the claim and skip unless it still waits for this occurrence (stale job);
 * 3. render with `bot.handleReminder` and send through the platform's messenger;
 * 4. record the outcome on the reminder (compare-and-set; a user's change made meanwhile wins) and, for a series,
 *    schedule the next occurrence as a new job.
 * Before sending, the attempt is noted; an attempt that finds an earlier one's note asks the platform whether that
 * message arrived (Messenger.wasDelivered) and only records it if so. A duplicate remains possible only where the
 * platform cannot tell (Teams) and a process died between a successful send and step 4.
 */
export function createReminderDelivery(deps: ReminderDeliveryDeps) {
  const { store, scheduler, clock, logger } = deps;
  const leaseMs = deps.leaseMs ?? DELIVERY_LEASE_MS;
  const lateAfterMs = deps.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const telemetry = deps.telemetry ?? noTelemetry;
  /** Occurrences this process sent but could not record yet: a retry records them without sending again. */
  const sentUnrecorded = new Map<string, { late: boolean; next: Date | null }>();

  async function send(reminder: Reminder, replies: Reply[], deliveryId: string): Promise<SendOutcome> {
    const messenger = deps.messengers[reminder.address.platform];
    if (!messenger)
      return { status: 'failed', permanent: false, reason: `no ${reminder.address.platform} messenger here` };
    try {
      return await messenger.send(reminder.address, replies, { deliveryId });
    } catch (error) {
      // The port says messengers return failures; a throw is a bug or an outage, and worth another try.
      return { status: 'failed', permanent: false, reason: (error as Error).message || 'messenger threw' };
    }
  }

  /** The occurrence after this one, still ahead of now; null for a one-off. Computed once per delivery. */
  function nextOf(reminder: Reminder): Date | null {
    if (!reminder.recurrence) return null;
    return nextFutureOccurrence(new Date(reminder.dueAt), reminder.recurrence, reminder.timeZone, clock.now());
  }

  /**
   * Moves a series on to `next` (the time the message announced), or settles a one-off; a no-op if the user
   * changed it meanwhile. Without `next` (recording a send from an earlier attempt) it is computed here instead.
   */
  async function settle(
    due: DueOccurrence,
    outcome: { kind: 'delivered'; late: boolean } | { kind: 'failed'; permanent: boolean; reason: string },
    next?: Date | null,
  ): Promise<void> {
    const nowIso = clock.now().toISOString();
    const after = await store.update(REMINDERS, due.reminderId, (current) => {
      if (!current || !isPending(current, due.occurrence)) return current;
      const record =
        outcome.kind === 'delivered'
          ? { lastDelivery: { at: nowIso, occurrence: due.occurrence, late: outcome.late } }
          : {
              failure: {
                at: nowIso,
                occurrence: due.occurrence,
                reason: outcome.reason.slice(0, 500),
                permanent: outcome.permanent,
              },
            };
      const stop = !current.recurrence || (outcome.kind === 'failed' && outcome.permanent);
      if (stop) {
        return {
          ...current,
          ...record,
          status: outcome.kind === 'delivered' ? ('delivered' as const) : ('failed' as const),
          updatedAt: nowIso,
        };
      }
      const following = next ?? nextOf(current)!;
      return {
        ...current,
        ...record,
        occurrence: due.occurrence + 1,
        dueAt: following.toISOString(),
        updatedAt: nowIso,
      };
    });
    if (after && after.status === 'scheduled' && after.occurrence === due.occurrence + 1) {
      await scheduler.schedule(pendingOccurrence(after));
    }
  }

  async function settleWithRetries(
    due: DueOccurrence,
    outcome: Parameters<typeof settle>[1],
    next?: Date | null,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await settle(due, outcome, next);
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /** True when an earlier attempt at this occurrence began sending and the platform says the message arrived. */
  async function arrivedEarlier(
    reminder: Reminder,
    id: string,
    earlier: { startedAt: string } | null,
  ): Promise<boolean> {
    const messenger = deps.messengers[reminder.address.platform];
    if (!earlier || !messenger?.wasDelivered) return false;
    try {
      return await messenger.wasDelivered(reminder.address, id, new Date(earlier.startedAt));
    } catch (error) {
      // Cannot tell: sending again risks a repeat, not sending risks a loss; a repeat is the lesser harm.
      logger.warn({ reminderId: reminder.id, err: (error as Error).message }, 'could not check an earlier send');
      return false;
    }
  }

  /** A job for an occurrence the record no longer waits for. */
  async function skip(current: Reminder | null): Promise<DueOutcome> {
    // Self-heal: if the record moved on but its new job was never added (a crash in between), add it now.
    if (current?.status === 'scheduled') await scheduler.schedule(pendingOccurrence(current));
    return { kind: 'skipped', reason: current ? 'occurrence no longer pending' : 'reminder gone' };
  }

  async function handleDue(due: DueOccurrence): Promise<DueOutcome> {
    const id = occurrenceId(due);
    const unrecorded = sentUnrecorded.get(id);
    if (unrecorded) {
      await settleWithRetries(due, { kind: 'delivered', late: unrecorded.late }, unrecorded.next);
      sentUnrecorded.delete(id);
      return { kind: 'delivered', late: unrecorded.late };
    }
    if (!(await store.claimOnce(SEND_SCOPE, id, leaseMs))) {
      // Held by another worker, or by a cancel/snooze that got there first (then the record has moved on).
      const current = await store.load(REMINDERS, due.reminderId);
      if (!current || !isPending(current, due.occurrence)) return skip(current);
      return { kind: 'busy', retryInMs: Math.min(leaseMs, 5_000) };
    }
    let sent = false;
    try {
      // Read under the claim: what the record says now is what counts (snoozed, changed or deleted → skip).
      // An earlier attempt's note is read in the same round trip.
      const [reminder, earlier] = await Promise.all([
        store.load(REMINDERS, due.reminderId),
        store.load(SEND_ATTEMPTS, id),
      ]);
      if (!reminder || !isPending(reminder, due.occurrence)) return skip(reminder);
      const late = clock.now().getTime() - Date.parse(reminder.dueAt) > lateAfterMs;
      const next = nextOf(reminder);
      if (await arrivedEarlier(reminder, id, earlier)) {
        // An earlier attempt sent it and died before recording it: record it now instead of sending it twice.
        sent = true;
        await settleWithRetries(due, { kind: 'delivered', late }, next);
        logger.info({ reminderId: due.reminderId, occurrence: due.occurrence }, 'reminder had arrived; recorded');
        return { kind: 'delivered', late };
      }
      await store.put(SEND_ATTEMPTS, id, { startedAt: clock.now().toISOString() });
      const outcome = await send(reminder, await deps.render(reminder, { late, next }), id);
      if (outcome.status === 'delivered') {
        sent = true;
        sentUnrecorded.set(id, { late, next });
        await settleWithRetries(due, { kind: 'delivered', late }, next);
        sentUnrecorded.delete(id);
        telemetry.reminder(late ? 'late' : 'delivered');
        return { kind: 'delivered', late };
      }
      if (outcome.permanent || due.finalAttempt) {
        logger.warn(
          { reminderId: due.reminderId, occurrence: due.occurrence, reason: outcome.reason },
          'reminder delivery failed',
        );
        await settleWithRetries(due, { kind: 'failed', permanent: outcome.permanent, reason: outcome.reason }, next);
        telemetry.reminder('failed');
        return { kind: 'failed', permanent: outcome.permanent, reason: outcome.reason };
      }
      await store.releaseClaim(SEND_SCOPE, id);
      return { kind: 'retry', reason: outcome.reason };
    } catch (error) {
      // Before sending, let the next attempt claim at once; after sending, keep the lease so nobody re-sends.
      if (!sent) await store.releaseClaim(SEND_SCOPE, id).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Start-up repair: makes sure every scheduled reminder has its job (a crash between writing a record and adding
   * its job would otherwise leave it silent), drops index entries without a record, and sweeps old settled
   * one-offs. Scheduling is idempotent, so running this on every instance is harmless.
   */
  async function repair(): Promise<{ scheduled: number; swept: number; dangling: number }> {
    const ids = await store.indexMembers(ALL_REMINDERS_INDEX);
    const counts = { scheduled: 0, swept: 0, dangling: 0 };
    const now = clock.now();
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map(async (id) => {
          const reminder = await store.load(REMINDERS, id);
          if (!reminder) {
            counts.dangling++;
            await store.indexRemove(ALL_REMINDERS_INDEX, id);
          } else if (reminder.status === 'scheduled') {
            counts.scheduled++;
            await scheduler.schedule(pendingOccurrence(reminder));
          } else if (isStale(reminder, now)) {
            counts.swept++;
            await store.indexRemove(userReminderIndex(reminder.ownerId), id);
            await store.indexRemove(ALL_REMINDERS_INDEX, id);
            await store.delete(REMINDERS, id);
          }
        }),
      );
    }
    return counts;
  }

  return { handleDue, repair };
}

export type ReminderDelivery = ReturnType<typeof createReminderDelivery>;
