import { TZDate } from '@date-fns/tz';

/** A calendar date as read on a wall calendar (month 1–12), independent of any time zone. */
export interface WallDate {
  year: number;
  month: number;
  day: number;
}

/** A time of day as read on a wall clock. */
export interface WallTime {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

const MS_PER_DAY = 86_400_000;

// Building an Intl.DateTimeFormat costs about a millisecond, and clients report the same few zones again and
// again; the answers are remembered (bounded, since zone names come from outside).
const knownZones = new Map<string, boolean>();

/** True when `timeZone` is an IANA zone this runtime knows: the one check for config, platforms and the parser. */
export function isKnownTimeZone(timeZone: string): boolean {
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1_000) knownZones.set(timeZone, known);
  }
  return known;
}

/** The wall-clock date and time of `instant` in `timeZone`. */
export function wallClockOf(instant: Date, timeZone: string): WallDate & Required<WallTime> & { weekday: number } {
  const local = new TZDate(instant.getTime(), timeZone);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
    millisecond: local.getMilliseconds(),
    weekday: local.getDay(),
  };
}

// A time that does not exist (the hour skipped when DST starts) moves forward by the gap, as TZDate does.
/** The instant at which the wall clock in `timeZone` shows `date` `time`. */
export function instantOf(date: WallDate, time: WallTime, timeZone: string): Date {
  const { hour, minute, second = 0, millisecond = 0 } = time;
  const local = new TZDate(date.year, date.month - 1, date.day, hour, minute, second, millisecond, timeZone);
  return new Date(local.getTime());
}

/** UTC offset of `timeZone` at `instant`, in minutes east of Greenwich (Stockholm winter: 60). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  return -new TZDate(instant.getTime(), timeZone).getTimezoneOffset();
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the date exists in the Gregorian calendar. */
export function isValidWallDate(date: WallDate): boolean {
  return (
    Number.isInteger(date.year) &&
    Number.isInteger(date.month) &&
    Number.isInteger(date.day) &&
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= daysInMonth(date.year, date.month)
  );
}

// Calendar arithmetic runs on UTC fields so the result never depends on the machine's own time zone.
function fromUtc(ms: number): WallDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `date` plus `days` calendar days. */
export function addDays(date: WallDate, days: number): WallDate {
  return fromUtc(Date.UTC(date.year, date.month - 1, date.day) + days * MS_PER_DAY);
}

// Clamped: 31 January + 1 month = 28/29 February, never 3 March.
/** `date` plus `months` calendar months, on `anchorDay` (default: its own day) clamped to the month's length. */
export function addMonthsClamped(date: WallDate, months: number, anchorDay: number = date.day): WallDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(anchorDay, daysInMonth(year, month)) };
}

/** Day of the week of `date`, 0 = Sunday. */
export function weekdayOf(date: WallDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Compares two wall dates: negative, zero or positive. */
export function compareWallDates(a: WallDate, b: WallDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `YYYY-M-D` (zero-padded or not) as a wall date; null when it is not three numbers. */
export function parseWallDate(text: string): WallDate | null {
  const [year, month, day, extra] = text.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined || extra !== undefined) return null;
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) ? { year, month, day } : null;
}

/** `date` as `YYYY-MM-DD`. */
export function formatWallDate(date: WallDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The hour of day (local) used when a date without a time is meant: "imorgon", an offer "in one year". */
export const DEFAULT_HOUR = 9;

/** Wall-clock `hour`:00 on the local day of `instant` in `timeZone`. */
export function atLocalHour(instant: TZDate, hour: number): TZDate {
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

/** A date without a time (`2027-03-01`) means 09:00 local on that day. */
export function atDefaultHour(date: { year: number; month: number; day: number }, timeZone: string): Date {
  return new Date(new TZDate(date.year, date.month - 1, date.day, DEFAULT_HOUR, 0, 0, timeZone).getTime());
}
