import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addHours } from 'date-fns/addHours';
import { addMinutes } from 'date-fns/addMinutes';
import { addMonths } from 'date-fns/addMonths';
import { addSeconds } from 'date-fns/addSeconds';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { nextOccurrence } from './parse-reminder.ts';
import type { ReminderRecurrence } from './reminder.ts';

export { latestDue, MAX_AHEAD_YEARS } from './parse/horizon.ts';

/** The hour of day (local) used when a date without a time is meant: "imorgon", an offer "in one year". */
export const DEFAULT_HOUR = 9;

/** The snooze choices offered on a delivered reminder. */
export const SNOOZE_CHOICES = ['hour', 'tomorrow', 'week'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** Wall-clock `hour`:00 on the local day of `instant` in `timeZone`. */
function atLocalHour(instant: TZDate, hour: number): TZDate {
  return new TZDate(
    instant.getFullYear(),
    instant.getMonth(),
    instant.getDate(),
    hour,
    0,
    0,
    instant.timeZone ?? 'UTC',
  );
}

/** When a snoozed reminder comes back: in an hour, tomorrow 09:00 local, or the same local time a week later. */
export function snoozeUntil(choice: SnoozeChoice, now: Date, timeZone: string): Date {
  const local = new TZDate(now.getTime(), timeZone);
  switch (choice) {
    case 'hour':
      return new Date(now.getTime() + 60 * 60 * 1000);
    case 'tomorrow':
      return new Date(atLocalHour(addDays(local, 1), DEFAULT_HOUR).getTime());
    case 'week':
      // Calendar arithmetic on the zoned date keeps 14:00 at 14:00 across a DST change.
      return new Date(addWeeks(local, 1).getTime());
  }
}

/** The parts of an ISO-8601 duration (P1Y, P2W, P1DT12H). */
export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const ISO_DURATION =
  /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Reads an ISO-8601 duration; undefined when `iso` is not one. */
export function parseDuration(iso: string): DurationParts | undefined {
  const m = ISO_DURATION.exec(iso);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/**
 * `now` plus a duration, in calendar terms of `timeZone` (P1M from 31 January is 28/29 February). A duration of
 * whole days or more lands at 09:00 local: "follow up in a year" should not ring at the minute the button was
 * pressed.
 */
export function afterDuration(now: Date, duration: DurationParts, timeZone: string): Date {
  let local = new TZDate(now.getTime(), timeZone);
  local = addYears(local, duration.years);
  local = addMonths(local, duration.months);
  local = addWeeks(local, duration.weeks);
  local = addDays(local, duration.days);
  const hasTime = duration.hours + duration.minutes + duration.seconds > 0;
  if (!hasTime) return new Date(atLocalHour(local, DEFAULT_HOUR).getTime());
  local = addHours(local, duration.hours);
  local = addMinutes(local, duration.minutes);
  return new Date(addSeconds(local, duration.seconds).getTime());
}

/** A date without a time (`2027-03-01`) means 09:00 local on that day. */
export function atDefaultHour(date: { year: number; month: number; day: number }, timeZone: string): Date {
  return new Date(new TZDate(date.year, date.month - 1, date.day, DEFAULT_HOUR, 0, 0, timeZone).getTime());
}

/** A repeat rule anchored on the local day of `due`, in the shape the parser produces. */
export function anchoredRecurrence(
  freq: ReminderRecurrence['freq'],
  interval: number,
  due: Date,
  timeZone: string,
): ReminderRecurrence {
  const local = new TZDate(due.getTime(), timeZone);
  switch (freq) {
    case 'daily':
      return { freq, interval };
    case 'weekly':
      return { freq, interval, byWeekday: local.getDay() };
    case 'monthly':
      return { freq, interval, byMonthDay: local.getDate() };
    case 'yearly':
      return { freq, interval, byMonth: local.getMonth() + 1, byMonthDay: local.getDate() };
  }
}

/**
 * The first occurrence of the series after `due` that is later than `now`. A daily reminder found late after a
 * week's downtime is delivered once (late), and then continues with the next one still ahead, not seven times.
 */
export function nextFutureOccurrence(due: Date, recurrence: ReminderRecurrence, timeZone: string, now: Date): Date {
  let next = nextOccurrence(due, recurrence, timeZone);
  // Bounded: even a daily reminder after years of downtime needs fewer steps; a bug must not spin forever.
  for (let step = 0; step < 5000 && next.getTime() <= now.getTime(); step++) {
    next = nextOccurrence(next, recurrence, timeZone);
  }
  return next;
}

/**
 * The parser fills the anchor its frequency needs; a rule from elsewhere may not, so the missing parts come from
 * the first due time (a monthly reminder set on the 31st returns to the 31st after a short month).
 */
export function anchorOf(rule: ReminderRecurrence, due: Date, timeZone: string): ReminderRecurrence {
  const anchored = anchoredRecurrence(rule.freq, rule.interval, due, timeZone);
  const given = Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
  return { ...anchored, ...given };
}
