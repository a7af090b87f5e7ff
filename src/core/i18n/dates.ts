import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { sv } from 'date-fns/locale/sv';
import type { Locale } from '../model.ts';

const dateFnsLocales = { sv, en: enGB } as const;

/** Patterns per locale: Swedish "fredag 4 december 2026 kl. 09:00", English "Friday 4 December 2026 at 09:00". */
const patterns = {
  sv: { dateTime: "EEEE d MMMM yyyy 'kl.' HH:mm", date: 'EEEE d MMMM yyyy', shortDate: 'd MMM yyyy', time: 'HH:mm' },
  en: { dateTime: "EEEE d MMMM yyyy 'at' HH:mm", date: 'EEEE d MMMM yyyy', shortDate: 'd MMM yyyy', time: 'HH:mm' },
} as const;

export type DateStyle = keyof (typeof patterns)['sv'];

/** Formats an instant as local wall-clock time in `timeZone`, in the user's language. */
export function formatInstant(instant: Date, locale: Locale, timeZone: string, style: DateStyle = 'dateTime'): string {
  return format(new TZDate(instant.getTime(), timeZone), patterns[locale][style], { locale: dateFnsLocales[locale] });
}
