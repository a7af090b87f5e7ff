import type { Block, Reply } from '../../core/model.ts';
import type { ReminderRuntime } from '../../infra/reminders/reminder-runtime.ts';

/** `console:anna` → `@anna`: how a mention reads in a terminal. */
function mentionOf(userId: string): string {
  return `@${userId.replace(/^console:/, '')}`;
}

/**
 * Puts the reply's mentions in front of its first text, as Slack (`<@U…>`) and Teams (`<at>`) renderers put theirs;
 * the console renderer itself does not know about mentions.
 */
export function withMentions(reply: Reply): Reply {
  if (!reply.mentions?.length) return reply;
  const names = reply.mentions.map(mentionOf).join(' ');
  const index = reply.blocks.findIndex((b) => b.type === 'text');
  if (index < 0) return { ...reply, blocks: [{ type: 'text', text: names }, ...reply.blocks] };
  const blocks: Block[] = reply.blocks.map((block, i) =>
    i === index && block.type === 'text' ? { ...block, text: `${names} ${block.text}` } : block,
  );
  return { ...reply, blocks, fallbackText: `${names} ${reply.fallbackText}` };
}

/**
 * The console's messenger side: reminders due in this chat's conversation are printed through the chat's `print`
 * (in process without Redis; from the Redis outbox with it, including those that fell due while no chat ran).
 * Returns a function that stops printing them.
 */
export function printConsoleReminders(
  reminders: Pick<ReminderRuntime, 'openInbox'>,
  conversationKey: string,
  print: (replies: Reply[]) => void,
): () => Promise<void> {
  return reminders.openInbox('console', conversationKey, (replies) => print(replies.map(withMentions)));
}
