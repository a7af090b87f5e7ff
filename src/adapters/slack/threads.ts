import { z } from 'zod';
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { Collection, DocumentStore } from '../../core/ports/document-store.ts';
import { CONVERSATIONS } from '../../core/state.ts';
import { slackConversationKey } from './conversation-key.ts';

const threadSchema = z.object({ since: z.string() });

/**
 * Threads the bot has posted in. Replies there reach the bot without a mention (Slack sends every channel message
 * to the app; this decides which are meant for it). Forgotten 30 days after the last post, like conversations.
 */
export const SLACK_THREADS: Collection<z.infer<typeof threadSchema>> = {
  name: 'slack-thread',
  version: 1,
  schema: threadSchema,
  ttlMs: 30 * 24 * 60 * 60 * 1000,
};

/** How many recently marked threads this process remembers, to skip rewriting the same marker. */
const RECENT_LIMIT = 5000;

/** Which channel threads the bot takes part in. None of these throws: marks are a convenience, not a turn's state. */
export interface ThreadMarks {
  /**
   * Remembers a thread the bot posted in that the core has no conversation for (e.g. a new top-level post).
   * While the store is away only this process remembers it.
   */
  mark(team: string, channel: string, threadTs: string, nowIso: string): Promise<void>;
  /** Notes, in this process only, a thread the core keeps a conversation record for anyway. */
  noteConversation(team: string, channel: string, threadTs: string): void;
  /**
   * Whether the bot takes part in the thread. While the store is away, only threads this process knows count:
   * answering unknown threads would put the bot into people's own conversations.
   */
  isBotThread(team: string, channel: string, threadTs: string): Promise<boolean>;
}

/**
 * Thread marks in the shared store (so every instance knows them). A thread the bot answered a turn in needs no
 * mark of its own: the core's conversation record (`slack:<team>:<channel>:<thread_ts>`) says so already, which
 * saves two Redis round trips on every mention.
 */
export function createThreadMarks(store: DocumentStore, logger: CoreLogger): ThreadMarks {
  const recent = new Set<string>();
  // Marks this process knows but could not store (the store was away): the next post in the thread tries again.
  const unstored = new Set<string>();
  const idOf = (team: string, channel: string, threadTs: string) => `${team}:${channel}:${threadTs}`;
  const remember = (id: string) => {
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.add(id);
  };
  return {
    async mark(team, channel, threadTs, nowIso) {
      const id = idOf(team, channel, threadTs);
      if (recent.has(id) && !unstored.has(id)) return;
      remember(id);
      try {
        await store.update(SLACK_THREADS, id, (current) => current ?? { since: nowIso });
        unstored.delete(id);
      } catch (error) {
        if (unstored.size >= RECENT_LIMIT) unstored.clear();
        unstored.add(id);
        logger.warn({ err: error, channel, threadTs }, 'slack thread mark not stored; only this instance knows it');
      }
    },
    noteConversation(team, channel, threadTs) {
      remember(idOf(team, channel, threadTs));
    },
    async isBotThread(team, channel, threadTs) {
      const id = idOf(team, channel, threadTs);
      if (recent.has(id)) return true;
      try {
        const [marked, conversation] = await Promise.all([
          store.load(SLACK_THREADS, id),
          store.load(CONVERSATIONS, slackConversationKey({ team, channel, threadTs })),
        ]);
        return marked !== null || conversation !== null;
      } catch (error) {
        logger.warn({ err: error, channel, threadTs }, 'slack thread marks unreadable; treating the thread as unknown');
        return false;
      }
    },
  };
}
