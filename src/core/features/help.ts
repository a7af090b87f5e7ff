import { SAY_ACTION, SETTINGS_ACTIONS } from '../action-ids.ts';
import type { TurnContext } from '../context.ts';
import type { Feature } from '../feature.ts';
import type { Block, Button, Reply } from '../model.ts';
import { blocksReply, textReply } from '../reply.ts';
import { userText } from '../user-text.ts';

function say(label: string, text: string): Button {
  return { label, actionId: SAY_ACTION, value: text };
}

/** Shortcut buttons shown with the greeting and the help text. */
function quickActions(ctx: TurnContext): Button[] {
  const { t } = ctx;
  return [
    say(t('help.buttons.whatIsIop'), t('help.examples.whatIsIop')),
    say(t('help.buttons.checklist'), t('help.commands.checklistCommand')),
    say(t('help.buttons.reminders'), t('help.commands.remindersCommand')),
    { label: t('settings.switchLanguage'), actionId: SETTINGS_ACTIONS.lang, value: ctx.locale === 'sv' ? 'en' : 'sv' },
  ];
}

function where(ctx: TurnContext): string {
  return ctx.municipality
    ? ctx.t('help.servingMunicipality', { municipality: ctx.municipality.name })
    : ctx.t('help.noMunicipality');
}

function helpReply(ctx: TurnContext): Reply {
  const { t } = ctx;
  const blocks: Block[] = [
    { type: 'heading', text: t('help.title') },
    { type: 'text', text: t('help.intro') },
    {
      type: 'fields',
      fields: [
        { label: t('help.commands.ask'), value: t('help.commands.askHow') },
        { label: t('help.commands.checklist'), value: t('help.commands.checklistHow') },
        { label: t('help.commands.assessments'), value: t('help.commands.assessmentsHow') },
        { label: t('help.commands.remind'), value: t('help.commands.remindHow') },
        { label: t('help.commands.reminders'), value: t('help.commands.remindersHow') },
        { label: t('help.commands.language'), value: t('help.commands.languageHow') },
        { label: t('help.commands.municipality'), value: t('help.commands.municipalityHow') },
        { label: t('help.commands.forget'), value: t('help.commands.forgetHow') },
      ],
    },
    { type: 'context', items: [where(ctx)] },
    { type: 'buttons', buttons: quickActions(ctx) },
  ];
  return blocksReply(blocks);
}

/** Greeting, help, and the polite answers to empty input and unknown commands. */
export function createHelpFeature(): Feature {
  return {
    name: 'help',
    intents: {
      greeting: async (ctx) => [textReply(`${ctx.t('help.greeting')} ${where(ctx)}`, quickActions(ctx))],
      help: async (ctx) => [helpReply(ctx)],
      empty: async (ctx) => [textReply(ctx.t('help.empty'), quickActions(ctx))],
      'unknown-command': async (ctx, intent) => [
        textReply(ctx.t('help.unknownCommand', { command: userText(intent.command) }), [
          say(ctx.t('help.buttons.help'), '/iop help'),
        ]),
      ],
    },
  };
}
