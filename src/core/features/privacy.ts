import { PRIVACY_ACTIONS } from '../action-ids.ts';
import type { Feature } from '../feature.ts';
import { textReply } from '../reply.ts';

/**
 * `/iop forget-me` (`glöm-mig`): asks every feature to delete or anonymise what it stores about the user,
 * then confirms what was removed. Asks for confirmation first, since it cannot be undone.
 */
export function createPrivacyFeature(features: () => Feature[]): Feature {
  return {
    name: 'privacy',
    intents: {
      'forget-me': async (ctx) => [
        textReply(ctx.t('privacy.confirm'), [
          { label: ctx.t('privacy.confirmButton'), actionId: PRIVACY_ACTIONS.forget, value: 'yes', style: 'danger' },
          { label: ctx.t('privacy.cancelButton'), actionId: PRIVACY_ACTIONS.keep, value: 'no' },
        ]),
      ],
    },
    actionAreas: ['privacy'],
    onAction: async (ctx, action) => {
      const done = action.messageId ? { kind: 'update' as const, messageId: action.messageId } : undefined;
      if (action.actionId !== PRIVACY_ACTIONS.forget) return [textReply(ctx.t('privacy.kept'), [], done)];
      const removed: string[] = [];
      for (const feature of features()) {
        if (feature.forgetUser) removed.push(...(await feature.forgetUser(ctx, ctx.turn.user.id)));
      }
      const list = removed.length > 0 ? removed.map((line) => `• ${line}`).join('\n') : ctx.t('privacy.nothing');
      return [textReply(`${ctx.t('privacy.done')}\n${list}`, [], done)];
    },
  };
}
