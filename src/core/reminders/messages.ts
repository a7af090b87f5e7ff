import { formatInstant } from '../i18n/dates.ts';
import type { MessageKey, Translate } from '../i18n/translator.ts';
import type { Block, Button, Locale, Reply } from '../model.ts';
import { blocksReply, textReply } from '../reply.ts';
import { REMINDER_ACTIONS, refValue, snoozeValue } from './actions.ts';
import type { ParseResult } from './parse-reminder.ts';
import type { Reminder, ReminderRecurrence } from './reminder.ts';
import { userText } from '../user-text.ts';
import { MAX_AHEAD_YEARS } from './time/horizon.ts';

/** What rendering needs to know about the reader: language, time zone, and the current time. */
export interface ReaderView {
  t: Translate;
  locale: Locale;
  timeZone: string;
  now: Date;
}

/** The rule's frequency and interval in words ("varannan vecka", "every year"); the day is in the due time. */
export function recurrenceText(t: Translate, recurrence: ReminderRecurrence): string {
  const { freq, interval } = recurrence;
  if (interval === 1) return t(`reminders.recurrence.${freq}`);
  if (interval === 2) return t(`reminders.recurrence.everyOther.${freq}`);
  return t(`reminders.recurrence.everyN.${freq}`, { interval });
}

/** An instant as the reader's local date and time ("fredag 4 december 2026 kl. 09:00"). */
export function formatWhen(view: ReaderView, instant: Date | string): string {
  return formatInstant(new Date(instant), view.locale, view.timeZone, 'dateTime');
}

const when = formatWhen;

/** The confirmation of a new or changed reminder, with Ändra / Ångra. */
export function confirmationReply(
  view: ReaderView,
  reminder: Reminder,
  options: { changed: boolean; assumedTime: boolean },
): Reply {
  const { t } = view;
  const params = { when: when(view, reminder.dueAt), text: userText(reminder.text) };
  const message = reminder.recurrence
    ? t(options.changed ? 'reminders.confirm.changedRecurring' : 'reminders.confirm.setRecurring', {
        ...params,
        recurrence: recurrenceText(t, reminder.recurrence),
      })
    : t(options.changed ? 'reminders.confirm.changed' : 'reminders.confirm.set', params);
  const context = [reminder.address.isPrivate ? t('reminders.confirm.wherePrivate') : t('reminders.confirm.where')];
  if (options.assumedTime) {
    const time = formatInstant(new Date(reminder.dueAt), view.locale, view.timeZone, 'time');
    context.unshift(t('reminders.confirm.assumedTime', { time }));
  }
  const buttons: Button[] = [
    { label: t('reminders.buttons.change'), actionId: REMINDER_ACTIONS.change, value: refValue(reminder.id) },
    {
      label: t('reminders.buttons.undo'),
      actionId: REMINDER_ACTIONS.undo,
      value: refValue(reminder.id),
      style: 'danger',
    },
  ];
  return blocksReply([
    { type: 'text', text: message },
    { type: 'context', items: context },
    { type: 'buttons', buttons },
  ]);
}

/** How a due reminder is delivered: late (after downtime), and when a series comes next (null for a one-off). */
export interface DueMessageOptions {
  late: boolean;
  next: Date | null;
}

/** The message posted when a reminder falls due: mention, text, Klar and the three snoozes. */
export function dueReplies(view: ReaderView, reminder: Reminder, options: DueMessageOptions): Reply[] {
  const { t } = view;
  const context: string[] = [];
  if (options.late) context.push(t('reminders.due.late', { when: when(view, reminder.dueAt) }));
  if (reminder.recurrence && options.next) {
    context.push(
      t('reminders.due.nextTime', {
        recurrence: recurrenceText(t, reminder.recurrence),
        when: when(view, options.next),
      }),
    );
  } else {
    context.push(t('reminders.due.setOn', { when: when(view, reminder.createdAt) }));
  }
  const occ = reminder.occurrence;
  const buttons: Button[] = [
    {
      label: t('reminders.buttons.done'),
      actionId: REMINDER_ACTIONS.done,
      value: refValue(reminder.id, occ),
      style: 'primary',
    },
    {
      label: t('reminders.buttons.snoozeHour'),
      actionId: REMINDER_ACTIONS.snooze,
      value: snoozeValue(reminder.id, occ, 'hour'),
    },
    {
      label: t('reminders.buttons.snoozeTomorrow'),
      actionId: REMINDER_ACTIONS.snooze,
      value: snoozeValue(reminder.id, occ, 'tomorrow'),
    },
    {
      label: t('reminders.buttons.snoozeWeek'),
      actionId: REMINDER_ACTIONS.snooze,
      value: snoozeValue(reminder.id, occ, 'week'),
    },
  ];
  const reply = blocksReply([
    { type: 'text', text: t('reminders.due.title', { text: userText(reminder.text) }) },
    { type: 'context', items: context },
    { type: 'buttons', buttons },
  ]);
  return [{ ...reply, mentions: [reminder.ownerId] }];
}

