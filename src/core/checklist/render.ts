/**
 * The messages of a checklist run as platform-neutral blocks. Pure: everything it shows is passed in, and all
 * words come from the locale files (`checklist.*`) or the checklist definition.
 */
import type { Translate } from '../i18n/translator.ts';
import type { Block, Button, Placement, Reply } from '../model.ts';
import { blocksReply } from '../reply.ts';
import { CHECKLIST_ACTIONS, checklistButton, followUpButton } from './actions.ts';
import { type AnswerValue, progress, type RunState } from './engine.ts';
import { resultLabels, resultView, summarize } from './result-view.ts';
import { ANSWERS, type ChecklistDefinition, type Question } from './schema.ts';
import { userText } from '../user-text.ts';

/** Turns an ISO instant into the reader's local date. */
export type FormatDate = (iso: string) => string;
/** Turns a source id into its title (knowledge/sources.yaml); undefined when unknown. */
export type SourceTitle = (id: string) => string | undefined;

// The reminders feature accepts at most 500 characters of reminder text.
const REMINDER_TEXT_MAX = 500;

/** The localised name of an answer ("Ja", "Hoppade över"). */
export function answerName(t: Translate, answer: AnswerValue): string {
  return t(`checklist.answers.${answer}`);
}

/** Asks for the case name; offers the other checklists and a way out. */
export function casePrompt(
  t: Translate,
  def: ChecklistDefinition,
  others: ChecklistDefinition[],
  options: { locale: RunState['locale']; municipality?: string; placement?: Placement },
): Reply {
  const blocks: Block[] = [
    {
      type: 'text',
      text: t('checklist.prompt.caseName', { title: def.title[options.locale], count: def.questions.length }),
    },
  ];
  if (others.length > 0) {
    blocks.push({
      type: 'context',
      items: [
        options.municipality
          ? t('checklist.prompt.chosenFor', { municipality: options.municipality })
          : t('checklist.prompt.chooseOther'),
      ],
    });
  }
  const buttons = others.map((other) =>
    checklistButton(t('checklist.prompt.use', { title: other.title[options.locale] }), CHECKLIST_ACTIONS.choose, {
      checklistId: other.id,
    }),
  );
  buttons.push(checklistButton(t('checklist.question.cancel'), CHECKLIST_ACTIONS.cancel, {}));
  blocks.push({ type: 'buttons', buttons });
  return blocksReply(blocks, options.placement);
}

/** The message that opens the run in the channel; the questions follow in its thread. */
export function introReply(t: Translate, def: ChecklistDefinition, run: RunState): Reply {
  return blocksReply(
    [
      { type: 'heading', text: t('checklist.intro.heading', { caseName: userText(run.caseName) }) },
      { type: 'text', text: `*${def.title[run.locale]}*\n${def.intro[run.locale]}` },
      {
        type: 'context',
        items: [t('checklist.intro.meta', { name: actorName(run.startedBy), count: def.questions.length })],
      },
    ],
    { kind: 'top-level' },
  );
}

function questionHeader(t: Translate, def: ChecklistDefinition, run: RunState, question: Question): Block[] {
  const position = def.questions.indexOf(question) + 1;
  const context = [userText(run.caseName)];
  if (question.decisive) context.push(t('checklist.question.decisive'));
  return [
    {
      type: 'text',
      text: `*${t('checklist.question.progress', { position, total: def.questions.length })}*\n${question.text[run.locale]}`,
    },
    { type: 'context', items: context },
  ];
}

/** A question waiting for an answer, with Ja / Nej / Osäker, "Varför frågar vi?", Hoppa över and Avbryt. */
export function openQuestion(t: Translate, def: ChecklistDefinition, run: RunState, question: Question): Reply {
  const ref = { runId: run.runId, questionId: question.id };
  const buttons: Button[] = [
    // No answer is styled as the expected one: for several questions "Ja" counts against IOP.
    ...ANSWERS.map((answer) =>
      checklistButton(answerName(t, answer), CHECKLIST_ACTIONS.answer, { ...ref, answer, revision: run.revision }),
    ),
    checklistButton(t('checklist.question.why'), CHECKLIST_ACTIONS.why, ref),
    checklistButton(t('checklist.question.skip'), CHECKLIST_ACTIONS.skip, { ...ref, revision: run.revision }),
    checklistButton(t('checklist.question.cancel'), CHECKLIST_ACTIONS.cancel, { runId: run.runId }, 'danger'),
  ];
  return blocksReply([...questionHeader(t, def, run, question), { type: 'buttons', buttons }]);
}

/** Buttons that change a recorded answer to each of the other answers. */
export function changeButtons(t: Translate, run: RunState, questionId: string, current?: AnswerValue): Button[] {
  return ANSWERS.filter((answer) => answer !== current).map((answer) =>
    checklistButton(t('checklist.question.changeTo', { answer: answerName(t, answer) }), CHECKLIST_ACTIONS.answer, {
      runId: run.runId,
      questionId,
      answer,
      revision: run.revision,
    }),
  );
}

