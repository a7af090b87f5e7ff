import type { Reply } from '../../core/model.ts';
import { blocksReply } from '../../core/reply.ts';
import type { Translate } from '../../core/i18n/translator.ts';

const HINTS = {
  group: 'teams.welcome.groupHint',
  channel: 'teams.welcome.channelHint',
} as const;

/**
 * What Teams users see when the app is installed. In the personal chat nothing: Teams shows the manifest's prompt
 * starters there, and asks bots with starters not to greet as well. A group chat or team is told what the app
 * does and that it answers only messages that @mention it.
 */
export function welcomeReplies(t: Translate, where: 'personal' | 'group' | 'channel'): Reply[] {
  if (where === 'personal') return [];
  return [
    blocksReply([
      { type: 'heading', text: t('teams.welcome.title') },
      { type: 'text', text: t('teams.welcome.intro') },
      { type: 'text', text: t(HINTS[where]) },
    ]),
  ];
}
