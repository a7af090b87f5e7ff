import type { Translate } from '../i18n/translator.ts';
import type { Button } from '../model.ts';
import type { DatedDocument } from '../ports/knowledge-base.ts';
import { type ReminderOffer, reminderOfferButton } from './offer.ts';
import { addDays, compareWallDates, formatWallDate, instantOf, parseWallDate, wallClockOf } from './time/wall-clock.ts';
import { latestDue } from './time/horizon.ts';
import { DEFAULT_HOUR } from './time/wall-clock.ts';

/** How many days before a guideline's `valid_until` its reminder rings: time to get a new one decided. */
export const GUIDELINE_NOTICE_DAYS = 30;

// Reminder texts are at most 500 characters (reminderOfferSchema).
const TEXT_MAX = 500;

/**
 * When to ring for a guideline valid until `validUntil`, seen at `now`: GUIDELINE_NOTICE_DAYS before it (a date,
 * so it rings at 09:00 where the presser lives); the next morning when that is past; within the hour on its last
 * day. Null once it has expired (the answer says so; a reminder would come too late) or when the notice lies
 * beyond the reminder horizon.
 */
export function guidelineReminderWhen(
  validUntil: string,
  now: Date,
  timeZone: string,
): Pick<ReminderOffer, 'due' | 'in'> | null {
  const today = wallClockOf(now, timeZone);
  const end = parseWallDate(validUntil);
  if (!end) return null;
  if (compareWallDates(today, end) > 0) return null;
  const notice = addDays(end, -GUIDELINE_NOTICE_DAYS);
  const tomorrow = addDays(today, 1);
  if (compareWallDates(notice, tomorrow) < 0)
    return compareWallDates(end, tomorrow) >= 0 ? { in: 'P1D' } : { in: 'PT1H' };
  const rings = instantOf(notice, { hour: DEFAULT_HOUR, minute: 0 }, timeZone);
  return rings.getTime() <= latestDue(now, timeZone).getTime() ? { due: formatWallDate(notice) } : null;
}

/**
 * "Påminn mig innan riktlinjen går ut" for each of `documents` that has not expired, through the one
 * `reminder:create` offer. With several, each button names its document.
 */
export function guidelineReminderButtons(
  t: Translate,
  documents: readonly DatedDocument[],
  now: Date,
  timeZone: string,
): Button[] {
  const offered = new Map<string, { doc: DatedDocument; when: Pick<ReminderOffer, 'due' | 'in'> }>();
  for (const doc of documents) {
    const key = `${doc.id}.${doc.language}`;
    const when = offered.has(key) ? null : guidelineReminderWhen(doc.validUntil, now, timeZone);
    if (when) offered.set(key, { doc, when });
  }
  return [...offered.values()].map(({ doc, when }) => {
    const text = t('reminders.offers.guidelineText', { title: doc.title, date: doc.validUntil }).slice(0, TEXT_MAX);
    const label =
      offered.size > 1 ? t('reminders.offers.guidelineNamed', { title: doc.title }) : t('reminders.offers.guideline');
    return reminderOfferButton(t, { text, ...when }, label);
  });
}
