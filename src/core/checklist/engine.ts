/**
 * A checklist run as a pure state machine. Several people may press buttons on the same run in a shared
 * channel, so every change bumps `revision`, and a press made on an outdated card never silently overwrites
 * a colleague's answer. Operations return values for everything a user can get wrong; nothing here throws.
 */
import { z } from 'zod';
import { LOCALES } from '../model.ts';
import { ANSWER_VALUES, type AnswerValue } from './evaluate.ts';
import { type Answer, type ChecklistDefinition, kebabIdSchema, type Question } from './schema.ts';

export type { AnswerMap, AnswerValue, Evaluation, EvaluationReason } from './evaluate.ts';
export { ANSWER_VALUES, effectOf, evaluate } from './evaluate.ts';

const isoInstant = z.string().datetime({ offset: true });
// Keeps summaries and card titles readable; the case name is a short label, not a description.
const CASE_NAME_MAX = 120;

/** Who did something (platform-qualified id, display name). */
export const actorSchema = z.object({ id: z.string().min(1), name: z.string() });
/** Who did something. */
export type Actor = z.infer<typeof actorSchema>;

/** One recorded answer; `revision` is the run revision that recorded it (used to detect stale presses). */
export const recordedAnswerSchema = z.object({
  answer: z.enum(ANSWER_VALUES),
  by: actorSchema,
  at: isoInstant,
  revision: z.number().int().positive(),
});
/** One recorded answer. */
export type RecordedAnswer = z.infer<typeof recordedAnswerSchema>;

/** Every status a run can have. */
export const RUN_STATUSES = ['active', 'finished', 'cancelled'] as const;
/** Where a run is in its life. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run as persisted (Redis): versioned so a later shape can migrate it. */
export const runStateSchema = z.object({
  version: z.literal(1),
  runId: z.string().min(1),
  checklistId: kebabIdSchema,
  caseName: z.string().max(CASE_NAME_MAX),
  locale: z.enum(LOCALES),
  startedBy: actorSchema,
  startedAt: isoInstant,
  updatedAt: isoInstant,
  status: z.enum(RUN_STATUSES),
  answers: z.record(z.string().min(1), recordedAnswerSchema),
  currentIndex: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
  cancelledBy: actorSchema.optional(),
});
/** A run of one checklist for one case. */
export type RunState = z.infer<typeof runStateSchema>;

/** What an operation did. `conflict` means someone else answered the question after the caller's revision. */
export type RunResult =
  | { kind: 'updated'; state: RunState }
  | { kind: 'unchanged'; state: RunState }
  | { kind: 'conflict'; current: RunState; existing: RecordedAnswer }
  | { kind: 'closed'; state: RunState }
  | { kind: 'unknown-question'; state: RunState };

/** Starts a run; the case name is trimmed, whitespace collapsed and cut to 120 characters. */
export function startRun(
  def: ChecklistDefinition,
  input: { runId: string; caseName: string; locale: RunState['locale']; startedBy: Actor; startedAt: string },
): RunState {
  return {
    version: 1,
    runId: input.runId,
    checklistId: def.id,
    caseName: input.caseName.replace(/\s+/g, ' ').trim().slice(0, CASE_NAME_MAX),
    locale: input.locale,
    startedBy: input.startedBy,
    startedAt: input.startedAt,
    updatedAt: input.startedAt,
    status: 'active',
    answers: {},
    currentIndex: 0,
    revision: 0,
  };
}

/** Records an answer to any question (the current one, or an earlier one being changed). */
export function answerQuestion(
  state: RunState,
  def: ChecklistDefinition,
  input: { questionId: string; answer: Answer; by: Actor; at: string; expectedRevision?: number },
): RunResult {
  return record(state, def, input);
}

