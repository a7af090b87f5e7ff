import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Translate } from '../i18n/translator.ts';
import type { Button } from '../model.ts';
import { REMINDER_ACTIONS, readValue } from './actions.ts';
import type { ReminderRecurrence } from './reminder.ts';
import { afterDuration, isoDurationSchema, parseDuration } from './time/duration.ts';
import { latestDue } from './time/horizon.ts';
import { anchoredRecurrence } from './time/next-occurrence.ts';
import { FREQUENCIES } from './time/recurrence.ts';
import { atDefaultHour } from './time/wall-clock.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A reminder another feature offers (checklist follow-ups, a guideline's validity end, "årlig uppföljning" of an
 * agreement). Exactly one of `in` (ISO-8601 duration from when the button is pressed: `P2W`, `P1Y`) and `due`
 * (an instant with offset, or a date `2027-03-01` meaning 09:00 local). `recurrence` repeats it from there.
 */
export const reminderOfferSchema = z
  .object({
    text: z.string().trim().min(1).max(500),
    in: isoDurationSchema.optional(),
    due: z.union([z.string().datetime({ offset: true }), z.string().regex(DATE_ONLY)]).optional(),
    recurrence: z
      .union([z.enum(FREQUENCIES), z.object({ freq: z.enum(FREQUENCIES), interval: z.number().int().min(1).max(100) })])
      .optional(),
  })
  .strict()
  .refine((offer) => (offer.in === undefined) !== (offer.due === undefined), 'give exactly one of `in` and `due`');

/** What a feature passes to `reminderOfferButton`. */
export type ReminderOffer = z.infer<typeof reminderOfferSchema>;

// Slack refuses button texts over 75 characters; Teams wraps them badly well before that.
const LABEL_MAX = 75;

/**
 * A button that creates a reminder when pressed (action `reminder:create`), the one way every feature offers one.
 * The label defaults to "Påminn mig"; the reminders feature confirms with Ändra / Ångra like a typed reminder.
 * Throws on an invalid offer: that is a bug in the calling feature, better found by its tests than by a user.
 */
export function reminderOfferButton(t: Translate, offer: ReminderOffer, label?: string): Button {
  const parsed = reminderOfferSchema.parse(offer);
  const text = label ?? t('reminders.buttons.remindMe');
  return {
    label: text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1).trimEnd()}…`,
    actionId: REMINDER_ACTIONS.create,
    value: JSON.stringify(parsed),
  };
}

/**
 * The id of the reminder an offer sets for one person in one conversation: pressing the button again (a double
 * click, a colleague's repeat, an old card) finds that reminder instead of setting a second one.
 */
export function offerReminderId(ownerId: string, conversationKey: string, offer: ReminderOffer): string {
  const digest = createHash('sha256')
    .update(`${ownerId}\n${conversationKey}\n${JSON.stringify(offer)}`)
    .digest('hex');
  return `rem-o${digest.slice(0, 24)}`;
}

/** Reads a `reminder:create` value; undefined when it is not a valid offer. */
export function readOffer(value: string): ReminderOffer | undefined {
  return readValue(reminderOfferSchema, value);
}

/** When an offered reminder falls due and how it repeats, for a user in `timeZone` pressing it at `now`. */
export function resolveOffer(
  offer: ReminderOffer,
  now: Date,
  timeZone: string,
): { ok: true; due: Date; recurrence: ReminderRecurrence | null } | { ok: false; reason: 'past' | 'too-far' } {
  let due: Date;
  const duration = offer.in === undefined ? undefined : parseDuration(offer.in);
  if (duration) due = afterDuration(now, duration, timeZone);
  else {
    const date = DATE_ONLY.exec(offer.due ?? '');
    due = date
      ? atDefaultHour({ year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) }, timeZone)
      : new Date(offer.due ?? '');
  }
  if (Number.isNaN(due.getTime()) || due.getTime() <= now.getTime()) return { ok: false, reason: 'past' };
  if (due.getTime() > latestDue(now, timeZone).getTime()) return { ok: false, reason: 'too-far' };
  const rule = typeof offer.recurrence === 'string' ? { freq: offer.recurrence, interval: 1 } : offer.recurrence;
  return { ok: true, due, recurrence: rule ? anchoredRecurrence(rule.freq, rule.interval, due, timeZone) : null };
}
