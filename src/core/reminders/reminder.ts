import { z } from 'zod';
import { recurrenceSchema } from './time/recurrence.ts';
import { LOCALES, PLATFORMS } from '../model.ts';
import type { Collection } from '../ports/document-store.ts';
import type { OccurrenceRef, ScheduledOccurrence } from '../ports/reminder-scheduler.ts';

/**
 * Reminder ids become BullMQ job ids (`<id>-o<occurrence>`), so they may hold no `:` and are never all digits
 * (BullMQ reads all-digit ids as its own counters).
 */
export const REMINDER_ID = /^[A-Za-z][A-Za-z0-9_-]{2,63}$/;

const isoInstant = z.string().datetime({ offset: true });

export { recurrenceSchema };

/** Where to deliver: the conversation the reminder was set in, with the adapter's opaque reference. */
export const addressSchema = z.object({
  platform: z.enum(PLATFORMS),
  key: z.string().min(1),
  channelKey: z.string().min(1),
  isPrivate: z.boolean(),
  reference: z.record(z.string(), z.unknown()).optional(),
});

/**
 * - `scheduled`: an occurrence is pending (`occurrence`, `dueAt`).
 * - `delivered`: a one-off reminder was posted and waits for Klar (or deletion from the list).
 * - `failed`: delivery failed for good (channel gone, bot removed); kept so the owner sees it in the list.
 * Done and cancelled reminders are deleted, not kept with a status.
 */
export const REMINDER_STATUSES = ['scheduled', 'delivered', 'failed'] as const;

export const reminderSchema = z.object({
  id: z.string().regex(REMINDER_ID),
  /** Platform-qualified user id (TurnUser.id) of the only person who may change it. */
  ownerId: z.string().min(1),
  ownerName: z.string().optional(),
  text: z.string().min(1).max(1000),
  /** Language and time zone when it was set; delivery prefers the owner's current settings. */
  locale: z.enum(LOCALES),
  timeZone: z.string().min(1),
  address: addressSchema,
  recurrence: recurrenceSchema.nullable(),
  status: z.enum(REMINDER_STATUSES),
  occurrence: z.number().int().nonnegative(),
  /** The pending (or last) occurrence's due time, UTC. */
  dueAt: isoInstant,
  createdAt: isoInstant,
  updatedAt: isoInstant,
  source: z.enum(['message', 'offer']),
  lastDelivery: z.object({ at: isoInstant, occurrence: z.number().int(), late: z.boolean() }).optional(),
  failure: z
    .object({ at: isoInstant, occurrence: z.number().int(), reason: z.string().max(500), permanent: z.boolean() })
    .optional(),
});

/** A follow-up reminder as stored. */
export type Reminder = z.infer<typeof reminderSchema>;
export type ReminderRecurrence = z.infer<typeof recurrenceSchema>;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * Reminders have no store TTL: the reminder code deletes them on done and cancel, and delivered or failed
 * one-offs are swept after SETTLED_KEEP_MS (when listed, and by the start-up repair pass).
 */
export const REMINDERS: Collection<Reminder> = { name: 'reminder', version: 1, schema: reminderSchema };

/** How long a delivered or failed one-off reminder stays in the list before it is swept. */
export const SETTLED_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** Index of one user's reminders (ids). */
export function userReminderIndex(ownerId: string): string {
  return `reminders:user:${ownerId}`;
}

/** Index of every reminder, for the start-up repair pass. */
export const ALL_REMINDERS_INDEX = 'reminders:all';

/** The pending occurrence of a scheduled reminder, as the scheduler sees it. */
export function pendingOccurrence(reminder: Reminder): ScheduledOccurrence {
  return {
    platform: reminder.address.platform,
    reminderId: reminder.id,
    occurrence: reminder.occurrence,
    dueAt: new Date(reminder.dueAt),
  };
}

/** Reference to a reminder's current occurrence (to cancel it). */
export function occurrenceRef(reminder: Reminder): OccurrenceRef {
  return { platform: reminder.address.platform, reminderId: reminder.id, occurrence: reminder.occurrence };
}

/** Stable id of one occurrence, used as BullMQ job id and claim id: no `:`, never all digits. */
export function occurrenceId(ref: Pick<OccurrenceRef, 'reminderId' | 'occurrence'>): string {
  return `${ref.reminderId}-o${ref.occurrence}`;
}

/**
 * Claim scope for "this occurrence is being sent". The worker holds it while delivering; cancel, snooze and change
 * take it too, so an occurrence they reach first is never sent, and one a worker reached first is sent at most once.
 */
export const SEND_CLAIM_SCOPE = 'reminder-send';

/**
 * How long an occurrence claim lasts (ms): longer than a messenger may take (~30 s), so a live worker is never
 * overtaken; after a worker dies, another delivers once this has passed.
 */
export const DELIVERY_LEASE_MS = 90_000;

/** True when the reminder still waits for exactly this occurrence (not snoozed, changed or removed since). */
export function isPending(reminder: Reminder | null, occurrence: number): boolean {
  return reminder !== null && reminder.status === 'scheduled' && reminder.occurrence === occurrence;
}
