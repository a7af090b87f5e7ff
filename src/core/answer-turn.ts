import type { Bot } from './bot.ts';
import { isIopError } from './errors.ts';
import { type Translate, translator } from './i18n/translator.ts';
import type { Locale, Reply, Turn } from './model.ts';
import type { CoreLogger } from './ports/logger.ts';
import { textReply } from './reply.ts';

/** A turn's replies, or the apology when it failed. */
export interface TurnAnswer {
  replies: Reply[];
  /** True when the replies are the apology for a failed turn. */
  failed: boolean;
}

/** The polite, localised reply for a failed turn. */
export function errorReply(error: unknown, t: Translate): Reply {
  const key = isIopError(error, 'store_unavailable') ? 'errors.temporarilyUnavailable' : 'errors.internal';
  return textReply(t(key));
}

/** The words a turn's own replies would use: the user's language, else what the platform said, else the default. */
export async function turnTranslator(bot: Bot, turn: Turn, defaultLocale: Locale): Promise<Translate> {
  const ctx = await bot.contextFor(turn).catch(() => undefined);
  return ctx?.t ?? translator(turn.user.platformLocale ?? defaultLocale);
}

/**
 * Asks the bot and never throws: the one place where a failed turn becomes a polite, localised reply and a log
 * line (`<platform> turn failed`), for every adapter.
 */
export async function answerTurn(
  bot: Bot,
  turn: Turn,
  deps: { logger: CoreLogger; defaultLocale: Locale },
): Promise<TurnAnswer> {
  try {
    return { replies: await bot.handleTurn(turn), failed: false };
  } catch (error) {
    deps.logger.error(
      { err: error, turnId: turn.id, conversation: turn.conversation.key },
      `${turn.conversation.platform} turn failed`,
    );
    return { replies: [errorReply(error, await turnTranslator(bot, turn, deps.defaultLocale))], failed: true };
  }
}
