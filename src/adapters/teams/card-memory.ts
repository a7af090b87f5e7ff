import { z } from 'zod';
import type { Block } from '../../core/model.ts';
import type { Collection, DocumentStore } from '../../core/ports.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const buttonSchema = z.object({
  label: z.string(),
  actionId: z.string(),
  value: z.string(),
  style: z.enum(['primary', 'danger']).optional(),
});

/** The core's Block, validated when read back from the store. */
export const blockSchema: z.ZodType<Block> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ type: z.literal('context'), items: z.array(z.string()) }),
  z.object({ type: z.literal('buttons'), buttons: z.array(buttonSchema) }),
  z.object({ type: z.literal('divider') }),
]);

/**
 * One part of a self-updating card: the blocks of one core reply. `transient` parts were meant only for the
 * person who pressed (the core's `private` placement) and are dropped at the next press.
 */
export const segmentSchema = z.object({
  blocks: z.array(blockSchema),
  fallbackText: z.string(),
  transient: z.boolean().optional(),
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
      await store.update(CARDS, id(conversationKey, cardId), () => ({ segments }));
    },
  };
}
