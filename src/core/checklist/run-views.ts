/**
 * What the checklist shows without changing a run: continuing, "Varför frågar vi?", the Markdown export and
 * `/iop bedömningar`.
 */
import type { TurnContext } from '../context.ts';
import type { Placement, Reply } from '../model.ts';
import { blocksReply, textReply } from '../reply.ts';
import { CHECKLIST_ACTIONS, checklistButton } from './actions.ts';
import { currentQuestion } from './engine.ts';
import { resultMarkdown } from './result-markdown.ts';
import { resultLabels, resultView } from './result-view.ts';
import { type ChecklistKit, dateIn, loadRun, privately, summaryHelpers } from './feature-kit.ts';
import { assessmentItem, openQuestion, summaryReply, whyReply } from './render.ts';
import { isRunHome, mayUseRun } from './run-access.ts';
import type { StoredRun } from './run-store.ts';
import { userText } from '../user-text.ts';

// Keeps `/iop bedömningar` readable in a chat message (and within Slack's 50 blocks).
const LIST_LIMIT = 8;

/** Continue: the current question again, the summary of a finished run, or a note that it was cancelled. */
export async function resume(kit: ChecklistKit, ctx: TurnContext, runId: string): Promise<Reply[]> {
  const loaded = await loadRun(kit, ctx, runId, 'act');
  if (!loaded.ok) return loaded.replies;
  const { stored, def, t } = loaded;
  const run = stored.run;
  if (run.status === 'cancelled') {
    return [
      textReply(t('checklist.notices.alreadyCancelled', { caseName: userText(run.caseName) }), [
        checklistButton(t('checklist.resume.startNew'), CHECKLIST_ACTIONS.start, {
          checklistId: def.id,
          fresh: true,
        }),
      ]),
    ];
  }
  const question = currentQuestion(def, run);
  if (!question) return [summaryReply(t, def, run, summaryHelpers(kit, ctx, def, run))];
  await kit.runs.pointTo(ctx.turn.conversation.key, run.runId);
  return [openQuestion(t, def, run, question)];
}

/** "Varför frågar vi?" for one question of a run. */
export async function why(kit: ChecklistKit, ctx: TurnContext, runId: string, questionId: string): Promise<Reply[]> {
  const loaded = await loadRun(kit, ctx, runId, 'act');
  if (!loaded.ok) return loaded.replies;
  const question = loaded.def.questions.find((q) => q.id === questionId);
  if (!question) return [privately(ctx.t('errors.unknownAction'))];
  return [whyReply(loaded.t, loaded.stored.run, question, kit.sourceTitle)];
}

/**
 * The summary as a Word document (and the same as Markdown): in the run's channel for everyone there; elsewhere only for its
 * starter, and then to them alone, never into the channel they happen to be in.
 */
export async function exportSummary(kit: ChecklistKit, ctx: TurnContext, runId: string): Promise<Reply[]> {
  const loaded = await loadRun(kit, ctx, runId, 'export');
  if (!loaded.ok) return loaded.replies;
  const { def, t } = loaded;
  const run = loaded.stored.run;
  const describe = (id: string) => {
    const source = kit.source(id);
    if (!source) return `\`${id}\``;
    return source.url ? `[${source.title}](${source.url})` : source.title;
  };
  const view = resultView(def, run, run.locale, resultLabels(t));
  const formatDate = dateIn(ctx, run.locale);
  const markdown = resultMarkdown(view, formatDate, describe);
  // The Word writer (a megabyte of code) is loaded on the first export, not by every process that answers.
  const { DOCX_MIME_TYPE, resultDocx } = await import('./result-docx.ts');
  const docx = await resultDocx(view, formatDate, (id) => {
    const source = kit.source(id);
    return source ? { title: source.title, ...(source.url ? { url: source.url } : {}) } : { title: id };
  });
  const name = `${t('checklist.result.filename')}-${slug(run.caseName)}-${run.updatedAt.slice(0, 10)}`;
  const placement: Placement = isRunHome(loaded.stored, ctx.turn) ? { kind: 'reply' } : { kind: 'private' };
  return [
    {
      ...textReply(t('checklist.result.exported', { caseName: userText(run.caseName) }), [], placement),
      attachment: {
        filename: `${name}.docx`,
        mimeType: DOCX_MIME_TYPE,
        content: Buffer.from(docx).toString('base64'),
        encoding: 'base64',
        textVersion: { filename: `${name}.md`, mimeType: 'text/markdown', content: markdown },
        subject: userText(run.caseName),
      },
    },
  ];
}

/**
 * `/iop bedömningar`: my runs, then the other runs in this channel, newest first. Everyone in a shared channel
 * sees the reply, so there only that channel's runs are listed; in a private conversation all of mine. A run
 * offers "continue" only where it may be acted on, and elsewhere "export" to the one who started it.
 */
export async function assessments(kit: ChecklistKit, ctx: TurnContext): Promise<Reply[]> {
  const { t, turn } = ctx;
  const { channelKey, isPrivate } = turn.conversation;
  const mine = (await kit.runs.listForUser(turn.user.id)).filter((s) => isPrivate || s.channelKey === channelKey);
  const mineIds = new Set(mine.map((s) => s.run.runId));
  const others = (await kit.runs.listForChannel(channelKey)).filter((s) => !mineIds.has(s.run.runId));
  if (mine.length === 0 && others.length === 0) return [textReply(t('checklist.assessments.none'))];
  const blocks: Reply['blocks'] = [{ type: 'heading', text: t('checklist.assessments.heading') }];
  const section = (title: string, list: StoredRun[]) => {
    if (list.length === 0) return;
    blocks.push({ type: 'text', text: `*${title}*` });
    for (const stored of list.slice(0, LIST_LIMIT)) {
      const offer = mayUseRun(stored, turn, 'act') ? 'continue' : mayUseRun(stored, turn, 'export') ? 'export' : 'none';
      const item = assessmentItem(
        t,
        ctx.locale,
        kit.checklists.get(stored.run.checklistId),
        stored.run,
        dateIn(ctx, ctx.locale),
        offer,
      );
      blocks.push(...item.blocks);
      if (item.button) blocks.push({ type: 'buttons', buttons: [item.button] });
    }
  };
  section(t('checklist.assessments.mine'), mine);
  section(t('checklist.assessments.channel'), others);
  return [blocksReply(blocks)];
}

/** A file-name-safe form of the case name: "Röda korset – läxhjälp" → "roda-korset-laxhjalp". */
function slug(text: string): string {
  const folded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return folded || 'case';
}
