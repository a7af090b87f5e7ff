import { z } from 'zod';
import type { Collection, DocumentStore } from '../../core/ports/document-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Answers can be rated for 30 days (the core keeps QA_ANSWERS as long). */
const ANSWER_MESSAGES: Collection<{ answerId: string }> = {
  name: 'teams-answer-message',
  version: 1,
  schema: z.object({ answerId: z.string().min(1) }),
  ttlMs: 30 * DAY_MS,
};

/**
 * Which answer a posted Teams message carries. Teams' own feedback controls send a `message/submitAction` invoke
 * that names only the rated message (its `replyToId`) and carries nothing of ours, so the answer id is looked up
 * by the message id the Bot Connector gave the answer when it was posted.
 */
export interface AnswerMessages {
  remember(conversationKey: string, messageId: string, answerId: string): Promise<void>;
  recall(conversationKey: string, messageId: string): Promise<string | null>;
}

/** Creates the lookup over the shared DocumentStore. */
export function createAnswerMessages(store: DocumentStore): AnswerMessages {
  const id = (conversationKey: string, messageId: string) => `${conversationKey}:${messageId}`;
  return {
    async remember(conversationKey, messageId, answerId) {
      await store.put(ANSWER_MESSAGES, id(conversationKey, messageId), { answerId });
    },
    async recall(conversationKey, messageId) {
      return (await store.load(ANSWER_MESSAGES, id(conversationKey, messageId)))?.answerId ?? null;
    },
  };
}
