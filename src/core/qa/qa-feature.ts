import { ANSWER_ACTIONS } from '../action-ids.ts';
import { createHash } from 'node:crypto';
import { translator } from '../i18n/translator.ts';
import type { TurnContext } from '../context.ts';
import type { CoreLogger } from '../ports/logger.ts';
import type { ActionInput, Feature } from '../feature.ts';
import type { Block, Button, Reply, Turn } from '../model.ts';
import { cachedAnswers } from './answer-cache.ts';
import { loadPrefetched } from '../prefetch.ts';
import type { MunicipalityDirectory } from '../municipalities.ts';
import type { DocumentStore } from '../ports/document-store.ts';
import { isIopError } from '../errors.ts';
import { blocksReply, textReply } from '../reply.ts';
import type { Telemetry } from '../telemetry.ts';
import { guidelineReminderButtons } from '../reminders/guideline-offer.ts';
import { type Answer, answerQuestion } from './answer-question.ts';
import { inChosenLanguage } from './chosen-language.ts';
import { type FeedbackEntry, QA_ANSWERS, QA_CLARIFY, type QaAnswerRecord, recordFeedback } from './feedback.ts';
import { LOW_CONFIDENCE } from './feedback-digest.ts';
import type { KnowledgeBase } from '../ports/knowledge-base.ts';
import { renderAnswer } from './render-answer.ts';
import { PART_PREFIX, splitForDisplay } from './answer-shape.ts';
import { QA_THREADS } from './thread.ts';

export interface QaFeatureDeps {
  store: DocumentStore;
  knowledge: KnowledgeBase;
  municipalities: MunicipalityDirectory;
  logger: CoreLogger;
  telemetry?: Telemetry;
  /** Changes when the knowledge is reloaded (KnowledgeHolder.generation): cached answers are then dropped. */
  knowledgeGeneration?: () => number;
}

/**
 * Questions are answered from the in-process index even while Redis is away: thread context is then missing
 * and the answer is not recorded, but the official still gets an answer.
 */
async function tolerateStoreOutage<T>(work: () => Promise<T>, fallback: T, logger: CoreLogger): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isIopError(error, 'store_unavailable')) throw error;
    logger.warn({}, 'answering without the state store');
    return fallback;
  }
}

/** A short id for the answer to one delivery: the same turn redelivered gets the same id. */
function answerIdFor(turn: Turn): string {
  return `a${createHash('sha256').update(`${turn.conversation.key}\n${turn.id}`).digest('hex').slice(0, 16)}`;
}

/**
 * A reminder before the end date of each guideline the answer draws on. Worked out per turn, not cached with the
 * answer: it depends on today's date and the asker's time zone.
 */
function guidelineOffersFrom(knowledge: KnowledgeBase) {
  return (answer: Answer, ctx: TurnContext): Button[] => {
    const used = new Set(answer.passages.map((p) => `${p.documentId}.${p.language}`));
    if (used.size === 0) return [];
    const dated = knowledge.datedDocuments().filter((d) => used.has(`${d.id}.${d.language}`));
    return guidelineReminderButtons(translator(answer.language), dated, ctx.now, ctx.timeZone);
  };
}

