import type { TurnContext } from './context.ts';
import type { Reply, Turn } from './model.ts';
import type { DocumentRef } from './prefetch.ts';
import type { Intent } from './router.ts';

/** A pressed button, as features see it. */
export interface ActionInput {
  actionId: string;
  value: string;
  messageId?: string;
  /** What the person wrote with the press (Teams' feedback comment). */
  comment?: string;
}

/**
 * One capability of the bot (settings, questions, checklists, reminders). The bot routes each intent kind
 * and each action area (`area:verb`) to the feature that declares it.
 */
export interface Feature {
  name: string;
  intents?: { [K in Intent['kind']]?: (ctx: TurnContext, intent: Extract<Intent, { kind: K }>) => Promise<Reply[]> };
  /** Action areas this feature owns, e.g. `settings` for `settings:lang`. */
  actionAreas?: string[];
  onAction?: (ctx: TurnContext, action: ActionInput) => Promise<Reply[]>;
  /**
   * Sees every intent before it is routed, in feature order, so a feature waiting for a typed reply (a case
   * name, a changed reminder time) can take it. Returns replies to take the turn, or nothing to let it through.
   */
  interceptIntent?: (ctx: TurnContext, intent: Intent) => Promise<Reply[] | null | undefined>;
  /**
   * Documents this feature reads on (nearly) every typed message, e.g. "is this user in the middle of
   * something?". The bot reads them together with the turn's admission, in the same round trip, and hands them
   * over in `ctx.prefetched`.
   */
  prefetch?: (turn: Turn) => DocumentRef[];
  /**
   * Privacy (`/iop glöm-mig`): deletes or anonymises what this feature stores about a user and returns
   * localised one-line descriptions of what it removed (empty when it had nothing).
   */
  forgetUser?: (ctx: TurnContext, userId: string) => Promise<string[]>;
}
