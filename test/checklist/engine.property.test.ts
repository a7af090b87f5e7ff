import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnswerValue,
  answerQuestion,
  cancelRun,
  evaluate,
  isComplete,
  type RunResult,
  type RunState,
  runStateSchema,
  skipQuestion,
  startRun,
} from '../../src/core/checklist/engine.ts';
import { summarize } from '../../src/core/checklist/result-view.ts';
import { ANSWERS, type ChecklistDefinition, type OutcomeKind } from '../../src/core/checklist/schema.ts';
import { loadChecklists } from '../../src/infra/checklist-loader.ts';
import { anna, at, bo, CHECKLIST_DIR } from './support.ts';

const definitions = [...(await loadChecklists(CHECKLIST_DIR)).values()];
const actors = [anna, bo] as const;

/**
 * The recommendation rules, written out again independently of the engine: not-eligible, then procurement, then
 * grant; a closer look for needs-review or a decisive question not clearly answered in favour of IOP; else IOP.
 */
function expectedOutcome(def: ChecklistDefinition, answers: Record<string, { answer: AnswerValue }>): OutcomeKind {
  const signals: string[] = [];
  let decisiveUnclear = false;
  for (const q of def.questions) {
    const given = answers[q.id]?.answer;
    if (given === undefined) {
      if (q.decisive) decisiveUnclear = true;
      continue;
    }
    const signal = given === 'skipped' ? q.effects.unsure.signal : q.effects[given].signal;
    signals.push(signal);
    if (q.decisive && (given === 'unsure' || given === 'skipped' || signal !== 'supports-iop')) decisiveUnclear = true;
  }
  if (signals.includes('not-eligible')) return 'not-eligible';
  if (signals.includes('signals-procurement')) return 'procurement';
  if (signals.includes('signals-grant')) return 'grant';
  if (signals.includes('needs-review') || decisiveUnclear) return 'closer-look';
  return 'iop';
}

type Op =
  | { kind: 'answer'; q: number; answer: (typeof ANSWERS)[number]; actor: 0 | 1; lag: number | undefined }
  | { kind: 'skip'; q: number | undefined; actor: 0 | 1; lag: number | undefined }
  | { kind: 'cancel'; actor: 0 | 1 };

const actorArb = fc.constantFrom<0 | 1>(0, 1);
// How many revisions behind the card the user pressed on was (undefined: the caller sent no revision).
const lagArb = fc.option(fc.nat(3), { nil: undefined });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      q: fc.nat(40),
      answer: fc.constantFrom(...ANSWERS),
      actor: actorArb,
      lag: lagArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('skip' as const),
      q: fc.option(fc.nat(40), { nil: undefined }),
      actor: actorArb,
      lag: lagArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), actor: actorArb }) },
);

function apply(def: ChecklistDefinition, state: RunState, op: Op, minute: number): RunResult {
  const by = actors[op.actor];
  if (op.kind === 'cancel') return cancelRun(state, { by, at: at(minute) });
  const expectedRevision = op.lag === undefined ? undefined : Math.max(0, state.revision - op.lag);
  if (op.kind === 'skip') {
    const questionId = op.q === undefined ? undefined : def.questions[op.q % def.questions.length]?.id;
    return skipQuestion(state, def, { questionId, by, at: at(minute), expectedRevision });
  }
  const questionId = def.questions[op.q % def.questions.length]?.id ?? '';
  return answerQuestion(state, def, { questionId, answer: op.answer, by, at: at(minute), expectedRevision });
}

function next(result: RunResult): RunState {
  return result.kind === 'conflict' ? result.current : result.state;
}

describe('checklist runs under any sequence of presses', () => {
  it('stay valid, count every effective change once, and summarise by the rules', () => {
    fc.assert(
      fc.property(fc.constantFrom(...definitions), fc.array(opArb, { maxLength: 60 }), (def, ops) => {
        let state = startRun(def, { runId: 'r1', caseName: 'Fallet', locale: 'sv', startedBy: anna, startedAt: at(0) });
        let updates = 0;
        ops.forEach((op, i) => {
          const before = state;
          const result = apply(def, before, op, i + 1);
          state = next(result);
          if (result.kind === 'updated') {
            updates++;
            expect(state.revision).toBe(before.revision + 1);
            expect(state.updatedAt >= before.updatedAt).toBe(true);
          } else {
            // Nothing happened: no lost or duplicated step, and the caller can re-render from `state`.
            expect(state).toBe(before);
          }
          if (result.kind === 'conflict') {
            expect(result.existing.by.id).not.toBe(actors[op.actor].id);
            expect(op.kind === 'answer' || op.kind === 'skip').toBe(true);
          }
          if (result.kind === 'updated' && op.kind === 'answer') {
            const id = def.questions[op.q % def.questions.length]?.id ?? '';
            expect(state.answers[id]).toMatchObject({ answer: op.answer, by: actors[op.actor] });
          }

          expect(runStateSchema.safeParse(JSON.parse(JSON.stringify(state))).success).toBe(true);
          const summary = summarize(def, state, 'sv');
          const evaluation = evaluate(def, state.answers);
          expect(summary.outcome.kind).toBe(evaluation.outcome);
          expect(summary.outcome.kind).toBe(expectedOutcome(def, state.answers));
          expect(summary.provisional).toBe(!isComplete(def, state));
          expect(evaluation.complete).toBe(isComplete(def, state));
          if (state.status === 'finished') expect(isComplete(def, state)).toBe(true);
          if (isComplete(def, state) && state.status !== 'cancelled') expect(state.status).toBe('finished');
        });
        expect(state.revision).toBe(updates);
      }),
      { numRuns: 300 },
    );
  });

  it('give back the earlier result when an answer is changed and changed back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...definitions),
        fc.array(fc.constantFrom<AnswerValue>('yes', 'no', 'unsure', 'skipped'), { minLength: 40, maxLength: 40 }),
        fc.nat(40),
        fc.constantFrom<AnswerValue>('yes', 'no', 'unsure', 'skipped'),
        (def, answers, pick, other) => {
          let state = startRun(def, { runId: 'r2', caseName: 'Fallet', locale: 'en', startedBy: bo, startedAt: at(0) });
          def.questions.forEach((q, i) => {
            const answer = answers[i] ?? 'yes';
            const result =
              answer === 'skipped'
                ? skipQuestion(state, def, { questionId: q.id, by: anna, at: at(i + 1) })
                : answerQuestion(state, def, { questionId: q.id, answer, by: anna, at: at(i + 1) });
            state = next(result);
          });
          const question = def.questions[pick % def.questions.length];
          if (!question) throw new Error('no question');
          const original = state.answers[question.id]?.answer ?? 'yes';
          const before = evaluate(def, state.answers);
          const set = (s: RunState, value: AnswerValue, minute: number): RunState =>
            next(
              value === 'skipped'
                ? skipQuestion(s, def, { questionId: question.id, by: bo, at: at(minute) })
                : answerQuestion(s, def, { questionId: question.id, answer: value, by: bo, at: at(minute) }),
            );
          const changed = set(state, other, 100);
          const restored = set(changed, original, 101);
          expect(evaluate(def, restored.answers)).toEqual(before);
          expect(summarize(def, restored, 'en').outcome).toEqual(summarize(def, state, 'en').outcome);
          expect(restored.revision).toBe(state.revision + (other === original ? 0 : 2));
        },
      ),
      { numRuns: 300 },
    );
  });
});
