/**
 * Turns answers into a recommendation. The rules live here once; the checklist YAML only says which signal
 * each answer gives, so a municipality can change its criteria without touching code.
 *
 * Rules, first match wins:
 *  1. any `not-eligible` signal                    ⇒ not-eligible (a basic condition for IOP fails)
 *  2. any `signals-procurement` signal             ⇒ procurement  (wins over grant: an "IOP" that is really a
 *                                                     purchase is an unlawful direct award — the Alingsås case)
 *  3. any `signals-grant` signal                   ⇒ grant
 *  4. any `needs-review` signal, or a decisive question that is unanswered, unsure, skipped or answered
 *     without `supports-iop`                       ⇒ closer-look
 *  5. otherwise (every decisive question answered with `supports-iop`) ⇒ iop
 *
 * A skipped question is evaluated like "unsure" (its signal and reason come from the `unsure` effect); the
 * schema only allows `needs-review` or `neutral` there, so not knowing never decides the outcome by itself.
 * Answers to question ids the definition no longer has (the YAML was edited during a run) are ignored.
 */
import type { Answer, ChecklistDefinition, LocalizedText, OutcomeKind, Question, Signal } from './schema.ts';

/** Every value a run can record for a question. */
export const ANSWER_VALUES = ['yes', 'no', 'unsure', 'skipped'] as const;
/** What a run records for a question: an answer, or that it was skipped. */
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** Answers keyed by question id, either bare or as recorded in a run. */
export type AnswerMap = Readonly<Record<string, AnswerValue | { readonly answer: AnswerValue } | undefined>>;

/** One answer that led to the outcome. */
export interface EvaluationReason {
  questionId: string;
  answer: AnswerValue;
  signal: Signal;
  reason: LocalizedText;
  sources: string[];
}

/** The recommendation for a set of answers; `complete` is false for a provisional result. */
export interface Evaluation {
  outcome: OutcomeKind;
  complete: boolean;
  reasons: EvaluationReason[];
}

/** The effect an answer value has: skipped counts as unsure. */
export function effectOf(question: Question, answer: AnswerValue): { signal: Signal; reason: LocalizedText } {
  const key: Answer = answer === 'skipped' ? 'unsure' : answer;
  return question.effects[key];
}

/** Reads the answer value out of either shape of AnswerMap entry. */
export function answerValueOf(entry: AnswerMap[string]): AnswerValue | undefined {
  return typeof entry === 'object' ? entry.answer : entry;
}

/** Applies the rules above to the answers given so far. */
export function evaluate(def: ChecklistDefinition, answers: AnswerMap): Evaluation {
  const given: Array<EvaluationReason & { decisive: boolean }> = [];
  let decisiveOpen = false;
  for (const question of def.questions) {
    const answer = answerValueOf(answers[question.id]);
    if (answer === undefined) {
      if (question.decisive) decisiveOpen = true;
      continue;
    }
    const effect = effectOf(question, answer);
    given.push({
      questionId: question.id,
      answer,
      signal: effect.signal,
      reason: effect.reason,
      sources: [...question.source],
      decisive: question.decisive,
    });
  }
  const complete = def.questions.every((q) => answerValueOf(answers[q.id]) !== undefined);
  const pick = (keep: (r: (typeof given)[number]) => boolean): EvaluationReason[] =>
    given.filter(keep).map(({ decisive: _decisive, ...reason }) => reason);
  const withSignal = (signal: Signal) => pick((r) => r.signal === signal);

  const notEligible = withSignal('not-eligible');
  if (notEligible.length > 0) return { outcome: 'not-eligible', complete, reasons: notEligible };
  const procurement = withSignal('signals-procurement');
  if (procurement.length > 0) return { outcome: 'procurement', complete, reasons: procurement };
  const grant = withSignal('signals-grant');
  if (grant.length > 0) return { outcome: 'grant', complete, reasons: grant };

  const doubtful = pick((r) => r.signal === 'needs-review' || (r.decisive && r.signal !== 'supports-iop'));
  if (doubtful.length > 0 || decisiveOpen) return { outcome: 'closer-look', complete, reasons: doubtful };
  return { outcome: 'iop', complete, reasons: withSignal('supports-iop') };
}