/** Most reminders shown in one list (platform block limits; the soonest matter most). */
export const LIST_LIMIT = 10;

function statusLine(view: ReaderView, reminder: Reminder): string {
  const { t } = view;
  switch (reminder.status) {
    case 'failed':
      return t('reminders.list.failed', { reason: reminder.failure?.reason ?? '?' });
    case 'delivered':
      return t('reminders.list.delivered', { when: when(view, reminder.lastDelivery?.at ?? reminder.dueAt) });
    case 'scheduled': {
      const line = reminder.recurrence
        ? t('reminders.list.scheduledRecurring', {
            when: when(view, reminder.dueAt),
            recurrence: recurrenceText(t, reminder.recurrence),
          })
        : t('reminders.list.scheduled', { when: when(view, reminder.dueAt) });
      const failure = reminder.failure ? ` ${t('reminders.list.lastFailed', { reason: reminder.failure.reason })}` : '';
      return `${line}${failure}`;
    }
  }
}

/** `/iop påminnelser`: my reminders, soonest first, each with a delete button. */
export function listReply(view: ReaderView, reminders: Reminder[], notice?: string): Reply {
  const { t } = view;
  const blocks: Block[] = [{ type: 'heading', text: t('reminders.list.title') }];
  if (notice) blocks.push({ type: 'context', items: [notice] });
  if (reminders.length === 0) {
    blocks.push({ type: 'text', text: t('reminders.list.empty') });
    return blocksReply(blocks);
  }
  for (const reminder of reminders.slice(0, LIST_LIMIT)) {
    blocks.push({ type: 'text', text: `*${userText(reminder.text)}*\n${statusLine(view, reminder)}` });
    blocks.push({
      type: 'buttons',
      buttons: [
        {
          label: t('reminders.buttons.cancel'),
          actionId: REMINDER_ACTIONS.cancel,
          value: refValue(reminder.id),
          style: 'danger',
        },
      ],
    });
  }
  if (reminders.length > LIST_LIMIT) {
    blocks.push({ type: 'context', items: [t('reminders.list.more', { shown: LIST_LIMIT, total: reminders.length })] });
  }
  return blocksReply(blocks);
}

type ParseFailure = Extract<ParseResult, { ok: false }>;

function parseErrorKey(failure: ParseFailure): MessageKey {
  if (failure.error !== 'ambiguous') return `reminders.parse.${failure.error}`;
  switch (failure.detail?.reason) {
    case 'bare-number':
      return 'reminders.parse.ambiguous-number';
    case 'range':
      return 'reminders.parse.ambiguous-range';
    case 'weekday-mismatch':
      return 'reminders.parse.ambiguous-weekday';
    default:
      return 'reminders.parse.ambiguous';
  }
}

/** Explains why a phrase could not be read, in the parser's own words (locales `reminders.parse`). */
export function parseErrorReply(view: ReaderView, failure: ParseFailure): Reply {
  // The detail quotes the user's own words ('{text}', '{first}'): shown literally. Dates are shown as dates.
  const params: Record<string, string> = { years: String(MAX_AHEAD_YEARS) };
  for (const [key, value] of Object.entries(failure.detail ?? {}))
    if (value !== undefined) params[key] = userText(value);
  for (const key of ['date', 'limit'] as const) {
    const iso = failure.detail?.[key];
    if (iso !== undefined && !Number.isNaN(Date.parse(iso))) params[key] = when(view, iso);
  }
  const text = view.t(parseErrorKey(failure), params);
  return failure.error === 'no-time' || failure.error === 'no-text'
    ? blocksReply([
        { type: 'text', text },
        { type: 'context', items: [view.t('reminders.errors.howTo')] },
      ])
    : textReply(text);
}
