import { z } from 'zod';
import type { TurnContext } from '../context.ts';
import type { Feature } from '../feature.ts';
import type { Placement, Reply, Turn } from '../model.ts';
import { loadPrefetched } from '../prefetch.ts';
import type { Collection, DocumentStore } from '../ports/document-store.ts';
import type { ReminderScheduler } from '../ports/reminder-scheduler.ts';
import { textReply } from '../reply.ts';
import type { Intent } from '../router.ts';
import { noTelemetry, type Telemetry } from '../telemetry.ts';
import { REMINDER_ACTIONS, refValue } from './actions.ts';
import { confirmationReply, formatWhen, listReply, parseErrorReply, type ReaderView } from './messages.ts';
import { offerReminderId, readOffer, resolveOffer } from './offer.ts';
import { type ParseResult, parseReminder } from './parse-reminder.ts';
import type { Reminder } from './reminder.ts';
import { createReminderBook, MAX_REMINDERS_PER_USER } from './reminder-book.ts';
import { createReminderButtons } from './reminder-buttons.ts';
import { userText } from '../user-text.ts';
import { MAX_AHEAD_YEARS } from './time/horizon.ts';
import { anchorOf } from './time/next-occurrence.ts';

const editSchema = z.object({ reminderId: z.string() });

/** "Ändra" was pressed: the owner's next time phrase in that conversation changes this reminder (for 15 min). */
const REMINDER_EDITS: Collection<z.infer<typeof editSchema>> = {
  name: 'reminder-edit',
  version: 1,
  schema: editSchema,
  ttlMs: 15 * 60 * 1000,
};

/** "påminn mig" / "remind" with nothing after it. */
const BARE_LEAD = /^(?:påminn(?:a)?|paminn|remind)(?:\s+(?:mig|oss|me|us))?[\s.!?]*$/i;
const LEAD = /^(?:påminn(?:a)?|paminn|remind)\s+(?:(?:mig|oss|me|us)\s+)?/i;
/**
 * "påminn om årlig uppföljning av avtalet": a yearly follow-up with no date, starting a year from now. The parser
 * reads only dated rules ("varje år den 1 mars"); until it knows these words, the same phrase is given to it
 * with "om ett år" / "in one year" added, and the result repeats yearly.
 */
const ANNUAL = /(?:^|\s)(?:årlig|årliga|årligen|annual|annually|yearly)(?=\s|$|[.,!?])/i;

export interface RemindersFeatureDeps {
  store: DocumentStore;
  scheduler: ReminderScheduler;
  newId?: () => string;
  telemetry?: Telemetry;
  /** The reminder delivery lease (ms), when the deployment shortens it. */
  leaseMs?: number;
}

/** The reminders feature, plus the hook that lets a typed time after "Ändra" reach it. */
export interface RemindersFeature extends Feature {
  /**
   * After "Ändra", the owner's next message in that conversation ("på fredag kl 10") changes the reminder, even
   * though the router would send it to the knowledge base. Returns null when the message is not for us.
   */
  captureChange(ctx: TurnContext, intent: Intent): Promise<Reply[] | null>;
}

type ParsedReminder = Extract<ParseResult, { ok: true }>;

