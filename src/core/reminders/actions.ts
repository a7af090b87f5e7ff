import { z } from 'zod';
import { REMINDER_ID } from './reminder.ts';
import { SNOOZE_CHOICES, type SnoozeChoice } from './when.ts';

/** Button action ids of the reminder area (`area:verb`, shared by Slack action_id and Teams verbs). */
export const REMINDER_ACTIONS = {
  /** On a delivered reminder: this occurrence is done (a one-off is deleted). */
  done: 'reminder:done',
  /** On a delivered reminder: remind again in an hour, tomorrow 09:00 or in a week. */
  snooze: 'reminder:snooze',
  /** On the confirmation: the next `/iop påminn …` from the owner in this conversation changes this reminder. */
  change: 'reminder:change',
  /** Under the "write the new time" prompt: forget the change, keep the reminder. */
  keep: 'reminder:keep',
  /** On the confirmation: delete the reminder just set. */
  undo: 'reminder:undo',
  /** In the list: delete. */
  cancel: 'reminder:cancel',
  /** Offered by other features (checklist follow-ups, knowledge items): create the reminder in the value. */
  create: 'reminder:create',
} as const;

/** Button values are JSON and come back from the platform: they are validated like any other input. */
const refSchema = z.object({ id: z.string().regex(REMINDER_ID), occ: z.number().int().nonnegative().optional() });
const snoozeSchema = refSchema.extend({ occ: z.number().int().nonnegative(), by: z.enum(SNOOZE_CHOICES) });

export type ReminderRef = z.infer<typeof refSchema>;
export type SnoozeRef = z.infer<typeof snoozeSchema>;

/** Value of a button that points at a reminder (and, on delivered messages, at the occurrence shown). */
export function refValue(id: string, occurrence?: number): string {
  return JSON.stringify(occurrence === undefined ? { id } : { id, occ: occurrence });
}

/** Value of a snooze button. */
export function snoozeValue(id: string, occurrence: number, by: SnoozeChoice): string {
  return JSON.stringify({ id, occ: occurrence, by });
}

/** Reads a JSON button value with `schema`; undefined when it is not what we sent. */
export function readValue<T>(schema: z.ZodType<T>, value: string): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(json);
  return result.success ? result.data : undefined;
}

export const readRef = (value: string) => readValue(refSchema, value);
export const readSnooze = (value: string) => readValue(snoozeSchema, value);
