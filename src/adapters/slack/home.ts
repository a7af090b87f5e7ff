/**
 * The App Home tab. Its content comes from the core's Home query (`bot.homeView`: the greeting, reminders and
 * assessments as a chat would show them), so the home never knows more than a chat does and opening it costs the
 * user none of their turns; this file only lays the answers out.
 */
import type { types } from '@slack/bolt';
import { SETTINGS_ACTIONS } from '../../core/action-ids.ts';
import type { Bot } from '../../core/bot.ts';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { type ConversationAddress, LOCALES, type Reply, type TurnUser } from '../../core/model.ts';
import type { MunicipalityDirectory } from '../../core/municipalities.ts';
import { slackHomeKey } from './conversation-key.ts';
import { escapeMrkdwn, toSlackBlocks } from './render.ts';
import type { SlackBlock, SlackWebApi } from './web-api.ts';

/** Slack allows 100 blocks in a Home view; each part gets a share so one long list cannot push the rest out. */
const MAX_BLOCKS_PER_PART = 24;
const MAX_SELECT_OPTIONS = 100;

export interface HomeDeps {
  bot: Bot;
  web: SlackWebApi;
  municipalities: MunicipalityDirectory;
  logger: CoreLogger;
}

function partBlocks(replies: Reply[], onProblem: (p: string) => void): SlackBlock[] {
  return replies.flatMap((reply) => toSlackBlocks(reply.blocks, onProblem)).slice(0, MAX_BLOCKS_PER_PART);
}

function header(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text, emoji: true } };
}

/** A titled part; the core's own heading, when its answer starts with one, stands in for ours. */
function part(title: string, replies: Reply[], onProblem: (p: string) => void): SlackBlock[] {
  const blocks = partBlocks(replies, onProblem);
  return blocks[0]?.type === 'header' ? blocks : [header(title), ...blocks];
}

/** Publishes a user's Home tab. */
export function createHomePublisher(deps: HomeDeps) {
  const { bot } = deps;

  return async function publishHome(team: string, user: TurnUser, slackUser: string, nonce: string): Promise<void> {
    const key = slackHomeKey(team, slackUser);
    const conversation: ConversationAddress = {
      platform: 'slack',
      key,
      channelKey: key,
      isPrivate: true,
      reference: { v: 1, team, user: slackUser },
    };
    const { context: ctx, greeting, reminders, assessments: checklists } = await bot.homeView({ user, conversation });
    const { t } = ctx;
    const onProblem = (problem: string) => deps.logger.warn({ problem }, 'slack home dropped content');

    const languageButtons = toSlackBlocks([
      {
        type: 'buttons',
        buttons: LOCALES.map((locale) => ({
          label: t(`slack.home.languages.${locale}`),
          actionId: SETTINGS_ACTIONS.lang,
          value: locale,
          ...(locale === ctx.locale ? { style: 'primary' as const } : {}),
        })),
      },
    ]);
    const options = deps.municipalities
      .all()
      .slice(0, MAX_SELECT_OPTIONS)
      .map((m) => ({ text: { type: 'plain_text' as const, text: m.name.slice(0, 75) }, value: m.id }));
    const current = options.find((o) => o.value === ctx.municipality?.id);
    const select: types.StaticSelect = {
      type: 'static_select',
      action_id: SETTINGS_ACTIONS.municipality,
      placeholder: { type: 'plain_text', text: t('slack.home.chooseMunicipality') },
      options,
      ...(current ? { initial_option: current } : {}),
    };
    const settingsActions = languageButtons.map((block) =>
      block.type === 'actions' && options.length > 0 ? { ...block, elements: [...block.elements, select] } : block,
    );

    const blocks: SlackBlock[] = [
      header(t('slack.home.title')),
      ...partBlocks(greeting, onProblem),
      { type: 'context', elements: [{ type: 'mrkdwn', text: t('slack.home.answersInMessages') }] },
      { type: 'divider' },
      ...part(t('slack.home.reminders'), reminders, onProblem),
      { type: 'divider' },
      ...part(t('slack.home.checklists'), checklists, onProblem),
      { type: 'divider' },
      header(t('slack.home.settings')),
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*${t('slack.home.language')}*\n${t(`slack.home.languages.${ctx.locale}`)}` },
          {
            type: 'mrkdwn',
            text: `*${t('slack.home.municipality')}*\n${escapeMrkdwn(ctx.municipality?.name ?? t('slack.home.noMunicipality'))}`,
          },
        ],
      },
      ...settingsActions,
    ];
    await deps.web.publishHome({
      user: slackUser,
      blocks: blocks.map((block, index) => ({ ...block, block_id: `home-${nonce}-${index}` }) as SlackBlock),
    });
  };
}

/** Publishes the App Home tab for one user. */
export type PublishHome = ReturnType<typeof createHomePublisher>;
