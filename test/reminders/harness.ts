import {
  type Button,
  type ConversationAddress,
  PLATFORMS,
  type Reply,
  type Turn,
  type TurnInput,
} from '../../src/core/model.ts';
import type { Feature } from '../../src/core/feature.ts';
import type { DocumentStore } from '../../src/core/ports/document-store.ts';
import { createReminderDelivery } from '../../src/core/reminders/delivery.ts';
import { createRemindersFeature } from '../../src/core/reminders/reminders-feature.ts';
import { plainText } from '../../src/core/reply.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { InProcessReminderScheduler } from '../../src/infra/reminders/in-process-reminder-scheduler.ts';
import { silentLogger, testBot } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';
import { RecordingMessenger } from './fakes.ts';
import { withoutUserTextMarks } from '../../src/core/user-text.ts';

/** Sunday 22 November 2026, 10:00 in Stockholm. */
export const SUNDAY_10 = new Date('2026-11-22T09:00:00Z');

/** A Slack-like thread, so tests can see a reminder go back to where it was set. */
export const THREAD: ConversationAddress = {
  platform: 'console',
  key: 'console:team-channel:thread-1',
  channelKey: 'console:team-channel',
  isPrivate: false,
  reference: { channel: 'C1', threadTs: '1700000000.000100' },
};

export interface Who {
  user?: string;
  name?: string;
  timeZone?: string;
  conversation?: ConversationAddress;
}

let turns = 0;

/** A turn from `who` (Anna in the thread by default). */
export function turnFrom(input: TurnInput | string, who: Who = {}): Turn {
  return {
    id: `rt${++turns}`,
    conversation: who.conversation ?? THREAD,
    user: { id: who.user ?? 'console:anna', name: who.name ?? 'Anna', platformTimeZone: who.timeZone },
    input: typeof input === 'string' ? { kind: 'message', text: input } : input,
  };
}

/** All text of some replies, for matching. */
export function textOf(replies: Reply[]): string {
  return replies.map((r) => plainText(r.blocks)).join('\n');
}

/** The text of some replies as written (formatting marks kept; people's text without its marks), one block per line. */
export function rawTextOf(replies: Reply[]): string {
  return replies
    .flatMap((r) => r.blocks.flatMap((b) => (b.type === 'text' || b.type === 'heading' ? [b.text] : [])))
    .map(withoutUserTextMarks)
    .join('\n');
}

/** Every button in some replies, labelled as a person sees it. */
export function buttonsOf(replies: Reply[]): Button[] {
  return replies
    .flatMap((r) => r.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])))
    .map((button) => ({ ...button, label: withoutUserTextMarks(button.label) }));
}

/** The button labelled `label` (throws when missing, so a test fails where the button should have been). */
export function button(replies: Reply[], label: string | RegExp): Button {
  const found = buttonsOf(replies).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  if (!found)
    throw new Error(
      `no button ${String(label)} in: ${buttonsOf(replies)
        .map((b) => b.label)
        .join(', ')}`,
    );
  return found;
}

/**
 * The bot with the reminders feature over the memory store, the in-process scheduler without timers (time moves
 * only with `advance`), and a recording messenger for every platform.
 */
export function reminderHarness(
  options: {
    store?: DocumentStore;
    clock?: FakeClock;
    /** Features that offer reminders (questions, checklists), over the same store and clock. */
    features?: (deps: { store: DocumentStore; clock: FakeClock }) => Feature[];
  } = {},
) {
  const clock = options.clock ?? new FakeClock(SUNDAY_10);
  const store = options.store ?? new MemoryDocumentStore(clock);
  let ids = 0;
  const scheduler = new InProcessReminderScheduler({ clock, logger: silentLogger, timers: false, backoffMs: 1_000 });
  const reminders = createRemindersFeature({ store, scheduler, newId: () => `rem-test${++ids}` });
  const { bot } = testBot({ store, clock, features: [reminders, ...(options.features?.({ store, clock }) ?? [])] });
  const messenger = new RecordingMessenger('console');
  const delivery = createReminderDelivery({
    store,
    scheduler,
    clock,
    logger: silentLogger,
    messengers: { console: messenger },
    render: (reminder, opts) => bot.handleReminder(reminder, opts),
  });
  scheduler.startWorker([...PLATFORMS], delivery.handleDue);
  let messages = 0;

  return {
    bot,
    store,
    clock,
    scheduler,
    messenger,
    delivery,
    /** Sends a message as `who`. */
    say: (text: string, who?: Who) => bot.handleTurn(turnFrom(text, who)),
    /** Presses a button as `who`, on a message with its own id (so replies may update it). */
    press: (pressed: Button, who?: Who) =>
      bot.handleTurn(
        turnFrom(
          { kind: 'action', actionId: pressed.actionId, value: pressed.value, messageId: `m${++messages}` },
          who,
        ),
      ),
    /** Lets time pass and runs what fell due (including retries). */
    advance: async (ms: number) => {
      clock.advance(ms);
      let ran = await scheduler.runDue();
      while (ran > 0) ran = await scheduler.runDue();
    },
    /** The pending occurrences, due times as ISO strings. */
    pending: async () =>
      (await scheduler.list()).map((o) => ({ id: o.reminderId, occ: o.occurrence, due: o.dueAt.toISOString() })),
  };
}
