import { translator } from '../i18n/translator.ts';
import type { BotSettings, CoreLogger, TurnContext } from './context.ts';
import { IopError, isIopError } from './errors.ts';
import type { ActionInput, Feature } from './feature.ts';
import type { Reply, Turn } from './model.ts';
import type { MunicipalityDirectory } from './municipalities.ts';
import type { Clock, DocumentStore } from './ports.ts';
import { textReply } from './reply.ts';
import { type Intent, routeText } from './router.ts';
import { CONVERSATIONS, DELIVERY_CLAIM_TTL_MS, USER_PREFS } from './state.ts';
import { noTelemetry, type Telemetry } from './telemetry.ts';

/** Longest message the bot reads; longer ones get a polite request to shorten (and nothing is stored). */
export const MAX_MESSAGE_CHARS = 4000;

/** Buttons whose action is "say this": example questions, suggested follow-ups, command shortcuts. */
export const SAY_ACTION = 'say:text';

export interface BotDeps {
  store: DocumentStore;
  clock: Clock;
  settings: BotSettings;
  municipalities: MunicipalityDirectory;
  logger: CoreLogger;
  features: Feature[];
  telemetry?: Telemetry;
}

/** The core's single entry point: a platform-neutral turn in, replies out. */
export interface Bot {
  handleTurn(turn: Turn): Promise<Reply[]>;
  /** Builds the context a turn would get (language, time zone, municipality) without handling it. */
  contextFor(turn: Turn): Promise<TurnContext>;
}

/** A low-cardinality label for metrics: the intent kind of a message, the action area of a button. */
function turnKind(turn: Turn): string {
  if (turn.input.kind === 'action') return `action:${turn.input.actionId.split(':')[0] ?? ''}`;
  if (turn.input.text.length > MAX_MESSAGE_CHARS) return 'too-long';
  return routeText(turn.input.text).kind;
}

/** Wires features behind one entry point: de-duplication, preferences, routing, conversation bookkeeping. */
export function createBot(deps: BotDeps): Bot {
  const { store, clock, settings, municipalities } = deps;
  const telemetry = deps.telemetry ?? noTelemetry;

  async function contextFor(turn: Turn): Promise<TurnContext> {
    const prefs = await store.load(USER_PREFS, turn.user.id);
    const locale = prefs?.locale ?? turn.user.platformLocale ?? settings.defaultLocale;
    const municipalityId = prefs?.municipality ?? settings.defaultMunicipality;
    return {
      turn,
      now: clock.now(),
      prefs,
      locale,
      timeZone: prefs?.timeZone ?? turn.user.platformTimeZone ?? settings.defaultTimeZone,
      municipality: municipalityId ? municipalities.get(municipalityId) : undefined,
      t: translator(locale),
    };
  }

  async function dispatchIntent(ctx: TurnContext, intent: Intent): Promise<Reply[]> {
    for (const feature of deps.features) {
      const handler = feature.intents?.[intent.kind] as ((c: TurnContext, i: Intent) => Promise<Reply[]>) | undefined;
      if (handler) return handler(ctx, intent);
    }
    return [textReply(ctx.t('errors.unavailableFeature'))];
  }

  async function dispatchAction(ctx: TurnContext, action: ActionInput): Promise<Reply[]> {
    if (action.actionId === SAY_ACTION) return dispatchIntent(ctx, routeText(action.value));
    const area = action.actionId.split(':')[0] ?? '';
    const feature = deps.features.find((f) => f.actionAreas?.includes(area));
    if (!feature?.onAction) {
      deps.logger.warn({ actionId: action.actionId }, 'action with no handler');
      return [textReply(ctx.t('errors.unknownAction'), [], { kind: 'private' })];
    }
    return feature.onAction(ctx, action);
  }

  async function touchConversation(turn: Turn, nowIso: string): Promise<void> {
    await store.update(CONVERSATIONS, turn.conversation.key, (current) => ({
      startedAt: current?.startedAt ?? nowIso,
      lastActiveAt: nowIso,
      turns: (current?.turns ?? 0) + 1,
    }));
  }

  async function handleTurn(turn: Turn): Promise<Reply[]> {
    if (!(await store.claimOnce('turn', turn.id, DELIVERY_CLAIM_TTL_MS))) {
      deps.logger.debug({ turnId: turn.id }, 'duplicate delivery ignored');
      return [];
    }
    const startedAt = clock.now().getTime();
    const kind = turnKind(turn);
    try {
      const ctx = await contextFor(turn);
      const limit = settings.rateLimitPerMinute ?? 0;
      if (limit > 0) {
        const count = await store.incrementWindow(`turns:${turn.user.id}`, 60_000);
        // Say it once per window; further turns in the same minute are dropped silently instead of flooding.
        if (count > limit) return count === limit + 1 ? [textReply(ctx.t('errors.rateLimited'), [], { kind: 'private' })] : [];
      }
      if (turn.input.kind === 'message' && turn.input.text.length > MAX_MESSAGE_CHARS) {
        return [textReply(ctx.t('errors.tooLong', { max: MAX_MESSAGE_CHARS }))];
      }
      const replies =
        turn.input.kind === 'message'
          ? await dispatchIntent(ctx, routeText(turn.input.text))
          : await dispatchAction(ctx, turn.input);
      await touchConversation(turn, ctx.now.toISOString());
      telemetry.turnHandled(turn.conversation.platform, kind, clock.now().getTime() - startedAt);
      return replies;
    } catch (error) {
      if (isIopError(error, 'store_unavailable')) telemetry.storeError();
      // Let a redelivery of the same event try again rather than be swallowed as a duplicate.
      await store.releaseClaim('turn', turn.id).catch(() => undefined);
      throw error instanceof IopError ? error : new IopError('internal', 'turn failed', { cause: error });
    }
  }

  return { handleTurn, contextFor };
}