/** Reminders in conversation: set (`påminn …`), change, undo, list, cancel, done, snooze, and offers from elsewhere. */
export function createRemindersFeature(deps: RemindersFeatureDeps): RemindersFeature {
  const book = createReminderBook(deps);
  const { store } = deps;
  const view = (ctx: TurnContext): ReaderView => ({
    t: ctx.t,
    locale: ctx.locale,
    timeZone: ctx.timeZone,
    now: ctx.now,
  });
  const editIdOf = (turn: Turn) => `${turn.user.id}|${turn.conversation.key}`;
  const editId = (ctx: TurnContext) => editIdOf(ctx.turn);

  function parse(ctx: TurnContext, text: string): ParseResult {
    const options = { now: ctx.now, timeZone: ctx.timeZone, locale: ctx.locale };
    const result = parseReminder(text, options);
    if (result.ok || result.error !== 'no-time' || !ANNUAL.test(text)) return result;
    const rest = text.replace(LEAD, '');
    const phrase = ctx.locale === 'en' ? `remind me ${rest} in one year` : `påminn mig ${rest} om ett år`;
    const annual = parseReminder(phrase, options);
    return annual.ok ? { ...annual, recurrence: { freq: 'yearly', interval: 1 } } : result;
  }

  async function create(
    ctx: TurnContext,
    parsed: ParsedReminder,
    source: Reminder['source'],
    id?: string,
  ): Promise<Reply[]> {
    const added = await book.add({
      id,
      owner: { id: ctx.turn.user.id, name: ctx.turn.user.name },
      address: ctx.turn.conversation,
      text: parsed.text,
      due: parsed.due,
      recurrence: parsed.recurrence ? anchorOf(parsed.recurrence, parsed.due, ctx.timeZone) : null,
      locale: ctx.locale,
      timeZone: ctx.timeZone,
      source,
      now: ctx.now,
    });
    if (!added.ok) return [textReply(ctx.t('reminders.errors.tooMany', { max: MAX_REMINDERS_PER_USER }))];
    (deps.telemetry ?? noTelemetry).reminder('scheduled');
    return [confirmationReply(view(ctx), added.reminder, { changed: false, assumedTime: parsed.assumedTime })];
  }

  /** Applies a new time (and text, if one was given) to the reminder being changed. */
  async function change(ctx: TurnContext, reminderId: string, parsed: ParsedReminder, keepText: boolean) {
    const moved = await book.move(
      reminderId,
      (current) => current.ownerId === ctx.turn.user.id,
      (current) => ({
        dueAt: parsed.due.toISOString(),
        text: keepText ? current.text : parsed.text,
        recurrence: parsed.recurrence ? anchorOf(parsed.recurrence, parsed.due, ctx.timeZone) : null,
      }),
      ctx.now,
    );
    await store.delete(REMINDER_EDITS, editId(ctx));
    if (moved.kind === 'stale') {
      // Deleted meanwhile: set it afresh rather than lose what the user typed, if they typed what to remind of.
      return keepText ? [textReply(ctx.t('reminders.actions.gone'))] : create(ctx, parsed, 'message');
    }
    return [confirmationReply(view(ctx), moved.reminder, { changed: true, assumedTime: parsed.assumedTime })];
  }

  /** Reads a time phrase for a change; `keepText` when it named only a time ("på fredag kl 10"). */
  function parseChange(ctx: TurnContext, text: string): { result: ParseResult; keepText: boolean } {
    const result = parse(ctx, text);
    if (result.ok || result.error !== 'no-text') return { result, keepText: false };
    // The parser wants a text besides the time: ask it about the same phrase with a stand-in, keep ours.
    return { result: parse(ctx, `${text} x`), keepText: true };
  }

  async function captureChange(ctx: TurnContext, intent: Intent): Promise<Reply[] | null> {
    if (intent.kind !== 'ask' && intent.kind !== 'remind') return null;
    // Without the store there is no pending change to find; let the message through (questions still work).
    const edit = await loadPrefetched(store, ctx.prefetched, REMINDER_EDITS, editId(ctx)).catch(() => null);
    if (!edit) return null;
    const text = intent.kind === 'ask' ? intent.question : intent.text;
    if (!text.trim() || BARE_LEAD.test(text.trim())) return null;
    const { result, keepText } = parseChange(ctx, text);
    if (result.ok) return change(ctx, edit.reminderId, result, keepText);
    // A typed question with no time in it was not meant for us: let it through and forget the change.
    if (intent.kind === 'ask' && result.error === 'no-time') {
      await store.delete(REMINDER_EDITS, editId(ctx));
      return null;
    }
    return [parseErrorReply(view(ctx), result)];
  }

  async function remind(ctx: TurnContext, intent: Extract<Intent, { kind: 'remind' }>): Promise<Reply[]> {
    const input = intent.text.trim();
    if (!input || BARE_LEAD.test(input)) return [textReply(ctx.t('reminders.errors.howTo'))];
    const captured = await captureChange(ctx, intent);
    if (captured) return captured;
    const result = parse(ctx, input);
    if (!result.ok) return [parseErrorReply(view(ctx), result)];
    return create(ctx, result, 'message');
  }

  async function list(ctx: TurnContext, notice?: string, placement?: Placement): Promise<Reply[]> {
    const reply = listReply(view(ctx), await book.listFor(ctx.turn.user.id, ctx.now), notice);
    return [placement ? { ...reply, placement } : reply];
  }

  async function createFromOffer(ctx: TurnContext, value: string): Promise<Reply[]> {
    const offer = readOffer(value);
    if (!offer) return [textReply(ctx.t('reminders.errors.invalidOffer'), [], { kind: 'private' })];
    const id = offerReminderId(ctx.turn.user.id, ctx.turn.conversation.key, offer);
    const existing = await book.load(id);
    if (existing?.status === 'scheduled') {
      const when = formatWhen(view(ctx), existing.dueAt);
      return [textReply(ctx.t('reminders.actions.alreadySet', { when, text: existing.text }), [], { kind: 'private' })];
    }
    const resolved = resolveOffer(offer, ctx.now, ctx.timeZone);
    if (!resolved.ok) {
      const message =
        resolved.reason === 'past'
          ? ctx.t('reminders.errors.offerPast')
          : ctx.t('reminders.errors.offerTooFar', { years: MAX_AHEAD_YEARS });
      return [textReply(message, [], { kind: 'private' })];
    }
    const parsed: ParsedReminder = {
      ok: true,
      due: resolved.due,
      text: offer.text,
      recurrence: resolved.recurrence,
      assumedTime: false,
    };
    // One that already rang (delivered, or failed for good) stays in the list as it is; the new one gets an id of
    // its own, so nothing of the old one's delivery (its job, its send notes) can be taken for the new one's.
    return create(ctx, parsed, 'offer', existing ? undefined : id);
  }

  const press = createReminderButtons({
    book,
    view,
    list: (ctx, notice, placement) => list(ctx, notice, placement),
    beginChange: async (ctx, reminder) => {
      await store.update(REMINDER_EDITS, editId(ctx), () => ({ reminderId: reminder.id }));
      const keep = {
        label: ctx.t('reminders.buttons.keep'),
        actionId: REMINDER_ACTIONS.keep,
        value: refValue(reminder.id),
      };
      return [textReply(ctx.t('reminders.actions.changePrompt', { text: userText(reminder.text) }), [keep])];
    },
    endChange: (ctx) => store.delete(REMINDER_EDITS, editId(ctx)),
  });

  return {
    name: 'reminders',
    intents: {
      remind,
      reminders: (ctx) => list(ctx),
    },
    actionAreas: ['reminder'],
    onAction: (ctx, action) =>
      action.actionId === REMINDER_ACTIONS.create ? createFromOffer(ctx, action.value) : press(ctx, action),
    forgetUser: async (ctx, userId) => {
      const mine = await book.listFor(userId, ctx.now);
      for (const reminder of mine) await book.remove(reminder.id);
      return mine.length > 0 ? [ctx.t('reminders.forgotten', { count: mine.length })] : [];
    },
    captureChange,
    prefetch: (turn) => [{ collection: REMINDER_EDITS, id: editIdOf(turn) }],
    // After Ändra, the next typed message is the new time.
    interceptIntent: captureChange,
  };
}
