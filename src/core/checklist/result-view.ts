/**
 * The result of a run as one view model: the data (outcome, reasons, every criterion) resolved to one language,
 * with the words for it (answer, signal and status names, headings) from the locale files. The chat reply
 * (render.ts), the Markdown export (result-markdown.ts) and the command line render it; none has labels of its own.
 */
import type { Translate } from '../i18n/translator.ts';
import type { Locale } from '../model.ts';
import type { Actor, RunState, RunStatus } from './engine.ts';
import { type AnswerMap, type AnswerValue, effectOf, evaluate } from './evaluate.ts';
import { type ChecklistDefinition, type OutcomeKind, type Recurrence, SIGNALS, type Signal } from './schema.ts';

/** One question as it appears in a summary, resolved to one language. */
export interface SummaryQuestion {
  id: string;
  number: number;
  text: string;
  why: string;
  decisive: boolean;
  answer: AnswerValue | null;
  by: Actor | null;
  at: string | null;
  signal: Signal | null;
  reason: string | null;
  sources: string[];
}

/** Everything a platform needs to show the result of a run, resolved to one language. */
export interface Summary {
  checklistId: string;
  checklistTitle: string;
  caseName: string;
  municipality: string | null;
  basedOn: string | null;
  status: RunStatus;
  provisional: boolean;
  startedBy: Actor;
  startedAt: string;
  updatedAt: string;
  outcome: { kind: OutcomeKind; title: string; explanation: string; nextSteps: string[]; sources: string[] };
  reasons: Array<{ questionId: string; questionText: string; answer: AnswerValue; signal: Signal; reason: string }>;
  questions: SummaryQuestion[];
  sources: string[];
  followUps: Array<{
    id: string;
    label: string;
    reminderText: string;
    in: string;
    recurrence: Recurrence | null;
  }>;
}

/** The words of a result, from locales/*.json: one set for chat, export and command line. */
export interface ResultLabels {
  answers: Record<AnswerValue, string>;
  signals: Record<Signal, string>;
  /** Lower case, as they read inside a sentence ("pågår"). */
  statuses: Record<RunStatus, string>;
  /** Headings and fixed phrases, from `checklist.summary.*`. */
  words: Record<(typeof WORD_KEYS)[number], string>;
}

const WORD_KEYS = [
  'date',
  'startedBy',
  'status',
  'recommendation',
  'provisional',
  'reasons',
  'criteria',
  'columnQuestion',
  'columnAnswer',
  'columnAnsweredBy',
  'columnEffect',
  'decisive',
  'notAnswered',
  'nextSteps',
  'followUps',
  'sources',
  'basedOn',
  'disclaimer',
] as const;

/** The result's words in the language of `t`. */
export function resultLabels(t: Translate): ResultLabels {
  const record = <K extends string>(keys: readonly K[], name: (key: K) => string) =>
    Object.fromEntries(keys.map((key) => [key, name(key)])) as Record<K, string>;
  return {
    answers: record(['yes', 'no', 'unsure', 'skipped'] as const, (a) => t(`checklist.answers.${a}`)),
    signals: record(SIGNALS, (signal) => t(`checklist.signals.${signal}`)),
    statuses: record(['active', 'finished', 'cancelled'] as const, (status) => t(`checklist.status.${status}`)),
    words: record(WORD_KEYS, (key) => t(`checklist.summary.${key}`)),
  };
}

/** What a set of answers leads to, resolved to one language: all the command line shows of a result. */
export interface OutcomeView {
  outcome: Summary['outcome'];
  provisional: boolean;
  reasons: Array<Summary['reasons'][number] & { answerLabel: string; signalLabel: string }>;
  sources: string[];
}

/** What `answers` lead to in `locale`, without words of ours. */
function outcomeOf(def: ChecklistDefinition, answers: AnswerMap, locale: Locale) {
  const evaluation = evaluate(def, answers);
  const outcome = def.outcomes[evaluation.outcome];
  const texts = new Map(def.questions.map((q) => [q.id, q.text[locale]]));
  return {
    outcome: {
      kind: evaluation.outcome,
      title: outcome.title[locale],
      explanation: outcome.explanation[locale],
      nextSteps: [...outcome.nextSteps[locale]],
      sources: [...outcome.sources],
    },
    provisional: !evaluation.complete,
    reasons: evaluation.reasons.map((r) => ({
      questionId: r.questionId,
      questionText: texts.get(r.questionId) ?? r.questionId,
      answer: r.answer,
      signal: r.signal,
      reason: r.reason[locale],
    })),
    sources: unique([...outcome.sources, ...evaluation.reasons.flatMap((r) => r.sources), ...def.source]),
  };
}

/** The outcome of `answers` (no run needed), with its words. */
export function outcomeView(
  def: ChecklistDefinition,
  answers: AnswerMap,
  locale: Locale,
  labels: ResultLabels,
): OutcomeView {
  const o = outcomeOf(def, answers, locale);
  return { ...o, reasons: o.reasons.map((r) => withLabels(r, labels)) };
}

function withLabels<R extends { answer: AnswerValue; signal: Signal }>(r: R, labels: ResultLabels) {
  return { ...r, answerLabel: labels.answers[r.answer], signalLabel: labels.signals[r.signal] };
}

/** A run's result with its words: what every renderer of a result reads. */
export interface ResultView extends Summary {
  labels: ResultLabels;
  statusLabel: string;
  reasons: OutcomeView['reasons'];
  questions: Array<SummaryQuestion & { answerLabel: string | null; signalLabel: string | null }>;
}

/** The view of a run's result in `locale`; an unfinished run gives a provisional result. */
export function resultView(
  def: ChecklistDefinition,
  state: RunState,
  locale: Locale,
  labels: ResultLabels,
): ResultView {
  const summary = summarize(def, state, locale);
  return {
    ...summary,
    labels,
    statusLabel: labels.statuses[summary.status],
    reasons: summary.reasons.map((r) => withLabels(r, labels)),
    questions: summary.questions.map((q) => ({
      ...q,
      answerLabel: q.answer ? labels.answers[q.answer] : null,
      signalLabel: q.signal ? labels.signals[q.signal] : null,
    })),
  };
}

/** Builds the summary of a run in `locale`; an unfinished run gives a provisional result. */
export function summarize(def: ChecklistDefinition, state: RunState, locale: Locale): Summary {
  const { outcome, provisional, reasons, sources } = outcomeOf(def, state.answers, locale);
  const questions = def.questions.map((q, i): SummaryQuestion => {
    const recorded = state.answers[q.id];
    const effect = recorded ? effectOf(q, recorded.answer) : undefined;
    return {
      id: q.id,
      number: i + 1,
      text: q.text[locale],
      why: q.why[locale],
      decisive: q.decisive,
      answer: recorded?.answer ?? null,
      by: recorded?.by ?? null,
      at: recorded?.at ?? null,
      signal: effect?.signal ?? null,
      reason: effect?.reason[locale] ?? null,
      sources: [...q.source],
    };
  });
  return {
    checklistId: def.id,
    checklistTitle: def.title[locale],
    caseName: state.caseName,
    municipality: def.municipality ?? null,
    basedOn: def.basedOn?.[locale] ?? null,
    status: state.status,
    provisional,
    startedBy: state.startedBy,
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
    outcome,
    reasons,
    questions,
    sources,
    followUps: def.followUps.map((f) => ({
      id: f.id,
      label: f.label[locale],
      reminderText: f.reminderText[locale],
      in: f.in,
      recurrence: f.recurrence ?? null,
    })),
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