/** Records that a question was skipped; without `questionId` the current question is skipped. */
export function skipQuestion(
  state: RunState,
  def: ChecklistDefinition,
  input: { questionId?: string; by: Actor; at: string; expectedRevision?: number },
): RunResult {
  const questionId = input.questionId ?? currentQuestion(def, state)?.id;
  if (questionId === undefined)
    return state.status === 'active' ? { kind: 'unknown-question', state } : { kind: 'closed', state };
  return record(state, def, { ...input, questionId, answer: 'skipped' });
}

/** Cancels an active run; cancelling twice is a no-op, and a finished run cannot be cancelled. */
export function cancelRun(state: RunState, input: { by: Actor; at: string }): RunResult {
  if (state.status === 'cancelled') return { kind: 'unchanged', state };
  if (state.status === 'finished') return { kind: 'closed', state };
  return {
    kind: 'updated',
    state: { ...state, status: 'cancelled', cancelledBy: input.by, updatedAt: input.at, revision: state.revision + 1 },
  };
}

/** The question to ask next, or undefined when the run is finished or cancelled. */
export function currentQuestion(def: ChecklistDefinition, state: RunState): Question | undefined {
  if (state.status !== 'active') return undefined;
  const index = nextOpenIndex(def, state.answers, state.currentIndex);
  return def.questions[index];
}

/** Progress for "Fråga 3 av 8": `position` is the 1-based number of the current question (null when done). */
export function progress(
  def: ChecklistDefinition,
  state: RunState,
): { answered: number; skipped: number; remaining: number; total: number; position: number | null } {
  let answered = 0;
  let skipped = 0;
  for (const q of def.questions) {
    const value = state.answers[q.id]?.answer;
    if (value === 'skipped') skipped++;
    else if (value !== undefined) answered++;
  }
  const current = currentQuestion(def, state);
  const total = def.questions.length;
  return {
    answered,
    skipped,
    remaining: total - answered - skipped,
    total,
    position: current ? def.questions.indexOf(current) + 1 : null,
  };
}

/** True when every question of the definition has an answer (skipped counts as one). */
export function isComplete(def: ChecklistDefinition, state: RunState): boolean {
  return def.questions.every((q) => state.answers[q.id] !== undefined);
}

function record(
  state: RunState,
  def: ChecklistDefinition,
  input: { questionId: string; answer: AnswerValue; by: Actor; at: string; expectedRevision?: number },
): RunResult {
  if (state.status === 'cancelled') return { kind: 'closed', state };
  const index = def.questions.findIndex((q) => q.id === input.questionId);
  if (index < 0 || def.id !== state.checklistId) return { kind: 'unknown-question', state };

  const existing = state.answers[input.questionId];
  // A repeated press (double click, redelivered event) must not count as a step.
  if (existing?.answer === input.answer) return { kind: 'unchanged', state };
  // Stale only matters when this very question was answered by someone else after the caller's view.
  const seen = input.expectedRevision;
  if (seen !== undefined && existing && existing.revision > seen && existing.by.id !== input.by.id) {
    return { kind: 'conflict', current: state, existing };
  }

  const revision = state.revision + 1;
  const answers = {
    ...state.answers,
    [input.questionId]: { answer: input.answer, by: input.by, at: input.at, revision },
  };
  const complete = def.questions.every((q) => answers[q.id] !== undefined);
  return {
    kind: 'updated',
    state: {
      ...state,
      answers,
      revision,
      updatedAt: input.at,
      // Changing an answer after the last question keeps the run finished; it never reopens it.
      status: complete ? 'finished' : state.status,
      currentIndex: complete ? def.questions.length : nextOpenIndex(def, answers, state.currentIndex),
    },
  };
}

/** The first unanswered question at or after `from`, wrapping round to earlier skipped-over gaps. */
function nextOpenIndex(def: ChecklistDefinition, answers: RunState['answers'], from: number): number {
  const n = def.questions.length;
  for (let step = 0; step < n; step++) {
    const i = (from + step) % n;
    const q = def.questions[i];
    if (q && answers[q.id] === undefined) return i;
  }
  return n;
}
