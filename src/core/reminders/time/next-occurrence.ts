import { TZDate } from '@date-fns/tz';
import type { Frequency, Recurrence } from './recurrence.ts';
import { addDays, addMonthsClamped, instantOf, wallClockOf, weekdayOf } from './wall-clock.ts';

// Choices: the local time of day is kept across DST changes (09:00 stays 09:00). Monthly and yearly rules land
// on `byMonthDay` clamped to the length of the month, so "the 31st" gives 30 April and then 31 May again, and a
// yearly 29 February gives 28 February in other years. A weekly rule lands on `byWeekday` when it is set. An
// interval below 1 counts as 1, so the result is always later than `due`. The time of day is read from `due`;
// on a day when that time does not exist (02:30 on the spring-forward night) the occurrence moves forward by
// the gap, and a series started there keeps the moved time.
/** The occurrence of `recurrence` after `due`, in wall-clock terms of `timeZone`. */
export function nextOccurrence(due: Date, recurrence: Recurrence, timeZone: string): Date {
  const local = wallClockOf(due, timeZone);
  const interval = Math.max(1, Math.floor(Number.isFinite(recurrence.interval) ? recurrence.interval : 1));
  const anchorDay = recurrence.byMonthDay ?? local.day;
  let date: { year: number; month: number; day: number };
  switch (recurrence.freq) {
    case 'daily':
      date = addDays(local, interval);
      break;
    case 'weekly': {
      const later = addDays(local, 7 * interval);
      const shift = recurrence.byWeekday === undefined ? 0 : (recurrence.byWeekday - weekdayOf(later) + 7) % 7;
      date = addDays(later, shift);
      break;
    }
    case 'monthly':
      date = addMonthsClamped(local, interval, anchorDay);
      break;
    case 'yearly':
      date = addMonthsClamped({ ...local, month: recurrence.byMonth ?? local.month }, 12 * interval, anchorDay);
      break;
  }
  return instantOf(date, local, timeZone);
}

/** A repeat rule anchored on the local day of `due`, in the shape the parser produces. */
export function anchoredRecurrence(freq: Frequency, interval: number, due: Date, timeZone: string): Recurrence {
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
export function nextFutureOccurrence(due: Date, recurrence: Recurrence, timeZone: string, now: Date): Date {
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
export function anchorOf(rule: Recurrence, due: Date, timeZone: string): Recurrence {
  const anchored = anchoredRecurrence(rule.freq, rule.interval, due, timeZone);
  const given = Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
  return { ...anchored, ...given };
}
