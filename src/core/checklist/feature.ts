/**
 * The eligibility checklist as a conversation: `/iop checklista [id]` asks for a case name, the intro goes to
 * the channel and every question is a reply in its thread; answers are attributed, can be changed or skipped,
 * and the run ends in a summary with reminders and a Markdown export. `/iop bedömningar` lists the runs.
 * Several colleagues may press at once: every change goes through the store's compare-and-set and the
 * engine's revision check, so each press is recorded once and nobody's answer is silently overwritten.
 */
import { type Translate, translator } from '../i18n/translator.ts';
import type { TurnContext } from '../context.ts';
import type { ActionInput, Feature } from '../feature.ts';
import type { Placement, Reply } from '../model.ts';
import type { DocumentStore } from '../ports/document-store.ts';
import type { DatedDocument } from '../ports/knowledge-base.ts';
import { textReply } from '../reply.ts';
import type { Intent } from '../router.ts';
import { noTelemetry, type Telemetry } from '../telemetry.ts';
import { CHECKLIST_ACTIONS, type ChecklistAction, checklistButton, parseChecklistAction } from './actions.ts';
import { currentQuestion, type RunState, startRun } from './engine.ts';
import {
  actor,
  type ChecklistKit,
  pendingKey,
  pendingKeyOf,
  privately,
  type SourceInfo,
  updateOr,
} from './feature-kit.ts';
import { answeredCount, casePrompt, introReply, openQuestion } from './render.ts';
import { mayUseRun } from './run-access.ts';
import { cancelChecklist, recordAnswer } from './run-actions.ts';
import { createRunStore, DEFAULT_CHECKLIST_TTL_MS } from './run-store.ts';
import { assessments, exportSummary, resume, why } from './run-views.ts';
import type { ChecklistDefinition } from './schema.ts';
import { userText } from '../user-text.ts';

export type { SourceInfo } from './feature-kit.ts';

/** The checklist a deployment falls back to when the user's municipality names none. */
export const FALLBACK_CHECKLIST_ID = 'forsta-bedomning';

export interface ChecklistFeatureDeps {
  store: DocumentStore;
  checklists: ReadonlyMap<string, ChecklistDefinition>;
  /** How long a run is kept after its last change (CHECKLIST_TTL_DAYS). */
  ttlMs?: number;
  /** Looks a source id up in knowledge/sources.yaml. */
  source?: (id: string) => SourceInfo | undefined;
  /** Makes run ids; injectable so tests can name runs. */
  newRunId?: () => string;
  /** Counts runs started, finished and cancelled (`iop_checklist_runs_total`). */
  telemetry?: Telemetry;
  /** Knowledge documents with an end date, for a reminder before the guideline a checklist follows expires. */
  datedDocuments?: () => readonly DatedDocument[];
}

/** The checklist feature, plus the hook that takes the next message as the case name. */
export interface ChecklistFeature extends Feature {
  /** Replies when `intent` came from a message that answers "what is the case called?"; otherwise undefined. */
  captureCaseName(ctx: TurnContext, intent: Intent): Promise<Reply[] | undefined>;
}

