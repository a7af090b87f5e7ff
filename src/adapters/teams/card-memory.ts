import { z } from 'zod';
import type { Collection, DocumentStore } from '../../core/ports/document-store.ts';
import { blockSchema } from '../../core/reply-schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One part of a self-updating card: the blocks of one core reply. `transient` parts were meant only for the
 * person who pressed (the core's `private` placement) and are dropped at the next press.
 */
export const segmentSchema = z.object({
  blocks: z.array(blockSchema),
  fallbackText: z.string(),
  transient: z.boolean().optional(),
  /** The reply's short form (Reply.compact), shown when the part is folded. */
  compact: z.array(blockSchema).optional(),
});
/** One part of a card. */
export type Segment = z.infer<typeof segmentSchema>;

const cardSchema = z.object({ segments: z.array(segmentSchema).max(100) });

/** Kept as long as a checklist run may stay open (CHECKLIST_TTL_DAYS defaults to 30). */
const CARDS: Collection<{ segments: Segment[] }> = {
  name: 'teams-card',
  version: 1,
  schema: cardSchema,
  ttlMs: 30 * DAY_MS,
};

/**
 * What a card in a personal or group chat is made of, by message id. Teams sends no card content with a press,
 * so this is how a card that folds several replies together knows which part the pressed button was on.
 */
export interface CardMemory {
  recall(conversationKey: string, cardId: string): Promise<Segment[] | null>;
  remember(conversationKey: string, cardId: string, segments: Segment[]): Promise<void>;
}

/** Creates the memory over the shared DocumentStore. */
export function createCardMemory(store: DocumentStore): CardMemory {
  const id = (conversationKey: string, cardId: string) => `${conversationKey}:${cardId}`;
  return {
    async recall(conversationKey, cardId) {
      return (await store.load(CARDS, id(conversationKey, cardId)))?.segments ?? null;
    },
    async remember(conversationKey, cardId, segments) {
      // The card's whole new composition replaces the old one: one write, no read.
      await store.put(CARDS, id(conversationKey, cardId), { segments });
    },
  };
}
