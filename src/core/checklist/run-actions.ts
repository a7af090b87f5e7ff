/**
 * What the answer, skip and cancel buttons do. Every change goes through the store's compare-and-set and the
 * engine's revision check, so a double click or two colleagues pressing at once record one step, and the one
 * who came second is told politely who answered.
 */
import { translator, type Translate } from '../i18n/translator.ts';
import type { TurnContext } from '../context.ts';
import type { Reply } from '../model.ts';
import { textReply } from '../reply.ts';
import {
  answerQuestion,
  cancelRun,
  currentQuestion,
  type RecordedAnswer,
  type RunState,
  skipQuestion,
} from './engine.ts';
import {
  actor,
  type ChecklistKit,
  elsewhere,
  gone,
  notFound,
  pendingKey,
  privately,
  summaryHelpers,
  updateOr,
} from './feature-kit.ts';
import {
  actorName,
  answeredQuestion,
  answerName,
  cancelledQuestion,
  changeButtons,
  openQuestion,
  summaryReply,
} from './render.ts';
import { mayUseRun } from './run-access.ts';
import type { Answer, ChecklistDefinition } from './schema.ts';
import { userText } from '../user-text.ts';

// The same person pressing the same button again this long after the first press is not a double click: the
// first press's reply (the next question) may never have been shown, e.g. the process serving it stopped.
const RESHOW_AFTER_MS = 10_000;

/** Records an answer or a skip from a button; one press is one step, however many arrive at once. */
export async function recordAnswer(
  kit: ChecklistKit,
  ctx: TurnContext,
  input: { runId: string; questionId: string; answer: Answer | 'skipped'; revision: number },
  messageId: string | undefined,
): Promise<Reply[]> {
  const by = actor(ctx);
  const at = ctx.now.toISOString();
  let def: ChecklistDefinition | undefined;
  const change = await kit.runs.apply(
    input.runId,
    (run) => {
      def = kit.checklists.get(run.checklistId);
      if (!def) return { kind: 'unknown-question', state: run };
      const op = { questionId: input.questionId, by, at, expectedRevision: input.revision };
      return input.answer === 'skipped'
        ? skipQuestion(run, def, op)
        : answerQuestion(run, def, { ...op, answer: input.answer });
    },
    (stored) => mayUseRun(stored, ctx.turn, 'act'),
  );
  if (change.kind === 'missing') return [notFound(kit, ctx)];
  if (change.kind === 'refused') return [elsewhere(ctx)];
  const before = change.before.run;
  if (!def) return [gone(ctx, before.checklistId)];
  const t = translator(before.locale);
  const result = change.result;
  switch (result.kind) {
    case 'updated':
      return afterAnswer(
        kit,
        ctx,
        def,
        t,
        { before, run: result.state, channelKey: change.before.channelKey },
        input.questionId,
        messageId,
      );
    case 'unchanged': {
      const existing = result.state.answers[input.questionId];
      if (!existing) return [];
      if (existing.by.id === by.id && ctx.now.getTime() - Date.parse(existing.at) >= RESHOW_AFTER_MS) {
        return reshow(kit, ctx, def, t, result.state, input.questionId, messageId);
      }
      // A double click by the same person: the first press already answered.
      if (existing.by.id === by.id || existing.answer === 'skipped') return [];
      return [privately(t('checklist.notices.alreadyAnswered', answerParams(t, existing)))];
    }
    case 'conflict':
      return [
        privately(
          result.existing.answer === 'skipped'
            ? t('checklist.notices.conflictSkipped', answerParams(t, result.existing))
            : t('checklist.notices.conflict', answerParams(t, result.existing)),
          changeButtons(t, result.current, input.questionId, result.existing.answer),
        ),
      ];
    case 'closed':
      return [privately(t('checklist.notices.closed', { caseName: userText(before.caseName) }))];
    case 'unknown-question':
      return [privately(ctx.t('errors.unknownAction'))];
  }
}

function answerParams(t: Translate, recorded: RecordedAnswer) {
  return { name: actorName(recorded.by), answer: answerName(t, recorded.answer) };
}

