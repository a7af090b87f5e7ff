import type { Recurrence } from './types.ts';
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
