import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { atLocalHour, DEFAULT_HOUR } from './wall-clock.ts';

/** The snooze choices offered on a delivered reminder. */
export const SNOOZE_CHOICES = ['hour', 'tomorrow', 'week'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

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
