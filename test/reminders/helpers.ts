import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';

/** The fixed "now" of the phrase tables: Sunday 22 November 2026, 10:00 in Stockholm. */
export const NOW = new Date('2026-11-22T10:00:00+01:00');
export const STOCKHOLM = 'Europe/Stockholm';

/** An instant as local ISO with offset in `timeZone`, the way the CLI prints it. */
export function localIso(instant: Date, timeZone: string = STOCKHOLM): string {
  return formatISO(new TZDate(instant.getTime(), timeZone));
}
