import type { ParsingComponents } from 'chrono-node';
import type { Frequency } from './types.ts';
import { parseWallDate, type WallDate } from '../time/wall-clock.ts';

// Our parsers and refiners talk to the resolver through chrono's own result tags, so everything they learn
// travels inside chrono's ParsingResult and survives its overlap removal and merging.

/** A phrase that looked like a date but does not exist ("31 februari", "30/2", "2027-13-01", "kl 25"). */
export const TAG_IMPOSSIBLE = 'iop/impossible-date';
/** "om 3" / "in 3" without a unit: a number of what? */
export const TAG_BARE_NUMBER = 'iop/bare-number';
/** A part of the day ("i morgon eftermiddag") gave the hour: a time we chose, not one the user typed. */
export const TAG_ASSUMED_TIME = 'iop/assumed-time';
/** The phrase looks backwards ("förra fredag", "last Friday"): never move it forward to the next occurrence. */
export const TAG_BACKWARD = 'iop/backward';
/** Chrono's tag on results computed as an offset from now ("in 2 weeks"). */
export const TAG_RELATIVE_DATE = 'result/relativeDate';
/** Chrono's tag on results with an exact relative time ("in 2 hours"). */
export const TAG_RELATIVE_TIME = 'result/relativeDateAndTime';

const RECURRENCE_PREFIX = 'iop/recurrence/';
const IF_PAST_PREFIX = 'iop/if-past/';
const MONTH_DAY_PREFIX = 'iop/by-month-day/';

/** Marks `components` as a repeat rule of `freq` every `interval`. */
export function tagRecurrence(components: ParsingComponents, freq: Frequency, interval: number): void {
  components.addTag(`${RECURRENCE_PREFIX}${freq}/${interval}`);
}

/** Marks a monthly rule's day of the month ("varje månad den 15"). */
export function tagMonthDay(components: ParsingComponents, day: number): void {
  components.addTag(`${MONTH_DAY_PREFIX}${day}`);
}

/** The repeat rule carried by `tags`, if any. */
export function readRecurrenceTag(
  tags: ReadonlySet<string>,
): { freq: Frequency; interval: number; byMonthDay?: number } | null {
  let rule: { freq: Frequency; interval: number; byMonthDay?: number } | null = null;
  for (const tag of tags) {
    if (tag.startsWith(RECURRENCE_PREFIX)) {
      const [freq, interval] = tag.slice(RECURRENCE_PREFIX.length).split('/');
      rule = { freq: freq as Frequency, interval: Number(interval) };
    }
  }
  if (rule === null) return null;
  for (const tag of tags) {
    if (tag.startsWith(MONTH_DAY_PREFIX)) rule.byMonthDay = Number(tag.slice(MONTH_DAY_PREFIX.length));
  }
  return rule;
}

/** True when `tags` carry a repeat rule. */
export function hasRecurrenceTag(tags: ReadonlySet<string>): boolean {
  for (const tag of tags) if (tag.startsWith(RECURRENCE_PREFIX)) return true;
  return false;
}

// "I slutet av månaden" on the last day of the month, after 09:00: the end of this month is past, so the end of
// the next one is meant. Only the resolver knows the time of day, so the parser leaves it that date here.
/** Marks the date to use instead when the result's own date and time turn out to be past. */
export function tagIfPast(components: ParsingComponents, date: WallDate): void {
  components.addTag(`${IF_PAST_PREFIX}${date.year}-${date.month}-${date.day}`);
}

/** The date to use when the result's own one is past, if the parser left one. */
export function readIfPast(tags: ReadonlySet<string>): WallDate | null {
  for (const tag of tags) {
    if (!tag.startsWith(IF_PAST_PREFIX)) continue;
    const date = parseWallDate(tag.slice(IF_PAST_PREFIX.length));
    if (date) return date;
  }
  return null;
}
