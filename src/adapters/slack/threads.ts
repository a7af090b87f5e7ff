import { z } from 'zod';
import type { Collection, DocumentStore } from '../../core/ports.ts';
import { CONVERSATIONS } from '../../core/state.ts';

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

/** Which channel threads the bot takes part in. */
export interface ThreadMarks {
  /** Remembers a thread the bot posted in that the core has no conversation for (e.g. a new top-level post). */
  mark(team: string, channel: string, threadTs: string, nowIso: string): Promise<void>;
  /** Notes, in this process only, a thread the core keeps a conversation record for anyway. */
  noteConversation(team: string, channel: string, threadTs: string): void;
  isBotThread(team: string, channel: string, threadTs: string): Promise<boolean>;
}

/**
 * Thread marks in the shared store (so every instance knows them). A thread the bot answered a turn in needs no
 * mark of its own: the core's conversation record (`slack:<team>:<channel>:<thread_ts>`) says so already, which
 * saves two Redis round trips on every mention.
 */
export function createThreadMarks(store: DocumentStore): ThreadMarks {
  const recent = new Set<string>();
  const idOf = (team: string, channel: string, threadTs: string) => `${team}:${channel}:${threadTs}`;
  const remember = (id: string) => {
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.add(id);
  };
  return {
    async mark(team, channel, threadTs, nowIso) {
      const id = idOf(team, channel, threadTs);
      if (recent.has(id)) return;
      await store.update(SLACK_THREADS, id, (current) => current ?? { since: nowIso });
      remember(id);
    },
    noteConversation(team, channel, threadTs) {
      remember(idOf(team, channel, threadTs));
    },
    async isBotThread(team, channel, threadTs) {
      const id = idOf(team, channel, threadTs);
      if (recent.has(id)) return true;
      const [marked, conversation] = await Promise.all([
        store.load(SLACK_THREADS, id),
        store.load(CONVERSATIONS, `slack:${team}:${channel}:${threadTs}`),
      ]);
      return marked !== null || conversation !== null;
    },
  };
}
