import { SAY_ACTION } from '../../core/action-ids.ts';
import type { Button, Reply } from '../../core/model.ts';
import { blocksReply } from '../../core/reply.ts';
import type { Translate } from '../../core/i18n/translator.ts';

const HINTS = {
  personal: 'teams.welcome.chatHint',
  group: 'teams.welcome.groupHint',
  channel: 'teams.welcome.channelHint',
} as const;

/** The message Teams users see when the app is installed or first opened: what it does, and prompts to try. */
export function welcomeReply(t: Translate, where: 'personal' | 'group' | 'channel'): Reply {
  const prompt = (label: Parameters<Translate>[0], text: Parameters<Translate>[0]): Button => ({
    label: t(label),
    actionId: SAY_ACTION,
    value: t(text),
  });
  return blocksReply([
    { type: 'heading', text: t('teams.welcome.title') },
    { type: 'text', text: t('teams.welcome.intro') },
    // Outside the personal chat Teams only passes on messages that @mention the bot.
    { type: 'text', text: t(HINTS[where]) },
    {
      type: 'buttons',
      buttons: [
        prompt('teams.welcome.prompts.whatIsIop', 'teams.welcome.prompts.whatIsIopText'),
        prompt('teams.welcome.prompts.iopOrProcurement', 'teams.welcome.prompts.iopOrProcurementText'),
        prompt('teams.welcome.prompts.checklist', 'teams.welcome.prompts.checklistText'),
        prompt('teams.welcome.prompts.help', 'teams.welcome.prompts.helpText'),
      ],
    },
  ]);
}