/** A question after it was answered: the answer, who gave it, and buttons to change it. */
export function answeredQuestion(
  t: Translate,
  def: ChecklistDefinition,
  run: RunState,
  question: Question,
  placement: Placement,
): Reply {
  const recorded = run.answers[question.id];
  const blocks = questionHeader(t, def, run, question);
  if (recorded) {
    const name = actorName(recorded.by);
    blocks.push({
      type: 'text',
      text:
        recorded.answer === 'skipped'
          ? t('checklist.question.skippedBy', { name })
          : t('checklist.question.answeredBy', { answer: answerName(t, recorded.answer), name }),
    });
  }
  const buttons: Block[] =
    run.status !== 'cancelled'
      ? [{ type: 'buttons', buttons: changeButtons(t, run, question.id, recorded?.answer) }]
      : [];
  blocks.push(...buttons);
  const reply = blocksReply(blocks, placement);
  if (!recorded) return reply;
  const line = t('checklist.question.answeredLine', {
    number: def.questions.indexOf(question) + 1,
    text: question.text[run.locale],
    answer: answerName(t, recorded.answer),
    name: actorName(recorded.by),
  });
  return { ...reply, compact: [{ type: 'text', text: line }, ...buttons] };
}

/** The question message after the run was cancelled from it. */
export function cancelledQuestion(
  t: Translate,
  def: ChecklistDefinition,
  run: RunState,
  question: Question | undefined,
  placement: Placement,
): Reply {
  const blocks: Block[] = question ? questionHeader(t, def, run, question) : [];
  blocks.push({ type: 'text', text: t('checklist.notices.cancelledBy', { name: actorName(run.cancelledBy) }) });
  return blocksReply(blocks, placement);
}

/** "Varför frågar vi?": the reason behind the criterion and its sources, shown only to the one who asked. */
export function whyReply(t: Translate, run: RunState, question: Question, sourceTitle: SourceTitle): Reply {
  const sources = question.source.map((id) => sourceTitle(id) ?? id).join('; ');
  return blocksReply(
    [
      { type: 'text', text: `*${t('checklist.question.why')}*\n${question.why[run.locale]}` },
      { type: 'context', items: [t('checklist.question.sources', { sources })] },
    ],
    { kind: 'private' },
  );
}

/** What the summary shows besides the run: dates and sources for the reader, reminders other features offer. */
export interface SummaryHelpers {
  formatDate: FormatDate;
  sourceTitle: SourceTitle;
  note?: string;
  /** Reminder offers beside the follow-ups, such as one before the guideline the checklist follows expires. */
  offers?: readonly Button[];
}

/** The result: recommendation, every criterion with its answer and effect, next steps, sources, follow-ups. */
export function summaryReply(t: Translate, def: ChecklistDefinition, run: RunState, helpers: SummaryHelpers): Reply {
  const s = resultView(def, run, run.locale, resultLabels(t));
  const labels = s.labels.words;
  const blocks: Block[] = [];
  if (helpers.note) blocks.push({ type: 'context', items: [helpers.note] });
  blocks.push(
    { type: 'heading', text: t('checklist.result.heading', { caseName: userText(run.caseName) }) },
    {
      type: 'context',
      items: [
        t('checklist.result.meta', {
          title: s.checklistTitle,
          status: s.statusLabel,
          date: helpers.formatDate(run.updatedAt),
        }),
      ],
    },
    {
      type: 'text',
      text: `*${t('checklist.result.recommendation', { title: s.outcome.title })}*\n${s.outcome.explanation}`,
    },
  );
  if (s.provisional) blocks.push({ type: 'context', items: [labels.provisional] });
  // For "IOP looks suitable" every answer is a reason; the criteria below already show them.
  if (s.outcome.kind !== 'iop' && s.reasons.length > 0) {
    const lines = s.reasons.map((r) => `• ${r.questionText} *${r.answerLabel}* – ${r.reason}`);
    blocks.push({ type: 'text', text: `*${labels.reasons}*\n${lines.join('\n')}` });
  }
  blocks.push({ type: 'divider' }, { type: 'text', text: `*${labels.criteria}*` });
  for (const q of s.questions) {
    blocks.push({
      type: 'text',
      text:
        q.answerLabel && q.by
          ? t('checklist.result.criterion', {
              number: q.number,
              text: q.text,
              answer: q.answerLabel,
              name: actorName(q.by),
              effect: q.signalLabel && q.reason ? `${q.signalLabel}: ${q.reason}` : '',
            })
          : t('checklist.result.criterionOpen', { number: q.number, text: q.text }),
    });
  }
  blocks.push(
    { type: 'divider' },
    {
      type: 'text',
      text: `*${labels.nextSteps}*\n${s.outcome.nextSteps.map((step, i) => `${i + 1}. ${step}`).join('\n')}`,
    },
    {
      type: 'text',
      text: `*${labels.sources}*\n${s.sources.map((id) => `• ${helpers.sourceTitle(id) ?? id}`).join('\n')}`,
    },
    { type: 'context', items: [s.basedOn ? `${labels.basedOn}: ${s.basedOn}` : '', labels.disclaimer].filter(Boolean) },
  );
  const buttons: Button[] = [];
  if (run.status === 'finished') {
    for (const f of s.followUps) {
      // The reminder arrives weeks later, maybe elsewhere: it says which case it is about.
      const text = `${run.caseName}: ${f.reminderText}`.slice(0, REMINDER_TEXT_MAX);
      buttons.push(followUpButton(t, { label: f.label, text, in: f.in, recurrence: f.recurrence ?? undefined }));
    }
    buttons.push(...(helpers.offers ?? []));
  }
  buttons.push(checklistButton(t('checklist.result.export'), CHECKLIST_ACTIONS.export, { runId: run.runId }));
  blocks.push({ type: 'buttons', buttons });
  // The short form leads with what the reader acts on: recommendation, reasons, the answers to look at again.
  const divider = blocks.findIndex((b) => b.type === 'divider');
  const end = divider < 0 ? blocks.length - 1 : divider;
  const compact = [...blocks.slice(0, end), ...doubtfulAnswers(t, s), { type: 'buttons', buttons } satisfies Block];
  return { ...blocksReply(blocks), compact };
}

