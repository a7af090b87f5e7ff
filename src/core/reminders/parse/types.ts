import type { Locale } from '../../model.ts';

/** How often a reminder repeats. */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'yearly';

// `byWeekday` is 0 = Sunday … 6 = Saturday (as `Date#getDay`), `byMonth` is 1–12, `byMonthDay` 1–31. The
// parser always fills the anchor its frequency needs (weekly: byWeekday, monthly: byMonthDay, yearly: byMonth
// and byMonthDay), so that later occurrences can return to e.g. the 31st after a short month.
/** A repeat rule in wall-clock terms of the reminder's time zone. */
export interface Recurrence {
  freq: Frequency;
  interval: number;
  byWeekday?: number;
  byMonthDay?: number;
  byMonth?: number;
}

/** Why a reminder phrase could not be understood. */
export type ReminderParseError =
  | 'no-time'
  | 'past'
  | 'impossible-date'
  | 'too-far'
  | 'ambiguous'
  | 'no-text'
  | 'too-long';

// On failure `detail` carries what a message needs: ISO instants (`date` for past and weekday-mismatch, `limit`
// for too-far), phrases as typed (`text`, and `first`/`second` for two different times), a `reason` for
// `ambiguous` (`several-dates` | `bare-number` | `range` | `weekday-mismatch`), `length`/`max` for `too-long`.
/** Outcome of parsing a reminder phrase. */
export type ParseResult =
  | { ok: true; due: Date; text: string; recurrence: Recurrence | null; assumedTime: boolean }
  | { ok: false; error: ReminderParseError; detail?: Record<string, string> };

/** Input of `parseReminder` besides the phrase: "now" and the user's IANA time zone are injected. */
export interface ParseReminderOptions {
  now: Date;
  timeZone: string;
  locale: Locale;
}
