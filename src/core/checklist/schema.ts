/**
 * The shape of a checklist definition (knowledge/checklists/*.yaml). Definitions are edited by municipal
 * staff, so every object is strict: a misspelt key is reported instead of silently ignored.
 */
import '../zod-messages.ts';
import { z } from 'zod';
import { isoDurationSchema } from '../reminders/time/duration.ts';
import { FREQUENCIES, type Frequency } from '../reminders/time/recurrence.ts';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A kebab-case id (`skr`, `ideburen-organisation`). */
export const kebabIdSchema = z.string().regex(KEBAB, 'must be kebab-case: lower-case a–z, digits and single hyphens');

const text = z.string().trim().min(1, 'must not be empty');

/** A text in both languages; Swedish first, English complete. */
export const localizedTextSchema = z.object({ sv: text, en: text }).strict();
/** A non-empty list of texts in both languages. */
export const localizedListSchema = z
  .object({ sv: z.array(text).min(1, 'needs at least one item'), en: z.array(text).min(1, 'needs at least one item') })
  .strict()
  .refine((list) => list.sv.length === list.en.length, 'sv and en must have the same number of items');

/** Ids of entries in knowledge/sources.yaml. */
export const sourceIdsSchema = z.array(kebabIdSchema).min(1, 'name at least one source id');

/** Every signal an answer can give. */
export const SIGNALS = [
  'supports-iop',
  'signals-grant',
  'signals-procurement',
  'not-eligible',
  'needs-review',
  'neutral',
] as const;
/** What an answer says about the choice between IOP, grant and procurement. */
export type Signal = (typeof SIGNALS)[number];

/** The answers offered for every question. */
export const ANSWERS = ['yes', 'no', 'unsure'] as const;
/** An answer an official can give to a question. */
export type Answer = (typeof ANSWERS)[number];

/** Every recommendation a checklist can end in. */
export const OUTCOMES = ['iop', 'grant', 'procurement', 'not-eligible', 'closer-look'] as const;
/** The recommendation a checklist ends in. */
export type OutcomeKind = (typeof OUTCOMES)[number];

/** How a follow-up reminder repeats: the reminders' own frequencies. */
export type Recurrence = Frequency;

const effectSchema = z.object({ signal: z.enum(SIGNALS), reason: localizedTextSchema }).strict();

/** One yes/no/unsure question; `effects` says which signal each answer gives. */
export const questionSchema = z
  .object({
    id: kebabIdSchema,
    text: localizedTextSchema,
    why: localizedTextSchema,
    source: sourceIdsSchema,
    decisive: z.boolean(),
    effects: z.object({ yes: effectSchema, no: effectSchema, unsure: effectSchema }).strict(),
  })
  .strict()
  .superRefine((q, ctx) => {
    // "Unsure" must never decide the outcome by itself; a skipped question is evaluated like "unsure".
    if (q.effects.unsure.signal !== 'needs-review' && q.effects.unsure.signal !== 'neutral') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['effects', 'unsure', 'signal'],
        message: `an "unsure" answer may only give needs-review or neutral, not ${q.effects.unsure.signal}`,
      });
    }
    // Otherwise a decisive question could never let the checklist end in "iop".
    if (q.decisive && q.effects.yes.signal !== 'supports-iop' && q.effects.no.signal !== 'supports-iop') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['effects'],
        message: 'a decisive question needs supports-iop on its yes or its no answer',
      });
    }
  });

const outcomeSchema = z
  .object({
    title: localizedTextSchema,
    explanation: localizedTextSchema,
    nextSteps: localizedListSchema,
    sources: sourceIdsSchema,
  })
  .strict();

/** A reminder the summary suggests; `in` is an ISO-8601 duration counted from the end of the checklist. */
export const followUpSchema = z
  .object({
    id: kebabIdSchema,
    label: localizedTextSchema,
    reminderText: localizedTextSchema,
    in: isoDurationSchema,
    recurrence: z.enum(FREQUENCIES).optional(),
  })
  .strict();

/** A whole checklist definition as written in YAML. */
export const checklistDefinitionSchema = z
  .object({
    id: kebabIdSchema,
    title: localizedTextSchema,
    intro: localizedTextSchema,
    source: sourceIdsSchema,
    municipality: kebabIdSchema.optional(),
    basedOn: localizedTextSchema.optional(),
    questions: z.array(questionSchema).min(1, 'needs at least one question'),
    outcomes: z
      .object({
        iop: outcomeSchema,
        grant: outcomeSchema,
        procurement: outcomeSchema,
        'not-eligible': outcomeSchema,
        'closer-look': outcomeSchema,
      })
      .strict(),
    followUps: z.array(followUpSchema).default([]),
  })
  .strict()
  .superRefine((def, ctx) => {
    uniqueIds(def.questions, 'questions', ctx);
    uniqueIds(def.followUps, 'followUps', ctx);
    if (!def.questions.some((q) => q.decisive)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['questions'],
        message: 'mark at least one question decisive',
      });
    }
  });

function uniqueIds(items: ReadonlyArray<{ id: string }>, field: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, index);
    else
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [field, index, 'id'],
        message: `duplicate id "${item.id}" (already used by ${field}[${first}])`,
      });
  });
}

/** A text in Swedish and English. */
export type LocalizedText = z.infer<typeof localizedTextSchema>;
/** One question of a checklist. */
export type Question = z.infer<typeof questionSchema>;
/** What one answer to a question signals, with the reason shown in the summary. */
export type Effect = Question['effects'][Answer];
/** Title, explanation, next steps and sources of one outcome. */
export type OutcomeContent = z.infer<typeof outcomeSchema>;
/** A suggested reminder. */
export type FollowUp = z.infer<typeof followUpSchema>;
/** A validated checklist definition. */
export type ChecklistDefinition = z.infer<typeof checklistDefinitionSchema>;

/** Formats zod issues as `questions[2].effects.no.signal: message`, one string per problem. */
export function describeIssues(issues: readonly z.ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** Formats a zod path as `questions[2].effects.no.signal` (`(root)` for the document itself). */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  const joined = path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
  return joined || '(root)';
}
