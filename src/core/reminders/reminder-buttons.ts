import type { TurnContext } from '../context.ts';
import type { ActionInput } from '../feature.ts';
import type { Placement, Reply } from '../model.ts';
import { textReply } from '../reply.ts';
import { REMINDER_ACTIONS, readRef, readSnooze } from './actions.ts';
import { formatWhen, type ReaderView } from './messages.ts';
import type { Reminder } from './reminder.ts';
import { MAX_REMINDERS_PER_USER, type ReminderBook } from './reminder-book.ts';
import { nextFutureOccurrence } from './time/next-occurrence.ts';
import { snoozeUntil } from './time/snooze.ts';
import { userText } from '../user-text.ts';

const PRIVATE: Placement = { kind: 'private' };

/** What the button handlers need from the feature. */
export interface ButtonDeps {
  book: ReminderBook;
  view: (ctx: TurnContext) => ReaderView;
  /** Starts a change: the owner's next time phrase in this conversation applies to `reminder`. */
  beginChange: (ctx: TurnContext, reminder: Reminder) => Promise<Reply[]>;
  /** Forgets a change begun with "Ändra". */
  endChange: (ctx: TurnContext) => Promise<void>;
  /** The list, with a notice on top, placed where the pressed list was. */
  list: (ctx: TurnContext, notice: string, placement: Placement) => Promise<Reply[]>;
}

/** Owner actions replace the message their button was on, so a second press finds no button. */
function onMessage(action: ActionInput): Placement {
  return action.messageId ? { kind: 'update', messageId: action.messageId } : { kind: 'reply' };
}

/**
 * Buttons on reminder messages: Ändra / Ångra (confirmation), Klar / snooze (delivered reminder), Ta bort (list).
 * Only the owner may press them; pressing twice finds the reminder already changed and says so.
 */
export function createReminderButtons(deps: ButtonDeps) {
  const { book } = deps;

  async function done(ctx: TurnContext, reminder: Reminder, here: Placement): Promise<Reply[]> {
    const { t } = ctx;
    if (!reminder.recurrence) {
      const removed = await book.remove(reminder.id);
      if (!removed) return [textReply(t('reminders.actions.gone'), [], PRIVATE)];
      return [textReply(t('reminders.actions.done', { text: userText(removed.reminder.text) }), [], here)];
    }
    // A series goes on: "Klar" is about this time only, and its next occurrence is already scheduled.
    const next =
      reminder.status === 'scheduled' && Date.parse(reminder.dueAt) > ctx.now.getTime()
        ? new Date(reminder.dueAt)
        : nextFutureOccurrence(new Date(reminder.dueAt), reminder.recurrence, reminder.timeZone, ctx.now);
    const when = formatWhen(deps.view(ctx), next);
    return [textReply(t('reminders.actions.doneRecurring', { text: userText(reminder.text), when }), [], here)];
  }

  async function snooze(ctx: TurnContext, reminder: Reminder, value: string, here: Placement): Promise<Reply[]> {
    const { t } = ctx;
    const request = readSnooze(value);
    if (!request) return [textReply(t('reminders.actions.invalid'), [], PRIVATE)];
    const until = snoozeUntil(request.by, ctx.now, ctx.timeZone);
    const snoozed = () => [
      textReply(
        t('reminders.actions.snoozed', { when: formatWhen(deps.view(ctx), until), text: userText(reminder.text) }),
        [],
        here,
      ),
    ];
    const already = (dueAt: string) => [
      textReply(t('reminders.actions.alreadySnoozed', { when: formatWhen(deps.view(ctx), dueAt) }), [], PRIVATE),
    ];
    if (reminder.recurrence) {
      // Snoozing one occurrence must not move the series: a one-off copy is set instead. Its id comes from the
      // occurrence, so a second press finds the first copy instead of making another.
      const copyId = `${reminder.id}-s${request.occ}`;
      const existing = await book.load(copyId);
      if (existing) return already(existing.dueAt);
      const added = await book.add({
        id: copyId,
        owner: { id: reminder.ownerId, name: reminder.ownerName },
        address: reminder.address,
        text: reminder.text,
        due: until,
        recurrence: null,
        locale: reminder.locale,
        timeZone: reminder.timeZone,
        source: reminder.source,
        now: ctx.now,
      });
      if (!added.ok) return [textReply(t('reminders.errors.tooMany', { max: MAX_REMINDERS_PER_USER }))];
      return snoozed();
    }
    const moved = await book.move(
      reminder.id,
      (current) => current.occurrence === request.occ,
      () => ({ dueAt: until.toISOString() }),
      ctx.now,
    );
    if (moved.kind === 'moved') return snoozed();
    if (moved.reminder?.status === 'scheduled') return already(moved.reminder.dueAt);
    return [textReply(t('reminders.actions.gone'), [], PRIVATE)];
  }

  async function remove(ctx: TurnContext, reminder: Reminder, undo: boolean, here: Placement): Promise<Reply[]> {
    const { t } = ctx;
    const removed = await book.remove(reminder.id);
    if (!removed) return [textReply(t('reminders.actions.gone'), [], PRIVATE)];
    if (undo) return [textReply(t('reminders.actions.undone', { text: userText(removed.reminder.text) }), [], here)];
    return deps.list(ctx, t('reminders.actions.cancelled', { text: userText(removed.reminder.text) }), here);
  }

  /** Handles `reminder:*` buttons except `reminder:create` (offers). */
  return async function press(ctx: TurnContext, action: ActionInput): Promise<Reply[]> {
    const { t } = ctx;
    const ref = readRef(action.value);
    if (!ref) return [textReply(t('reminders.actions.invalid'), [], PRIVATE)];
    const reminder = await book.load(ref.id);
    if (!reminder) return [textReply(t('reminders.actions.gone'), [], PRIVATE)];
    if (reminder.ownerId !== ctx.turn.user.id) return [textReply(t('reminders.actions.notOwner'), [], PRIVATE)];
    const here = onMessage(action);
    switch (action.actionId) {
      case REMINDER_ACTIONS.undo:
        return remove(ctx, reminder, true, here);
      case REMINDER_ACTIONS.cancel:
        return remove(ctx, reminder, false, here);
      case REMINDER_ACTIONS.change:
        return deps.beginChange(ctx, reminder);
      case REMINDER_ACTIONS.keep:
        await deps.endChange(ctx);
        return [textReply(t('reminders.actions.changeCancelled'), [], here)];
      case REMINDER_ACTIONS.done:
        return done(ctx, reminder, here);
      case REMINDER_ACTIONS.snooze:
        return snooze(ctx, reminder, action.value, here);
      default:
        return [textReply(t('errors.unknownAction'), [], PRIVATE)];
    }
  };
}
