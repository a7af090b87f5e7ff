import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addHours } from 'date-fns/addHours';
import { addMinutes } from 'date-fns/addMinutes';
import { addMonths } from 'date-fns/addMonths';
import { addSeconds } from 'date-fns/addSeconds';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { z } from 'zod';
import { atLocalHour, DEFAULT_HOUR } from './wall-clock.ts';

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

/** An ISO-8601 duration in a definition or a button value (P2W, P1M, P1Y, P1DT12H): at least one part. */
export const isoDurationSchema = z
  .string()
  .refine((iso) => parseDuration(iso) !== undefined, 'must be an ISO-8601 duration such as P2W, P1M or P1Y');
