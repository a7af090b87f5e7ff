import { z } from 'zod';
import { REMINDER_ID } from './reminder.ts';
import { SNOOZE_CHOICES, type SnoozeChoice } from './time/snooze.ts';

export { REMINDER_ACTIONS } from '../action-ids.ts';

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
