import { z } from 'zod';
import type { Collection, DocumentStore } from '../../core/ports/document-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What we keep of a Bot Framework ConversationReference: enough to post into the conversation later.
 * `serviceUrl` is regional and may change, which is why the newest one is stored per conversation.
 */
export const teamsReferenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  user: z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }).optional(),
});
/** A stored conversation reference. */
export type TeamsReference = z.infer<typeof teamsReferenceSchema>;

/** One reference per conversation key; forgotten 400 days after the conversation was last active. */
export const TEAMS_REFERENCES: Collection<TeamsReference> = {
  name: 'teams-reference',
  version: 1,
  schema: teamsReferenceSchema,
  ttlMs: 400 * DAY_MS,
};

// A busy conversation would otherwise cost a Redis write per message; the TTL is long, so a daily refresh is plenty.
const REFRESH_MS = DAY_MS;
const MAX_REMEMBERED = 10_000;

/** Keeps the newest reference per conversation in the state store, for proactive messages (reminders). */
export interface ConversationReferenceStore {
  remember(key: string, reference: TeamsReference): Promise<void>;
  find(key: string): Promise<TeamsReference | null>;
}

/** Creates the store over the shared DocumentStore (Redis in production). */
export function createConversationReferenceStore(
  store: DocumentStore,
  now: () => number = Date.now,
): ConversationReferenceStore {
  const written = new Map<string, { serviceUrl: string; at: number }>();
  return {
    async remember(key, reference) {
      const last = written.get(key);
      if (last && last.serviceUrl === reference.serviceUrl && now() - last.at < REFRESH_MS) return;
      // The newest reference wins whoever wrote before it: one write, no read.
      await store.put(TEAMS_REFERENCES, key, reference);
      if (written.size >= MAX_REMEMBERED) written.clear();
      written.set(key, { serviceUrl: reference.serviceUrl, at: now() });
    },
    find: (key) => store.load(TEAMS_REFERENCES, key),
  };
}
