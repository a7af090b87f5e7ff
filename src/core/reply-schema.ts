import { z } from 'zod';
import type { Block, Reply } from './model.ts';

const buttonSchema = z.object({
  label: z.string(),
  actionId: z.string(),
  value: z.string(),
  style: z.enum(['primary', 'danger']).optional(),
});

/** The core's Block, validated when read back from a store or queue. */
export const blockSchema: z.ZodType<Block> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string(), cites: z.array(z.number().int()).optional() }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({
    type: z.literal('context'),
    items: z.array(z.string()),
    citations: z.array(z.object({ title: z.string(), abstract: z.string(), url: z.string().optional() })).optional(),
  }),
  z.object({
    type: z.literal('buttons'),
    buttons: z.array(buttonSchema),
    role: z.enum(['suggestions', 'feedback']).optional(),
  }),
  z.object({ type: z.literal('divider') }),
]);

const placementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply') }),
  z.object({ kind: z.literal('top-level') }),
  z.object({ kind: z.literal('update'), messageId: z.string() }),
  z.object({ kind: z.literal('private') }),
]);

const textFileSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });

/** A Reply as read back from Redis (outbox entries, stored cards): validated, never trusted. */
export const replySchema: z.ZodType<Reply> = z.object({
  blocks: z.array(blockSchema),
  fallbackText: z.string(),
  placement: placementSchema,
  attachment: textFileSchema
    .extend({
      encoding: z.literal('base64').optional(),
      textVersion: textFileSchema.optional(),
      subject: z.string().optional(),
    })
    .optional(),
  mentions: z.array(z.string()).optional(),
  compact: z.array(blockSchema).optional(),
});
