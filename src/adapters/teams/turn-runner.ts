import type { Bot } from '../../core/bot.ts';
import { answerTurn, type TurnAnswer } from '../../core/answer-turn.ts';
import type { Locale, Turn } from '../../core/model.ts';
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { ConnectorOutbox } from './connector.ts';
import { type DeliveryTarget, deliver } from './delivery.ts';

export interface TurnRunnerDeps {
  bot: Bot;
  logger: CoreLogger;
  defaultLocale: Locale;
}

// Teams shows "typing…" for a few seconds; only slow answers need it.
const TYPING_AFTER_MS = 1_000;
const TYPING_EVERY_MS = 3_000;

/**
 * Runs turns for the Teams adapter: core, then delivery, as Slack's turn runner does. A failed turn becomes the
 * core's apology (answer-turn.ts). Card presses only `answer`: their reply is the invoke response the app plans.
 */
export function createTurnRunner(deps: TurnRunnerDeps) {
  const { bot, logger } = deps;

  function startTyping(outbox: ConnectorOutbox, conversationId: string): () => void {
    const beat = () => {
      outbox.typing(conversationId).catch(() => undefined);
      timer = setTimeout(beat, TYPING_EVERY_MS);
    };
    let timer = setTimeout(beat, TYPING_AFTER_MS);
    return () => clearTimeout(timer);
  }

  /** The core's answer to `turn`, or its apology; never throws. */
  function answer(turn: Turn): Promise<TurnAnswer> {
    return answerTurn(bot, turn, deps);
  }

  /** Answers a message (typing while it is slow) and delivers the replies to `target`; never throws. */
  async function run(turn: Turn, outbox: ConnectorOutbox, target: DeliveryTarget): Promise<void> {
    const stopTyping = startTyping(outbox, target.conversationId);
    const { replies } = await answer(turn).finally(stopTyping);
    await deliver(replies, target, outbox).catch((error: unknown) =>
      logger.error({ err: error, turnId: turn.id }, 'teams reply could not be delivered'),
    );
  }

  return { run, answer };
}

/** Runs turns for the Teams adapter. */
export type TurnRunner = ReturnType<typeof createTurnRunner>;