// Answers that count against IOP; `needs-review` and an "Osäker" answer are the unsure ones.
const DOUBTFUL_SIGNALS = new Set(['signals-grant', 'signals-procurement', 'not-eligible', 'needs-review']);

/** The answers that count against IOP or are unsure and are not among the reasons already shown. */
function doubtfulAnswers(t: Translate, s: ReturnType<typeof resultView>): Block[] {
  const shown = new Set(s.outcome.kind !== 'iop' ? s.reasons.map((r) => r.questionId) : []);
  const doubtful = s.questions.filter(
    (q) => !shown.has(q.id) && (q.answer === 'unsure' || (q.signal !== null && DOUBTFUL_SIGNALS.has(q.signal))),
  );
  if (doubtful.length === 0) return [];
  const lines = doubtful.map(
    (q) => `• ${q.number}. ${q.text} *${q.answerLabel}*${q.signalLabel && q.reason ? ` – ${q.reason}` : ''}`,
  );
  return [{ type: 'text', text: `*${t('checklist.result.concerns')}*\n${lines.join('\n')}` }];
}

/** What `/iop bedömningar` offers for a run: continue (or show) it here, export it, or nothing. */
export type AssessmentOffer = 'continue' | 'export' | 'none';

/** One line of `/iop bedömningar`, a note when the run lives elsewhere, and the button `offer` asks for. */
export function assessmentItem(
  t: Translate,
  locale: RunState['locale'],
  def: ChecklistDefinition | undefined,
  run: RunState,
  formatDate: FormatDate,
  offer: AssessmentOffer,
): { blocks: Block[]; button?: Button } {
  let outcome = t('checklist.assessments.noOutcome');
  if (def) {
    const s = summarize(def, run, locale);
    outcome = s.provisional ? t('checklist.assessments.provisional', { outcome: s.outcome.title }) : s.outcome.title;
  }
  const blocks: Block[] = [
    {
      type: 'text',
      text: t('checklist.assessments.item', {
        caseName: userText(run.caseName),
        title: def?.title[locale] ?? run.checklistId,
        status: t(`checklist.status.${run.status}`),
        outcome,
        date: formatDate(run.updatedAt),
      }),
    },
  ];
  if (offer !== 'continue') blocks.push({ type: 'context', items: [t('checklist.assessments.elsewhere')] });
  if (!def || run.status === 'cancelled' || offer === 'none') return { blocks };
  if (offer === 'export') {
    const label = t('checklist.assessments.export', { caseName: userText(run.caseName) });
    return { blocks, button: checklistButton(label, CHECKLIST_ACTIONS.export, { runId: run.runId }) };
  }
  const key = run.status === 'active' ? 'checklist.assessments.continue' : 'checklist.assessments.show';
  return {
    blocks,
    button: checklistButton(t(key, { caseName: userText(run.caseName) }), CHECKLIST_ACTIONS.continue, {
      runId: run.runId,
    }),
  };
}

/** The name an answer is attributed to, as shown in a reply (the platform's display name: people's text). */
export function actorName(actor: { id: string; name: string } | undefined): string {
  if (!actor) return '?';
  return userText(actor.name || actor.id);
}

/** How far a run has come, for the "continue?" offer. */
export function answeredCount(def: ChecklistDefinition, run: RunState): { answered: number; total: number } {
  const p = progress(def, run);
  return { answered: p.answered + p.skipped, total: p.total };
}
