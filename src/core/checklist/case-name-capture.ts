import type { TurnContext } from '../context.ts';
import type { Feature } from '../feature.ts';
import type { Reply } from '../model.ts';
import { textReply } from '../reply.ts';
import type { Intent } from '../router.ts';
import type { ChecklistFeature } from './feature.ts';

type IntentHandler = (ctx: TurnContext, intent: Intent) => Promise<Reply[]>;

/**
 * Lets the checklist see every typed message before the feature it is routed to, so that the answer to
 * "what is the case called?" becomes the case name instead of a question for the knowledge base, and any
 * command typed instead cancels the wait. Wraps the intent handlers of `features` (which should include the
 * checklist feature itself) and adds a last resort for free text when no feature answers questions yet.
 */
export function withCaseNameCapture(checklist: ChecklistFeature, features: Feature[]): Feature[] {
  const wrap =
    (handler: IntentHandler): IntentHandler =>
    async (ctx, intent) =>
      (await checklist.captureCaseName(ctx, intent)) ?? handler(ctx, intent);

  const wrapped = features.map((feature): Feature => {
    if (!feature.intents) return feature;
    const intents: Record<string, IntentHandler> = {};
    for (const [kind, handler] of Object.entries(feature.intents)) {
      if (handler) intents[kind] = wrap(handler as IntentHandler);
    }
    return { ...feature, intents: intents as Feature['intents'] };
  });
  const answersFreeText = features.some((feature) => feature.intents?.ask);
  if (answersFreeText) return wrapped;
  const lastResort: Feature = {
    name: 'checklist-case-name',
    intents: { ask: wrap(async (ctx) => [textReply(ctx.t('errors.unavailableFeature'))]) },
  };
  return [...wrapped, lastResort];
}
