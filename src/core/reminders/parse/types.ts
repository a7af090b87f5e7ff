import type { Locale } from '../../model.ts';

export type { Frequency, Recurrence } from '../time/recurrence.ts';
import type { Recurrence } from '../time/recurrence.ts';

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
