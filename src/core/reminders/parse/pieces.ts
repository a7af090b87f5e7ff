import type { ParsedResult } from 'chrono-node';
import { clockInDayPart, type DayPart, readDayPart } from './part-of-day.ts';
import { readRecurrenceTag, TAG_ASSUMED_TIME, TAG_RELATIVE_DATE } from './tags.ts';
import type { Recurrence } from './types.ts';
import type { WallDate, WallTime } from '../time/wall-clock.ts';

/** "Now" and the user's zone. */
export interface Clock {
  now: Date;
  timeZone: string;
}

/** One chrono result, classified by what it contributes to the reminder. */
export interface Piece {
  result: ParsedResult;
  rule: { freq: Recurrence['freq']; interval: number; byMonthDay?: number } | null;
  /** The result fixes an instant ("om 2 timmar", ISO with offset): no wall-clock interpretation. */
  exact: boolean;
  hasDate: boolean;
  time: WallTime | null;
  /** The time came from a part of the day ("i morgon eftermiddag"), not from a clock time. */
  assumed: boolean;
  /** The part of the day the phrase names, if any: it turns a typed "kl 3" into 15:00 in the afternoon. */
  dayPart: DayPart | null;
}

/** 09:00: the time of a reminder when the user names none. */
export const DEFAULT_TIME: WallTime = { hour: 9, minute: 0 };
const PART_OF_DAY_TAGS = ['tonight', 'morning', 'afternoon', 'evening', 'noon', 'midnight'].map(
  (part) => `casualReference/${part}`,
);

/** Classifies one chrono result. */
export function toPiece(result: ParsedResult): Piece {
  const { start } = result;
  const tags = result.tags();
  const exact = start.isCertain('timezoneOffset');
  const hasDate =
    exact ||
    tags.has(TAG_RELATIVE_DATE) ||
    (['day', 'month', 'year', 'weekday'] as const).some((c) => start.isCertain(c));
  const partOfDay = PART_OF_DAY_TAGS.some((tag) => tags.has(tag));
  const assumed = tags.has(TAG_ASSUMED_TIME) || (partOfDay && !start.isCertain('hour'));
  const dayPart = readDayPart(tags);
  const clock =
    start.isCertain('hour') || partOfDay ? { hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 } : null;
  const time = clock && !assumed && !exact ? clockInDayPart(clock, dayPart) : clock;
  return { result, rule: readRecurrenceTag(tags), exact, hasDate, time, assumed, dayPart };
}

/** The calendar date a piece names (chrono fills what the user left out relative to now). */
export function dateOf(piece: Piece): WallDate {
  const { start } = piece.result;
  return { year: start.get('year') ?? 0, month: start.get('month') ?? 0, day: start.get('day') ?? 0 };
}