/** The answered question shown as answered again, with the step after it: what the first press should have shown. */
function reshow(
  kit: ChecklistKit,
  ctx: TurnContext,
  def: ChecklistDefinition,
  t: Translate,
  run: RunState,
  questionId: string,
  messageId: string | undefined,
): Reply[] {
  const question = def.questions.find((q) => q.id === questionId);
  const replies: Reply[] = question ? [answeredQuestion(t, def, run, question, updateOr(messageId))] : [];
  // Only the run's latest step can have lost what came after it; an older answer just shows as answered.
  if (run.answers[questionId]?.revision !== run.revision) return replies;
  const next = currentQuestion(def, run);
  if (run.status === 'finished') {
    replies.push(summaryReply(t, def, run, summaryHelpers(kit, ctx, def, run)));
  } else if (next) {
    replies.push(openQuestion(t, def, run, next));
  }
  return replies;
}

/** The answered question updated in place, then the next question, or the (recomputed) summary. */
async function afterAnswer(
  kit: ChecklistKit,
  ctx: TurnContext,
  def: ChecklistDefinition,
  t: Translate,
  change: { before: RunState; run: RunState; channelKey: string },
  questionId: string,
  messageId: string | undefined,
): Promise<Reply[]> {
  const { before, run } = change;
  const { key } = ctx.turn.conversation;
  // Keeps the run in the answerer's list, and the channel's list alive as long as the run is.
  await kit.runs.remember(run.runId, { userId: ctx.turn.user.id, channelKey: change.channelKey });
  const question = def.questions.find((q) => q.id === questionId);
  const replies: Reply[] = question ? [answeredQuestion(t, def, run, question, updateOr(messageId))] : [];
  if (before.status === 'finished') {
    replies.push(summaryReply(t, def, run, summaryHelpers(kit, ctx, def, run, t('checklist.notices.recomputed'))));
  } else if (run.status === 'finished') {
    await kit.runs.unpoint(key, run.runId);
    kit.telemetry.checklistRun('finished');
    replies.push(summaryReply(t, def, run, summaryHelpers(kit, ctx, def, run)));
  } else {
    // The thread the questions are in is a conversation of its own: point it at the run for "continue".
    await kit.runs.pointTo(key, run.runId);
    // Only an answer to the question being asked moves on; changing an earlier answer just updates it.
    const next = currentQuestion(def, run);
    if (currentQuestion(def, before)?.id === questionId && next) replies.push(openQuestion(t, def, run, next));
  }
  return replies;
}

/** Cancels a run (or, without a run id, the wait for a case name). */
export async function cancelChecklist(
  kit: ChecklistKit,
  ctx: TurnContext,
  runId: string | undefined,
  messageId: string | undefined,
): Promise<Reply[]> {
  if (runId === undefined) {
    await kit.runs.takePending(pendingKey(ctx));
    return [textReply(ctx.t('checklist.prompt.cancelled'), [], updateOr(messageId))];
  }
  const at = ctx.now.toISOString();
  const change = await kit.runs.apply(
    runId,
    (run) => cancelRun(run, { by: actor(ctx), at }),
    (stored) => mayUseRun(stored, ctx.turn, 'act'),
  );
  if (change.kind === 'missing') return [notFound(kit, ctx)];
  if (change.kind === 'refused') return [elsewhere(ctx)];
  const before = change.before;
  const t = translator(before.run.locale);
  const caseName = userText(before.run.caseName);
  if (change.result.kind === 'closed') return [privately(t('checklist.notices.alreadyFinished', { caseName }))];
  if (change.result.kind !== 'updated') return [privately(t('checklist.notices.alreadyCancelled', { caseName }))];
  const run = change.result.state;
  await kit.runs.unpoint(ctx.turn.conversation.key, runId);
  await kit.runs.unpoint(before.conversationKey, runId);
  kit.telemetry.checklistRun('cancelled');
  const def = kit.checklists.get(run.checklistId);
  const replies: Reply[] = [];
  if (def && messageId) {
    replies.push(cancelledQuestion(t, def, run, currentQuestion(def, before.run), { kind: 'update', messageId }));
  }
  replies.push(textReply(t('checklist.notices.cancelled', { caseName })));
  return replies;
}
