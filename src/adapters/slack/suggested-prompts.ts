/**
 * Up to four suggested prompts when someone opens the bot's Messages tab (assistant.threads.setSuggestedPrompts),
 * in their language. Slack shows them in apps with the Agents & AI Apps feature (manifest `assistant_view`); the
 * call goes without a thread, which in that experience sets them for the DM itself. A refusal costs nothing but a
 * debug line: the tab works without them.
 */
import { turnTranslator } from '../../core/answer-turn.ts';
import type { Bot } from '../../core/bot.ts';
import type { Locale, Turn, TurnUser } from '../../core/model.ts';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { conversationOf } from './inbound.ts';
import { type SlackWebApi, slackErrorOf } from './web-api.ts';

/** Slack shows at most four prompts. */
const MAX_PROMPTS = 4;

export interface SuggestedPromptsDeps {
  bot: Bot;
  web: SlackWebApi;
  logger: CoreLogger;
  defaultLocale: Locale;
}

/** Offers the prompts in a user's DM with the bot; never throws. */
export function createSuggestedPrompts(deps: SuggestedPromptsDeps) {
  return async function offerPrompts(team: string, channel: string, slackUser: string, user: TurnUser): Promise<void> {
    const place = { team, channel, isDm: true };
    const turn: Turn = {
      id: `prompts:${team}:${channel}`,
      conversation: conversationOf(place, slackUser),
      user,
      input: { kind: 'message', text: '' },
    };
    const t = await turnTranslator(deps.bot, turn, deps.defaultLocale);
    const prompts = [
      { title: t('help.buttons.whatIsIop'), message: t('help.examples.whatIsIop') },
      { title: t('slack.prompts.difference.title'), message: t('slack.prompts.difference.message') },
      { title: t('help.buttons.checklist'), message: t('help.commands.checklistCommand') },
      { title: t('help.buttons.reminders'), message: t('help.commands.remindersCommand') },
    ].slice(0, MAX_PROMPTS);
    try {
      await deps.web.setSuggestedPrompts({ channel, title: t('slack.prompts.title'), prompts });
    } catch (error) {
      deps.logger.debug({ slackError: slackErrorOf(error) }, 'suggested prompts not set');
    }
  };
}
