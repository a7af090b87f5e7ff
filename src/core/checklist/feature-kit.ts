/** What the checklist's handlers share: the run store, the definitions, sources, and small helpers. */
import { formatInstant } from '../i18n/dates.ts';
import { type Translate, translator } from '../i18n/translator.ts';
import type { TurnContext } from '../context.ts';
import type { Button, Placement, Reply, Turn } from '../model.ts';
import { textReply } from '../reply.ts';
import type { Telemetry } from '../telemetry.ts';
import type { Actor, RunState } from './engine.ts';
import type { DatedDocument } from '../ports/knowledge-base.ts';
import { guidelineReminderButtons } from '../reminders/guideline-offer.ts';
import type { SourceTitle, SummaryHelpers } from './render.ts';
import { mayUseRun, type RunUse } from './run-access.ts';
import type { RunStore, StoredRun } from './run-store.ts';
import type { ChecklistDefinition } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A source of knowledge/sources.yaml as the checklist shows it. */
export interface SourceInfo {
  title: string;
  url?: string;
}

/** Shared by the checklist's handlers. */
export interface ChecklistKit {
  runs: RunStore;
  checklists: ReadonlyMap<string, ChecklistDefinition>;
  /** How long a run is kept after its last change. */
  ttlMs: number;
  source: (id: string) => SourceInfo | undefined;
  sourceTitle: SourceTitle;
  telemetry: Telemetry;
  /** Knowledge documents with an end date (`valid_until`), among them the guidelines checklists follow. */
  datedDocuments: () => readonly DatedDocument[];
}

/** Who pressed or typed, as recorded in a run. */
export const actor = (ctx: TurnContext): Actor => ({ id: ctx.turn.user.id, name: ctx.turn.user.name ?? '' });

/**
 * Where the wait for a case name is kept: per channel and user, not per thread, because in Slack the name is
 * often typed as a new message in the channel (a conversation of its own).
 */
export const pendingKeyOf = (turn: Turn) => `${turn.conversation.channelKey}|${turn.user.id}`;
export const pendingKey = (ctx: TurnContext) => pendingKeyOf(ctx.turn);

/** Formats an instant as a short local date for the reader. */
export const dateIn =
  (ctx: TurnContext, locale: RunState['locale']) =>
  (iso: string): string =>
    formatInstant(new Date(iso), locale, ctx.timeZone, 'shortDate');

/**
 * What a run's summary is shown with: the reader's dates, source titles, and a reminder before the end date of the
 * guideline the checklist follows (a dated document of the checklist's municipality, in the run's language).
 */
export function summaryHelpers(
  kit: ChecklistKit,
  ctx: TurnContext,
  def: ChecklistDefinition,
  run: RunState,
  note?: string,
): SummaryHelpers {
  const followed = def.municipality
    ? kit.datedDocuments().filter((d) => d.municipality === def.municipality && d.language === run.locale)
    : [];
  const offers =
    run.status === 'finished' ? guidelineReminderButtons(translator(run.locale), followed, ctx.now, ctx.timeZone) : [];
  return { formatDate: dateIn(ctx, run.locale), sourceTitle: kit.sourceTitle, offers, ...(note ? { note } : {}) };
}

/** Replaces the message the button was on, or replies when the platform gave no message id. */
export const updateOr = (messageId: string | undefined): Placement =>
  messageId ? { kind: 'update', messageId } : { kind: 'reply' };

/** A note only the one who pressed sees. */
export const privately = (text: string, buttons: Button[] = []): Reply => textReply(text, buttons, { kind: 'private' });

/** The run expired or never existed. */
export const notFound = (kit: ChecklistKit, ctx: TurnContext): Reply =>
  privately(ctx.t('checklist.notices.notFound', { days: Math.round(kit.ttlMs / DAY_MS) }));

/**
 * The run belongs to another conversation. Said in the presser's language, and naming nothing of the run: whoever
 * pressed may have forged the button.
 */
export const elsewhere = (ctx: TurnContext): Reply => privately(ctx.t('checklist.notices.elsewhere'));

/** The run's checklist was removed from knowledge/checklists. */
export const gone = (ctx: TurnContext, id: string): Reply =>
  privately(ctx.t('checklist.notices.definitionGone', { id }));

/** Loads a run and its definition for `use` here, or says politely why it cannot. */
export async function loadRun(
  kit: ChecklistKit,
  ctx: TurnContext,
  runId: string,
  use: RunUse,
): Promise<{ ok: true; stored: StoredRun; def: ChecklistDefinition; t: Translate } | { ok: false; replies: Reply[] }> {
  const stored = await kit.runs.load(runId);
  if (!stored) return { ok: false, replies: [notFound(kit, ctx)] };
  if (!mayUseRun(stored, ctx.turn, use)) return { ok: false, replies: [elsewhere(ctx)] };
  const def = kit.checklists.get(stored.run.checklistId);
  if (!def) return { ok: false, replies: [gone(ctx, stored.run.checklistId)] };
  return { ok: true, stored, def, t: translator(stored.run.locale) };
}
