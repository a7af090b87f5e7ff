import { z } from 'zod';
import { LOCALES } from './model.ts';
import type { Collection } from './ports/document-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A user's own settings; an explicit choice here wins over what the platform reports. */
export const userPrefsSchema = z.object({
  locale: z.enum(LOCALES).optional(),
  municipality: z.string().optional(),
  timeZone: z.string().optional(),
  updatedAt: z.string(),
});
export type UserPrefs = z.infer<typeof userPrefsSchema>;

/** Kept for 400 days after the last change, then forgotten (privacy: no unused data kept forever). */
export const USER_PREFS: Collection<UserPrefs> = {
  name: 'user',
  version: 1,
  schema: userPrefsSchema,
  ttlMs: 400 * DAY_MS,
};

/** What the assistant remembers about one thread. Feature-specific context lives in collections of its own. */
export const conversationSchema = z.object({
  startedAt: z.string(),
  lastActiveAt: z.string(),
  turns: z.number().int().nonnegative(),
});
export type ConversationState = z.infer<typeof conversationSchema>;

/** A thread is remembered for 30 days after its last turn. */
export const CONVERSATIONS: Collection<ConversationState> = {
  name: 'conversation',
  version: 1,
  schema: conversationSchema,
  ttlMs: 30 * DAY_MS,
};

/** How long a delivery id is remembered for de-duplication: longer than Slack's last retry (~5 min). */
export const DELIVERY_CLAIM_TTL_MS = 10 * 60 * 1000;
