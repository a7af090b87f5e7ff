/**
 * The buttons of a checklist run. Every value is a small JSON object, validated here because a button value
 * comes back from the platform (a trust boundary): an old card, a crafted payload or a truncated value must
 * end in a polite "that button no longer works", never in an exception.
 */
import { z } from 'zod';
import { CHECKLIST_ACTIONS } from '../action-ids.ts';
import type { Translate } from '../i18n/translator.ts';
import type { Button } from '../model.ts';
import { reminderOfferButton } from '../reminders/offer.ts';
import { ANSWERS, type FollowUp, kebabIdSchema } from './schema.ts';

export { CHECKLIST_ACTIONS };

const runId = z.string().min(1).max(64);
const revision = z.number().int().nonnegative();

const valueSchemas = {
  /** Start (or restart) the case-name prompt; `fresh` skips the offer to continue a run in this thread. */
  [CHECKLIST_ACTIONS.start]: z.object({ checklistId: kebabIdSchema.optional(), fresh: z.boolean().optional() }),
  /** Switch the checklist while the case name is being asked for. */
  [CHECKLIST_ACTIONS.choose]: z.object({ checklistId: kebabIdSchema }),
  [CHECKLIST_ACTIONS.answer]: z.object({ runId, questionId: kebabIdSchema, answer: z.enum(ANSWERS), revision }),
  [CHECKLIST_ACTIONS.why]: z.object({ runId, questionId: kebabIdSchema }),
  [CHECKLIST_ACTIONS.skip]: z.object({ runId, questionId: kebabIdSchema, revision }),
  /** Without a runId: stop waiting for a case name. */
  [CHECKLIST_ACTIONS.cancel]: z.object({ runId: runId.optional() }),
  [CHECKLIST_ACTIONS.continue]: z.object({ runId }),
  [CHECKLIST_ACTIONS.export]: z.object({ runId }),
} as const;

type ValueSchemas = typeof valueSchemas;
/** A checklist button press with its validated value. */
export type ChecklistAction = {
  [K in keyof ValueSchemas]: { id: K; value: z.infer<ValueSchemas[K]> };
}[keyof ValueSchemas];

/** Validates a pressed checklist button; undefined for an unknown id or a value that does not fit. */
export function parseChecklistAction(actionId: string, raw: string): ChecklistAction | undefined {
  if (!(actionId in valueSchemas)) return undefined;
  let json: unknown = {};
  if (raw.trim() !== '') {
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const result = valueSchemas[actionId as keyof ValueSchemas].safeParse(json);
  return result.success ? ({ id: actionId, value: result.data } as ChecklistAction) : undefined;
}

/** A button carrying a checklist action and its value. */
export function checklistButton<K extends keyof ValueSchemas>(
  label: string,
  id: K,
  value: z.input<ValueSchemas[K]>,
  style?: Button['style'],
): Button {
  const button: Button = { label: buttonLabel(label), actionId: id, value: JSON.stringify(value) };
  return style ? { ...button, style } : button;
}

/**
 * The button other features (questions) can offer when a question is really "does our case qualify?".
 * Pressing it starts the usual case-name prompt with the user's default checklist.
 */
export function startChecklistButton(label: string, checklistId?: string): Button {
  return checklistButton(label, CHECKLIST_ACTIONS.start, checklistId ? { checklistId } : {});
}

/**
 * A suggested follow-up as a reminder button: the reminders feature's own `reminder:create` offer, so the value
 * has one schema whoever offers it.
 */
export function followUpButton(
  t: Translate,
  followUp: Pick<FollowUp, 'in' | 'recurrence'> & { label: string; text: string },
): Button {
  const { label, text, in: after, recurrence } = followUp;
  return reminderOfferButton(t, recurrence ? { text, in: after, recurrence } : { text, in: after }, label);
}

// Slack refuses button texts over 75 characters; Teams wraps them badly well before that.
const BUTTON_LABEL_MAX = 75;

function buttonLabel(label: string): string {
  return label.length <= BUTTON_LABEL_MAX ? label : `${label.slice(0, BUTTON_LABEL_MAX - 1).trimEnd()}…`;
}
