import { TZDate } from '@date-fns/tz';
import { addYears } from 'date-fns/addYears';

// IOP agreements run three to five years, so a reminder to renew or evaluate one must reach that far; anything
// later is almost surely a typo in the year. Typed reminders and offered ones share this limit.
/** How far ahead a reminder may be set, in calendar years. */
export const MAX_AHEAD_YEARS = 5;

/** The latest allowed due time for a reminder set at `now` (the same wall-clock time, MAX_AHEAD_YEARS later). */
export function latestDue(now: Date, timeZone: string): Date {
  return new Date(addYears(new TZDate(now.getTime(), timeZone), MAX_AHEAD_YEARS).getTime());
}
