import { nextOccurrence } from '../time/next-occurrence.ts';
import { type Clock, DEFAULT_TIME, dateOf, type Piece } from './pieces.ts';
import { TAG_RELATIVE_DATE } from './tags.ts';
import type { Recurrence } from './types.ts';
import {
  addDays,
  addMonthsClamped,
  daysInMonth,
  instantOf,
  type WallDate,
  type WallTime,
  wallClockOf,
  weekdayOf,
} from '../time/wall-clock.ts';

// A series whose start lies years back ("varje dag från 2020-01-01") is stepped forward at most this often.
const MAX_STEPS = 1000;

// Where a series starts:
// - A day is given ("varje måndag", "varje år den 1 mars", "varje månad den 31"): the first matching day
//   after now, at the given time or 09:00. "Varannan måndag" starts on the coming Monday.
// - A full date is given ("varje vecka från i morgon", "varje år 2027-03-01"): that date, stepped forward by
//   the rule while it lies in the past.
// - Only a time ("varje dag kl 15", "varannan vecka kl 15"): the series is anchored on today, so it starts
//   today if that time is still ahead, else one interval later.
// - Neither ("varje vecka", "varannan vecka", "varje månad"): one interval from today at 09:00, on today's
//   weekday / day of the month, so a monthly rule made on the 31st returns to the 31st after short months.
/** The first occurrence after now of a repeating reminder, and its rule with every anchor filled in. */
export function firstOccurrence(
  rule: NonNullable<Piece['rule']>,
  piece: Piece | null,
  time: WallTime | null,
  clock: Clock,
): { due: Date; recurrence: Recurrence } | null {
  const { now, timeZone } = clock;
  const today = wallClockOf(now, timeZone);
  const at = time ?? DEFAULT_TIME;
  const start = piece?.result.start;
  const fullDate = piece && (piece.exact || piece.result.tags().has(TAG_RELATIVE_DATE) || start?.isCertain('day'));
  const anchorDate: WallDate = fullDate && piece ? dateOf(piece) : today;
  const certainMonth = start?.isCertain('month') ? start.get('month') : null;

  const recurrence: Recurrence = { freq: rule.freq, interval: Math.max(1, rule.interval) };
  if (rule.freq === 'weekly') {
    recurrence.byWeekday = start?.isCertain('weekday') ? (start.get('weekday') ?? 0) : weekdayOf(anchorDate);
  } else if (rule.freq === 'monthly') {
    recurrence.byMonthDay = rule.byMonthDay ?? anchorDate.day;
  } else if (rule.freq === 'yearly') {
    recurrence.byMonth = certainMonth ?? anchorDate.month;
    recurrence.byMonthDay = anchorDate.day;
  }

  let due: Date;
  if (piece?.exact) {
    due = piece.result.start.date();
  } else if (fullDate && !(rule.freq === 'yearly' && !start?.isCertain('year'))) {
    due = instantOf(anchorDate, at, timeZone);
  } else if (rule.freq === 'weekly' && start?.isCertain('weekday')) {
    due = instantOf(addDays(today, ((recurrence.byWeekday ?? 0) - today.weekday + 7) % 7), at, timeZone);
    if (due <= now)
      due = instantOf(addDays(today, (((recurrence.byWeekday ?? 0) - today.weekday + 7) % 7) + 7), at, timeZone);
  } else if (rule.freq === 'monthly' && rule.byMonthDay !== undefined) {
    const thisMonth = { ...today, day: Math.min(rule.byMonthDay, daysInMonth(today.year, today.month)) };
    due = instantOf(thisMonth, at, timeZone);
    if (due <= now) due = instantOf(addMonthsClamped(thisMonth, 1, rule.byMonthDay), at, timeZone);
  } else if (rule.freq === 'yearly' && certainMonth !== null) {
    const thisYear = addMonthsClamped({ year: today.year, month: recurrence.byMonth ?? 1, day: 1 }, 0, anchorDate.day);
    due = instantOf(thisYear, at, timeZone);
    if (due <= now) due = instantOf(addMonthsClamped(thisYear, 12, anchorDate.day), at, timeZone);
  } else {
    due = instantOf(today, at, timeZone);
    if (time === null) due = nextOccurrence(due, recurrence, timeZone);
  }
  for (let i = 0; i < MAX_STEPS && due <= now; i++) due = nextOccurrence(due, recurrence, timeZone);
  return due > now ? { due, recurrence } : null;
}
