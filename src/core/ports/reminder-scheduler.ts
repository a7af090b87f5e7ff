import type { Platform } from '../model.ts';

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
}