/** Creates the checklist feature; it intercepts the typed reply that names the case. */
export function createChecklistFeature(deps: ChecklistFeatureDeps): ChecklistFeature {
  const { checklists } = deps;
  const source = deps.source ?? (() => undefined);
  const kit: ChecklistKit = {
    runs: createRunStore(deps.store, deps.ttlMs ?? DEFAULT_CHECKLIST_TTL_MS),
    checklists,
    ttlMs: deps.ttlMs ?? DEFAULT_CHECKLIST_TTL_MS,
    source,
    sourceTitle: (id) => source(id)?.title,
    telemetry: deps.telemetry ?? noTelemetry,
    datedDocuments: deps.datedDocuments ?? (() => []),
  };
  const { runs } = kit;
  const newRunId = deps.newRunId ?? (() => globalThis.crypto.randomUUID());
  const sorted = () => [...checklists.values()].sort((a, b) => a.id.localeCompare(b.id));

  function defaultChecklist(ctx: TurnContext): { def: ChecklistDefinition; municipality?: string } | undefined {
    const own = ctx.municipality?.checklist ? checklists.get(ctx.municipality.checklist) : undefined;
    if (own) return { def: own, municipality: ctx.municipality?.name };
    const fallback = checklists.get(FALLBACK_CHECKLIST_ID) ?? sorted()[0];
    return fallback ? { def: fallback } : undefined;
  }

  async function prompt(
    ctx: TurnContext,
    options: { checklistId?: string; fresh?: boolean; placement?: Placement },
  ): Promise<Reply[]> {
    const { t } = ctx;
    if (options.checklistId !== undefined && !checklists.has(options.checklistId)) {
      const buttons = sorted().map((def) =>
        checklistButton(def.title[ctx.locale], CHECKLIST_ACTIONS.start, { checklistId: def.id }),
      );
      return [textReply(t('checklist.prompt.unknownChecklist', { id: userText(options.checklistId) }), buttons)];
    }
    if (!options.fresh) {
      const found = await runs.activeIn(ctx.turn.conversation.key);
      // A pointer can only name a run of this channel; one that does not (left by an older version) is ignored.
      const active = found && mayUseRun(found, ctx.turn, 'act') ? found : null;
      const activeDef = active && checklists.get(active.run.checklistId);
      if (active && activeDef) return [resumeOffer(t, activeDef, active.run, options.checklistId)];
    }
    const chosen = options.checklistId
      ? { def: checklists.get(options.checklistId) as ChecklistDefinition }
      : defaultChecklist(ctx);
    if (!chosen) return [textReply(t('checklist.prompt.noChecklists'))];
    await runs.setPending(pendingKey(ctx), { checklistId: chosen.def.id, requestedAt: ctx.now.toISOString() });
    const others = sorted().filter((def) => def.id !== chosen.def.id);
    return [
      casePrompt(t, chosen.def, others, {
        locale: ctx.locale,
        municipality: chosen.municipality,
        placement: options.placement,
      }),
    ];
  }

  function resumeOffer(t: Translate, def: ChecklistDefinition, run: RunState, checklistId?: string): Reply {
    const { answered, total } = answeredCount(def, run);
    return textReply(
      t('checklist.resume.offer', { caseName: userText(run.caseName), title: def.title[run.locale], answered, total }),
      [
        checklistButton(t('checklist.resume.continue'), CHECKLIST_ACTIONS.continue, { runId: run.runId }, 'primary'),
        checklistButton(t('checklist.resume.startNew'), CHECKLIST_ACTIONS.start, {
          ...(checklistId ? { checklistId } : {}),
          fresh: true,
        }),
      ],
    );
  }

  async function captureCaseName(ctx: TurnContext, intent: Intent): Promise<Reply[] | undefined> {
    if (ctx.turn.input.kind !== 'message') return undefined;
    const key = pendingKey(ctx);
    // Every typed message passes here: when the store is away, let the message be handled as usual.
    const waiting = await runs.pending(key, ctx.prefetched).catch(() => null);
    if (!waiting) return undefined;
    // A command, or a question, instead of a name: stop waiting and let it be handled as usual.
    if (intent.kind !== 'ask' || intent.question.endsWith('?')) {
      await runs.takePending(key);
      return undefined;
    }
    const pending = await runs.takePending(key);
    if (!pending) return undefined; // another delivery of the same user took it first
    const def = checklists.get(pending.checklistId);
    if (!def) return [textReply(ctx.t('checklist.notices.definitionGone', { id: pending.checklistId }))];
    return begin(ctx, def, intent.question);
  }

  async function begin(ctx: TurnContext, def: ChecklistDefinition, caseName: string): Promise<Reply[]> {
    const run = startRun(def, {
      runId: newRunId(),
      caseName,
      locale: ctx.locale,
      startedBy: actor(ctx),
      startedAt: ctx.now.toISOString(),
    });
    const { key, channelKey } = ctx.turn.conversation;
    await runs.create({ run, channelKey, conversationKey: key });
    await runs.remember(run.runId, { userId: ctx.turn.user.id, channelKey });
    await runs.pointTo(key, run.runId);
    kit.telemetry.checklistRun('started');
    const first = currentQuestion(def, run);
    const t = translator(run.locale);
    return first ? [introReply(t, def, run), openQuestion(t, def, run, first)] : [introReply(t, def, run)];
  }

  async function onAction(ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
    const action: ChecklistAction | undefined = parseChecklistAction(input.actionId, input.value);
    if (!action) return [privately(ctx.t('errors.unknownAction'))];
    const { messageId } = input;
    switch (action.id) {
      case CHECKLIST_ACTIONS.start:
        return prompt(ctx, action.value);
      case CHECKLIST_ACTIONS.choose:
        return prompt(ctx, { checklistId: action.value.checklistId, fresh: true, placement: updateOr(messageId) });
      case CHECKLIST_ACTIONS.answer:
        return recordAnswer(kit, ctx, action.value, messageId);
      case CHECKLIST_ACTIONS.skip:
        return recordAnswer(kit, ctx, { ...action.value, answer: 'skipped' }, messageId);
      case CHECKLIST_ACTIONS.why:
        return why(kit, ctx, action.value.runId, action.value.questionId);
      case CHECKLIST_ACTIONS.cancel:
        return cancelChecklist(kit, ctx, action.value.runId, messageId);
      case CHECKLIST_ACTIONS.continue:
        return resume(kit, ctx, action.value.runId);
      case CHECKLIST_ACTIONS.export:
        return exportSummary(kit, ctx, action.value.runId);
    }
  }

  return {
    name: 'checklist',
    intents: {
      checklist: (ctx, intent) => prompt(ctx, { checklistId: intent.checklistId }),
      assessments: (ctx) => assessments(kit, ctx),
    },
    actionAreas: ['checklist'],
    onAction,
    captureCaseName,
    prefetch: (turn) => [runs.pendingRef(pendingKeyOf(turn))],
    // The reply to "what is the case called?" is the case name, not a question for the knowledge base.
    interceptIntent: captureCaseName,
    forgetUser: async (ctx, userId) => {
      const anonymous = { id: 'forgotten', name: ctx.t('checklist.privacy.anonymous') };
      const count = await runs.forgetUser(userId, anonymous);
      await runs.takePending(pendingKey(ctx));
      return count > 0 ? [ctx.t('checklist.privacy.forgotten', { count })] : [];
    },
  };
}
