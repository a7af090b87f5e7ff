import type { ParsedResult } from 'chrono-node';
import { offsetMinutesAt, isKnownTimeZone } from './time/wall-clock.ts';
import { reminderChrono } from './parse/chrono-setup.ts';
import { reminderText } from './parse/reminder-text.ts';
import { resolve } from './parse/resolve.ts';
import type { ParseReminderOptions, ParseResult } from './parse/types.ts';

export type {
  Frequency,
  ParseReminderOptions,
  ParseResult,
  Recurrence,
  ReminderParseError,
} from './parse/types.ts';

/** Longest accepted input, in characters (Unicode code points). */
export const MAX_REMINDER_INPUT = 1000;

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

// Control characters become spaces one for one, so chrono's indexes still point into the text we cut from.
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
// "den 15:e januari", "1:a mars": chrono sv only reads "15 januari". Blank the suffix, keeping every index.
const ORDINAL_SUFFIX = /(?<=(?<!\d)\d{1,2}):[ea](?![\p{L}\p{N}])/gu;

function coverage(results: ParsedResult[]): number {
  return results.reduce((sum, r) => sum + r.text.length, 0);
}

function parseWith(locale: ParseReminderOptions['locale'], text: string, now: Date, timeZone: string): ParsedResult[] {
  return reminderChrono(locale).parse(text, { instant: now, timezone: offsetMinutesAt(now, timeZone) });
}

// Never throws for any input string (chat text is untrusted); an unknown `timeZone` or an invalid `now` is a
// programming error of the caller and throws a RangeError.
/** Parses "påminn mig om två veckor att …" into when (wall-clock time in `timeZone`), what and how often. */
export function parseReminder(input: string, opts: ParseReminderOptions): ParseResult {
  const { now, timeZone, locale } = opts;
  if (Number.isNaN(now.getTime())) throw new RangeError('parseReminder: `now` is an invalid Date');
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`parseReminder: unknown time zone "${timeZone}"`);
  if (input.length > MAX_REMINDER_INPUT && codePointLength(input) > MAX_REMINDER_INPUT) {
    return {
      ok: false,
      error: 'too-long',
      detail: { length: String(codePointLength(input)), max: String(MAX_REMINDER_INPUT) },
    };
  }
  const text = input.normalize('NFC').replace(CONTROL, ' ');
  const forChrono = text.replace(ORDINAL_SUFFIX, '  ');

  // A Swede may well write "tomorrow at 9" and an English speaker "imorgon kl 9": read the phrase in both
  // languages, one at a time (mixing them would make "to" a Thursday), and keep the reading that understood
  // more of it; on a tie, the user's language.
  const own = parseWith(locale, forChrono, now, timeZone);
  const other = parseWith(locale === 'sv' ? 'en' : 'sv', forChrono, now, timeZone);
  const results = coverage(other) > coverage(own) ? other : own;

  const resolution = resolve(results, { now, timeZone });
  if (!resolution.ok) return resolution;
  const what = reminderText(
    text,
    resolution.used.map((r) => ({ index: r.index, length: r.text.length })),
  );
  if (what === '') return { ok: false, error: 'no-text' };
  return {
    ok: true,
    due: resolution.due,
    text: what,
    recurrence: resolution.recurrence,
    assumedTime: resolution.assumedTime,
  };
}
