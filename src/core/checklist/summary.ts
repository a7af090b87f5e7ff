/**
 * The result of a run as data (for cards and blocks) and as a Markdown export. Words that do not come from the
 * checklist definition (headings, answer names) are passed in by the caller from the locale files.
 */
import type { Locale } from '../model.ts';
import type { Actor, RunState, RunStatus } from './engine.ts';
import { type AnswerValue, effectOf, evaluate } from './evaluate.ts';
import { cleanUserText } from '../user-text.ts';
import type { ChecklistDefinition, OutcomeKind, Recurrence, Signal } from './schema.ts';

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

/** Localised words for the Markdown export (from locales/*.json, key group `checklist.summary`). */
export interface SummaryLabels {
  date: string;
  startedBy: string;
  status: string;
  statusActive: string;
  statusFinished: string;
  statusCancelled: string;
  recommendation: string;
  provisional: string;
  reasons: string;
  criteria: string;
  columnQuestion: string;
  columnAnswer: string;
  columnAnsweredBy: string;
  columnEffect: string;
  decisive: string;
  answerYes: string;
  answerNo: string;
  answerUnsure: string;
  answerSkipped: string;
  notAnswered: string;
  signalSupportsIop: string;
  signalGrant: string;
  signalProcurement: string;
  signalNotEligible: string;
  signalNeedsReview: string;
  signalNeutral: string;
  nextSteps: string;
  followUps: string;
  sources: string;
  basedOn: string;
  disclaimer: string;
}

/** Builds the summary of a run in `locale`; an unfinished run gives a provisional result. */
export function summarize(def: ChecklistDefinition, state: RunState, locale: Locale): Summary {
  const evaluation = evaluate(def, state.answers);
  const outcome = def.outcomes[evaluation.outcome];
  const texts = new Map(def.questions.map((q) => [q.id, q.text[locale]]));
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
  const reasons = evaluation.reasons.map((r) => ({
    questionId: r.questionId,
    questionText: texts.get(r.questionId) ?? r.questionId,
    answer: r.answer,
    signal: r.signal,
    reason: r.reason[locale],
  }));
  const sources = unique([...outcome.sources, ...evaluation.reasons.flatMap((r) => r.sources), ...def.source]);
  return {
    checklistId: def.id,
    checklistTitle: def.title[locale],
    caseName: state.caseName,
    municipality: def.municipality ?? null,
    basedOn: def.basedOn?.[locale] ?? null,
    status: state.status,
    provisional: !evaluation.complete,
    startedBy: state.startedBy,
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
    outcome: {
      kind: evaluation.outcome,
      title: outcome.title[locale],
      explanation: outcome.explanation[locale],
      nextSteps: [...outcome.nextSteps[locale]],
      sources: [...outcome.sources],
    },
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

/**
 * The summary as a Markdown document for export. `formatDate` turns an ISO instant into local text;
 * `describeSource` turns a source id into a title/link (default: the id itself).
 */
export function summaryMarkdown(
  def: ChecklistDefinition,
  state: RunState,
  locale: Locale,
  formatDate: (iso: string) => string,
  labels: SummaryLabels,
  describeSource: (id: string) => string = (id) => `\`${id}\``,
): string {
  const s = summarize(def, state, locale);
  const answerLabel: Record<AnswerValue, string> = {
    yes: labels.answerYes,
    no: labels.answerNo,
    unsure: labels.answerUnsure,
    skipped: labels.answerSkipped,
  };
  const signalLabel: Record<Signal, string> = {
    'supports-iop': labels.signalSupportsIop,
    'signals-grant': labels.signalGrant,
    'signals-procurement': labels.signalProcurement,
    'not-eligible': labels.signalNotEligible,
    'needs-review': labels.signalNeedsReview,
    neutral: labels.signalNeutral,
  };
  const statusLabel: Record<RunStatus, string> = {
    active: labels.statusActive,
    finished: labels.statusFinished,
    cancelled: labels.statusCancelled,
  };

  const lines: string[] = [];
  lines.push(`# ${inline(s.checklistTitle)}${s.caseName ? `: ${inline(s.caseName)}` : ''}`, '');
  lines.push(`**${labels.date}:** ${inline(formatDate(s.updatedAt))}  `);
  lines.push(`**${labels.startedBy}:** ${inline(s.startedBy.name || s.startedBy.id)}  `);
  lines.push(`**${labels.status}:** ${statusLabel[s.status]}`, '');

  lines.push(`## ${labels.recommendation}`, '', `**${inline(s.outcome.title)}**`, '');
  if (s.provisional) lines.push(`> ${labels.provisional}`, '');
  lines.push(inline(s.outcome.explanation), '');
  if (s.reasons.length > 0) {
    lines.push(`### ${labels.reasons}`, '');
    for (const r of s.reasons)
      lines.push(`- ${inline(r.questionText)} **${answerLabel[r.answer]}** – ${inline(r.reason)}`);
    lines.push('');
  }

  lines.push(`## ${labels.criteria}`, '');
  lines.push(
    `| # | ${labels.columnQuestion} | ${labels.columnAnswer} | ${labels.columnAnsweredBy} | ${labels.columnEffect} |`,
    '|---|---|---|---|---|',
  );
  for (const q of s.questions) {
    const question = `${inline(q.text)}${q.decisive ? ` _(${inline(labels.decisive)})_` : ''}`;
    const answer = q.answer ? answerLabel[q.answer] : labels.notAnswered;
    const by = q.by && q.at ? `${inline(q.by.name || q.by.id)}, ${inline(formatDate(q.at))}` : '';
    const effect = q.signal && q.reason ? `${signalLabel[q.signal]}: ${inline(q.reason)}` : '';
    lines.push(`| ${q.number} | ${question} | ${inline(answer)} | ${by} | ${effect} |`);
  }
  lines.push('');

  lines.push(`## ${labels.nextSteps}`, '');
  s.outcome.nextSteps.forEach((step, i) => {
    lines.push(`${i + 1}. ${inline(step)}`);
  });
  lines.push('');
  if (s.followUps.length > 0) {
    lines.push(`## ${labels.followUps}`, '');
    for (const f of s.followUps) lines.push(`- ${inline(f.label)}`);
    lines.push('');
  }
  lines.push(`## ${labels.sources}`, '');
  for (const id of s.sources) lines.push(`- ${describeSource(id)}`);
  lines.push('');
  if (s.basedOn) lines.push(`_${labels.basedOn}: ${inline(s.basedOn)}_`, '');
  lines.push(`_${labels.disclaimer}_`, '');
  return lines.join('\n');
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Text on one line, with HTML and Markdown control characters neutralised and hidden characters removed (case
 * names and display names are people's text).
 */
function inline(text: string): string {
  return cleanUserText(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|])/g, '\\$1');
}
