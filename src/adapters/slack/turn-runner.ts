import { randomUUID } from 'node:crypto';
import type { Bot } from '../../core/bot.ts';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { answerTurn, turnTranslator } from '../../core/answer-turn.ts';
import type { Locale, Turn } from '../../core/model.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Translate } from '../../core/i18n/translator.ts';
import { slackConversationKey } from './conversation-key.ts';
import type { Deliver, Destination } from './delivery.ts';
import type { ThreadMarks } from './threads.ts';
import { type SlackWebApi, slackErrorOf } from './web-api.ts';

export interface TurnRunnerDeps {
  bot: Bot;
  web: SlackWebApi;
  deliver: Deliver;
  threads: ThreadMarks;
  clock: Clock;
  logger: CoreLogger;
  defaultLocale: Locale;
  /** After this long without an answer, the thread shows "is thinking…" as the bot's status. */
  thinkingDelayMs: number;
}

/**
 * Runs one turn after Slack has been acknowledged: core, then delivery. The one place where a failed turn
 * becomes a polite, localised reply and a log line.
 */
export function createTurnRunner(deps: TurnRunnerDeps) {
  const { bot, web, logger } = deps;

  const translate = (turn: Turn): Promise<Translate> => turnTranslator(bot, turn, deps.defaultLocale);

  /**
   * After `thinkingDelayMs` without an answer, "is thinking…" as the thread's status (no message to edit or delete
   * later; the answer posted in the thread clears it). A DM's main stream has no thread to show it in, and where
   * Slack refuses the status (an old workspace, a missing scope) the answer simply comes without one.
   */
  function startThinking(turn: Turn, dest: Destination): { stop(): Promise<boolean> } {
    const threadTs = dest.threadTs;
    if (!threadTs) return { stop: async () => false };
    let setting: Promise<boolean> | undefined;
    const timer = setTimeout(() => {
      setting = (async () => {
        const status = (await translate(turn))('slack.status.thinking');
        await web.setStatus({ channel: dest.channel, threadTs, status });
        return true;
      })().catch((error) => {
        logger.debug({ slackError: slackErrorOf(error) }, 'could not set the thinking status');
        return false;
      });
    }, deps.thinkingDelayMs);
    return {
      // Waits for a status call in flight, so that it cannot land after the answer and linger.
      stop: async () => {
        clearTimeout(timer);
        return (await setting) ?? false;
      },
    };
  }

  /** Clears a status the answer did not clear by being posted in its thread (it went elsewhere, or failed). */
  async function clearThinking(dest: Destination): Promise<void> {
    if (!dest.threadTs) return;
    await web.setStatus({ channel: dest.channel, threadTs: dest.threadTs, status: '' }).catch((error) => {
      logger.debug({ slackError: slackErrorOf(error) }, 'could not clear the thinking status');
    });
  }

  // Turns of one conversation run one after another, so quick successive messages are answered in order
  // (Slack delivers them in order; we acknowledge at once and would otherwise race). Others run in parallel.
  const chains = new Map<string, Promise<void>>();

  /**
   * Builds the turn (user lookup included, so a slow first lookup cannot let a later message overtake), handles it
   * and delivers its replies to `dest`, in order within `conversationKey`; never throws.
   */
  function run(
    conversationKey: string,
    buildTurn: () => Promise<Turn>,
    dest: Destination,
    options: { thinking: boolean },
  ): Promise<void> {
    const work = async () => handle(await buildTurn(), dest, options);
    const next = (chains.get(conversationKey) ?? Promise.resolve()).then(work, work).catch((error) => {
      logger.error({ err: error, conversation: conversationKey }, 'slack turn could not be built');
    });
    chains.set(conversationKey, next);
    void next.finally(() => {
      if (chains.get(conversationKey) === next) chains.delete(conversationKey);
    });
    return next;
  }

  async function handle(turn: Turn, dest: Destination, options: { thinking: boolean }): Promise<void> {
    const thinking = options.thinking ? startThinking(turn, dest) : undefined;
    const { replies, failed } = await answerTurn(bot, turn, { logger, defaultLocale: deps.defaultLocale });
    const handled = !failed;
    const statusShown = (await thinking?.stop()) ?? false;
    let statusCleared = !statusShown;
    try {
      if (replies.length === 0) return;
      const report = await deps.deliver(
        replies,
        { ...dest, notInChannelHint: async () => (await translate(turn))('slack.inviteHint') },
        randomUUID().slice(0, 8),
      );
      statusCleared ||= dest.threadTs !== undefined && report.postedIn.includes(dest.threadTs);
      const nowIso = deps.clock.now().toISOString();
      const ownKey = (ts: string) =>
        slackConversationKey({ team: dest.team, channel: dest.channel, threadTs: ts }) === turn.conversation.key;
      await Promise.all(
        report.threads.map((ts) => {
          // The core recorded this turn's own conversation; other threads (a new top-level post) need a mark.
          if (handled && ownKey(ts)) return deps.threads.noteConversation(dest.team, dest.channel, ts);
          return deps.threads.mark(dest.team, dest.channel, ts, nowIso);
        }),
      );
    } catch (error) {
      logger.error(
        { err: error, slackError: slackErrorOf(error), turnId: turn.id, channel: dest.channel },
        'slack delivery failed',
      );
    } finally {
      if (!statusCleared) await clearThinking(dest);
    }
  }

  return { run };
}

/** Runs turns for the Slack adapter. */
export type TurnRunner = ReturnType<typeof createTurnRunner>;
