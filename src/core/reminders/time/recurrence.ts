import { z } from 'zod';

/** How often a reminder repeats: the one list the parser, stored reminders, offers and checklists share. */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'yearly'] as const;
/** How often a reminder repeats. */
export type Frequency = (typeof FREQUENCIES)[number];

// `byWeekday` is 0 = Sunday … 6 = Saturday (as `Date#getDay`), `byMonth` is 1–12, `byMonthDay` 1–31. The
// parser always fills the anchor its frequency needs (weekly: byWeekday, monthly: byMonthDay, yearly: byMonth
// and byMonthDay), so that later occurrences can return to e.g. the 31st after a short month.
/** A repeat rule in wall-clock terms of the reminder's time zone, as parsed and as stored. */
export const recurrenceSchema = z.object({
  freq: z.enum(FREQUENCIES),
  interval: z.number().int().min(1).max(100),
  byWeekday: z.number().int().min(0).max(6).optional(),
  byMonthDay: z.number().int().min(1).max(31).optional(),
  byMonth: z.number().int().min(1).max(12).optional(),
});
/** A repeat rule in wall-clock terms of the reminder's time zone. */
export type Recurrence = z.infer<typeof recurrenceSchema>;