/** Questions in free text or `/iop fråga …`: answers with sources, thread context, and 👍/👎 feedback. */
export function createQaFeature(deps: QaFeatureDeps): Feature {
  const { store } = deps;
  const answers = cachedAnswers((input) => answerQuestion(deps, input), undefined, deps.knowledgeGeneration);
  const guidelineOffers = guidelineOffersFrom(deps.knowledge);

  /** A question that is one of the candidates the conversation was just offered is that choice being made. */
  async function recordClarifyChoice(
    key: string,
    question: string,
    answerId: string,
    at: string,
    prefetched: TurnContext['prefetched'],
  ): Promise<void> {
    const pending = await loadPrefetched(store, prefetched, QA_CLARIFY, key);
    const chosen = pending?.candidates.find((c) => c.trim() === question.trim());
    if (!pending || !chosen) return;
    await store.delete(QA_CLARIFY, key);
    await recordFeedback(store, `${answerId}-clarified`, {
      question: pending.question,
      language: pending.language,
      status: 'answered',
      confidence: 1,
      municipality: pending.municipality,
      kind: 'clarified',
      chosen,
      answerId,
      at,
    });
  }

  async function ask(ctx: TurnContext, question: string): Promise<Reply[]> {
    const key = ctx.turn.conversation.key;
    const thread = await tolerateStoreOutage(
      () => loadPrefetched(store, ctx.prefetched, QA_THREADS, key),
      null,
      deps.logger,
    );
    const input = {
      question,
      fallbackLanguage: ctx.locale,
      municipality: ctx.municipality,
      thread,
      today: ctx.now.toISOString().slice(0, 10),
    };
    const asked = answers(input);
    const chosen = ctx.prefs?.locale;
    const answer = chosen ? inChosenLanguage(asked, chosen, input, answers, deps.knowledge) : asked;
    // Small talk gets its short reply and nothing else: no 👍/👎, no record, and the thread keeps its topic.
    if (answer.status === 'small-talk') {
      deps.telemetry?.questionOutcome('small-talk');
      return [{ ...textReply(answer.text), locale: answer.language }];
    }
    // A question back is answered by pressing a candidate, which asks it afresh: nothing to rate, but the
    // candidates are kept a while so the choice can be recorded for the content owner.
    if (answer.status === 'clarify') {
      deps.telemetry?.questionOutcome('clarify');
      const pending = {
        question: answer.question,
        candidates: answer.clarify ?? [],
        language: answer.language,
        municipality: ctx.municipality?.id,
      };
      await tolerateStoreOutage(() => store.put(QA_CLARIFY, key, pending), undefined, deps.logger);
      return [{ ...renderAnswer(answer, ''), locale: answer.language }];
    }
    const at = ctx.now.toISOString();
    const answerId = answerIdFor(ctx.turn);
    await tolerateStoreOutage(() => recordClarifyChoice(key, question, answerId, at, ctx.prefetched), undefined, deps.logger);
    const record: QaAnswerRecord = {
      question: answer.question,
      language: answer.language,
      status: answer.status,
      confidence: answer.confidence,
      section: answer.passages[0]?.heading,
      municipality: ctx.municipality?.id,
      at,
    };
    deps.telemetry?.questionOutcome(answer.status);
    await tolerateStoreOutage(
      async () => {
        // Independent writes, sent together: one round trip.
        const next = answer.thread ? { ...answer.thread, at } : undefined;
        const unsure = answer.status === 'answered' && answer.confidence < LOW_CONFIDENCE;
        await Promise.all([
          store.put(QA_ANSWERS, answerId, record),
          unsure ? recordFeedback(store, `${answerId}-unsure`, { ...record, kind: 'low-confidence', answerId }) : null,
          next
            ? store.update(QA_THREADS, key, () => next)
            : recordFeedback(store, `${answerId}-unanswered`, { ...record, kind: 'unanswered', answerId }),
        ]);
      },
      undefined,
      deps.logger,
    );
    // The question itself stays out of the logs; it is in the feedback store, which has a retention limit.
    deps.logger.debug(
      { answerId, status: answer.status, reason: answer.declineReason, confidence: answer.confidence },
      'question answered',
    );
    return [{ ...renderAnswer(answer, answerId, guidelineOffers(answer, ctx)), locale: answer.language }];
  }

  /** "Visa mer": the rest of each section the answer cut short, in the language of the sections. */
  function showMore(ctx: TurnContext, action: ActionInput): Reply[] {
    const rests = action.value
      .split(' ')
      .flatMap((ref) => {
        const part = ref.startsWith(PART_PREFIX);
        const p = deps.knowledge.passage(part ? ref.slice(PART_PREFIX.length) : ref);
        return p ? [{ p, rest: splitForDisplay(p.text, part ? 'part' : 'main').rest }] : [];
      })
      .filter(({ rest }) => rest);
    if (rests.length === 0) return [textReply(ctx.t('qa.more.expired'), [], { kind: 'private' })];
    // Quoted from the knowledge, like the answer itself: a platform with a Markdown surface renders it as written.
    const blocks: Block[] = rests.map(({ p, rest }) => ({
      type: 'text',
      text: rests.length > 1 ? `*${p.heading}*\n${rest}` : rest,
      markdown: true,
    }));
    return [blocksReply(blocks)];
  }

  // A comment is a sentence or two for content owners, not a document.
  const MAX_COMMENT_CHARS = 1_000;

  async function vote(ctx: TurnContext, action: ActionInput, kind: 'up' | 'down'): Promise<Reply[]> {
    const record = await store.load(QA_ANSWERS, action.value);
    // Thank in the language of the answer that was rated.
    const t = record ? translator(record.language) : ctx.t;
    if (!record) return [textReply(t('qa.feedback.expired'), [], { kind: 'private' })];
    const comment = action.comment?.trim().slice(0, MAX_COMMENT_CHARS);
    const entry: FeedbackEntry = {
      ...record,
      kind,
      answerId: action.value,
      at: ctx.now.toISOString(),
      ...(comment ? { comment } : {}),
    };
    // One vote per answer: pressing the other thumb changes it rather than counting twice.
    await recordFeedback(store, `${action.value}-vote`, entry);
    return [textReply(t(kind === 'up' ? 'qa.feedback.thanksUp' : 'qa.feedback.thanksDown'), [], { kind: 'private' })];
  }

  return {
    name: 'questions',
    intents: { ask: (ctx, intent) => ask(ctx, intent.question) },
    actionAreas: ['feedback', 'answer'],
    prefetch: (turn) => [
      { collection: QA_THREADS, id: turn.conversation.key },
      { collection: QA_CLARIFY, id: turn.conversation.key },
    ],
    // Feedback carries no user id, so only a private conversation's question context is the user's own.
    forgetUser: async (ctx) => {
      const { conversation } = ctx.turn;
      if (!conversation.isPrivate || !(await store.load(QA_THREADS, conversation.key))) return [];
      await store.delete(QA_THREADS, conversation.key);
      return [ctx.t('qa.privacy.removedThread')];
    },
    onAction: async (ctx, action) => {
      if (action.actionId === ANSWER_ACTIONS.feedbackUp) return vote(ctx, action, 'up');
      if (action.actionId === ANSWER_ACTIONS.feedbackDown) return vote(ctx, action, 'down');
      if (action.actionId === ANSWER_ACTIONS.more) return showMore(ctx, action);
      return [textReply(ctx.t('errors.unknownAction'), [], { kind: 'private' })];
    },
  };
}
