import { translator } from './i18n/translator.ts';
import { SAY_ACTION } from './action-ids.ts';
import type { BotSettings, TurnContext } from './context.ts';
import type { CoreLogger } from './ports/logger.ts';
import { IopError, isIopError } from './errors.ts';
import type { ActionInput, Feature } from './feature.ts';
import type { ConversationAddress, Locale, Reply, Turn, TurnUser } from './model.ts';
import type { MunicipalityDirectory } from './municipalities.ts';
import { detectLanguage } from './qa/language.ts';
import { type DocumentRef, type Prefetched, prefetchedDocuments } from './prefetch.ts';
import type { Clock } from './ports/clock.ts';
import type { DocumentStore } from './ports/document-store.ts';
import { textReply } from './reply.ts';
import { type DueMessageOptions, dueReplies } from './reminders/messages.ts';
import type { Reminder } from './reminders/reminder.ts';
import { type Intent, routeText } from './router.ts';
import { CONVERSATIONS, DELIVERY_CLAIM_TTL_MS, USER_PREFS, type UserPrefs } from './state.ts';
import { noTelemetry, type Telemetry } from './telemetry.ts';
import { withCleanUserText } from './user-text.ts';

/** The language a typed message is clearly written in (its function words and letters), if any. */
function messageLanguage(turn: Turn): Locale | undefined {
  if (turn.input.kind !== 'message' || turn.input.text.startsWith('/')) return undefined;
  return detectLanguage(turn.input.text);
}

/** Longest message the bot reads; longer ones get a polite request to shorten (and nothing is stored). */
export const MAX_MESSAGE_CHARS = 4000;

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
  contextFor(turn: Turn, knownPrefs?: UserPrefs | null): Promise<TurnContext>;
  /**
   * The message for a reminder that fell due (mention, text, Klar / snooze buttons), in the owner's current
   * language and time zone; `late` when it is delivered after the bot was down. The worker sends it.
   */
  handleReminder(reminder: Reminder, options: DueMessageOptions): Promise<Reply[]>;
  /**
   * What a Home screen (Slack's App Home tab) shows `viewer`: the greeting, their reminders and their
   * assessments. A query, not a turn: it is not claimed, not rate limited, leaves the conversation record alone,
   * and no pending prompt (a case name, a changed reminder time) can take it as the user's reply.
   */
  homeView(viewer: { user: TurnUser; conversation: ConversationAddress }): Promise<HomeView>;
}

/** The parts of a Home screen, each as the features would answer the matching command. */
export interface HomeView {
  /** The viewer's language, time zone and municipality, as a turn of theirs would see them. */
  context: TurnContext;
  greeting: Reply[];
  reminders: Reply[];
  assessments: Reply[];
}

/** Metrics bucket for anything outside the declared intent kinds and action areas. */
const OTHER_KIND = 'other';
const RATE_WINDOW_MS = 60_000;

/** Wires features behind one entry point: de-duplication, preferences, routing, conversation bookkeeping. */
export function createBot(deps: BotDeps): Bot {
  const { store, clock, settings, municipalities } = deps;
  const telemetry = deps.telemetry ?? noTelemetry;

  async function contextFor(turn: Turn, knownPrefs?: UserPrefs | null, prefetched?: Prefetched): Promise<TurnContext> {
    const prefs = knownPrefs !== undefined ? knownPrefs : await store.load(USER_PREFS, turn.user.id);
    // A chosen language holds for everything; before a choice, a message is answered in its own language
    // ("remind me in two weeks …" is confirmed in English), else in the platform's or the deployment's.
    const locale = prefs?.locale ?? messageLanguage(turn) ?? turn.user.platformLocale ?? settings.defaultLocale;
    const municipalityId = prefs?.municipality ?? settings.defaultMunicipality;
    return {
      turn,
      now: clock.now(),
      prefs,
      locale,
      timeZone: prefs?.timeZone ?? turn.user.platformTimeZone ?? settings.defaultTimeZone,
      municipality: municipalityId ? municipalities.get(municipalityId) : undefined,
      t: translator(locale),
      ...(prefetched ? { prefetched } : {}),
    };
  }

  /**
   * What the turn will read anyway: its conversation record (updated at the end of the turn; reading it now
   * lets that update go straight to the compare-and-set) and, for a typed message, what features ask for.
   */
  function prefetchRefs(turn: Turn): DocumentRef[] {
    const conversation: DocumentRef = { collection: CONVERSATIONS, id: turn.conversation.key };
    if (turn.input.kind !== 'message') return [conversation];
    return [conversation, ...deps.features.flatMap((f) => f.prefetch?.(turn) ?? [])];
  }

  /**
   * Claims the delivery, counts it against the rate limit and loads the user's preferences. When Redis is away
   * the turn still goes ahead on defaults (questions are answered from the in-process index); features that
   * must write state fail with store_unavailable and the adapter says "temporarily unavailable".
   */
  async function admit(turn: Turn): Promise<{
    verdict: 'go' | 'duplicate' | 'limited' | 'limit-notice';
    prefs: UserPrefs | null;
    prefetched?: Prefetched;
  }> {
    try {
      const limit = settings.rateLimitPerMinute ?? 0;
      const refs = prefetchRefs(turn);
      // Sent together, so they cost one round trip. Only a delivery this instance claims is counted: Slack's
      // retries of one event must not use up the user's turns.
      const [claim, prefs, documents] = await Promise.all([
        limit > 0
          ? store.claimAndCount('turn', turn.id, DELIVERY_CLAIM_TTL_MS, {
              counter: `turns:${turn.user.id}`,
              windowMs: RATE_WINDOW_MS,
            })
          : store.claimOnce('turn', turn.id, DELIVERY_CLAIM_TTL_MS).then((claimed) => ({ claimed, count: 0 })),
        store.load(USER_PREFS, turn.user.id),
        Promise.all(refs.map((ref) => store.load(ref.collection, ref.id))),
      ]);
      if (!claim.claimed) return { verdict: 'duplicate', prefs: null };
      const prefetched = prefetchedDocuments(refs, documents);
      const { count } = claim;
      // Say it once per window; further turns in the same minute are dropped silently instead of flooding.
      if (limit > 0 && count > limit) return { verdict: count === limit + 1 ? 'limit-notice' : 'limited', prefs };
      return { verdict: 'go', prefs, prefetched };
    } catch (error) {
      if (!isIopError(error, 'store_unavailable')) throw error;
      telemetry.storeError();
      deps.logger.warn({ turnId: turn.id }, 'state store unavailable; handling the turn without it');
      return { verdict: 'go', prefs: null };
    }
  }

  type IntentHandler = (ctx: TurnContext, intent: Intent) => Promise<Reply[]>;

  function handlerFor(kind: Intent['kind']): IntentHandler | undefined {
    for (const feature of deps.features) {
      if (feature.intents && Object.hasOwn(feature.intents, kind)) return feature.intents[kind] as IntentHandler;
    }
    return undefined;
  }

  const actionArea = (actionId: string) => actionId.split(':')[0] ?? '';
  const featureForArea = (area: string) => deps.features.find((f) => f.actionAreas?.includes(area));

  /**
   * A label for metrics from a fixed set: the intent kinds and action areas the features declare, `say` buttons
   * and `too-long`; anything else is `other`. Action ids come from the client, so a forged one must not grow a
   * new time series.
   */
  function turnKind(turn: Turn, intent: Intent | undefined): string {
    if (turn.input.kind === 'action') {
      if (turn.input.actionId === SAY_ACTION) return 'action:say';
      const area = actionArea(turn.input.actionId);
      return `action:${featureForArea(area) ? area : OTHER_KIND}`;
    }
    if (!intent) return 'too-long';
    return handlerFor(intent.kind) ? intent.kind : OTHER_KIND;
  }

  async function dispatchIntent(ctx: TurnContext, intent: Intent): Promise<Reply[]> {
    for (const feature of deps.features) {
      const taken = await feature.interceptIntent?.(ctx, intent);
      if (taken) return taken;
    }
    const handler = handlerFor(intent.kind);
    return handler ? handler(ctx, intent) : [textReply(ctx.t('errors.unavailableFeature'))];
  }

  async function dispatchAction(ctx: TurnContext, action: ActionInput): Promise<Reply[]> {
    if (action.actionId === SAY_ACTION) return dispatchIntent(ctx, routeText(action.value));
    const feature = featureForArea(actionArea(action.actionId));
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

  async function handleTurn(received: Turn): Promise<Reply[]> {
    const turn = withCleanUserText(received);
    const admission = await admit(turn);
    if (admission.verdict === 'duplicate') {
      deps.logger.debug({ turnId: turn.id }, 'duplicate delivery ignored');
      return [];
    }
    const ctx = await contextFor(turn, admission.prefs, admission.prefetched);
    if (admission.verdict === 'limited') return [];
    if (admission.verdict === 'limit-notice') return [textReply(ctx.t('errors.rateLimited'), [], { kind: 'private' })];
    const startedAt = clock.now().getTime();
    const tooLong = turn.input.kind === 'message' && turn.input.text.length > MAX_MESSAGE_CHARS;
    const intent = turn.input.kind === 'message' && !tooLong ? routeText(turn.input.text) : undefined;
    try {
      let replies: Reply[];
      if (tooLong) replies = [textReply(ctx.t('errors.tooLong', { max: MAX_MESSAGE_CHARS }))];
      else if (turn.input.kind === 'action') replies = await dispatchAction(ctx, turn.input);
      else replies = await dispatchIntent(ctx, intent ?? { kind: 'empty' });
      await touchConversation(turn, ctx.now.toISOString()).catch((error: unknown) => {
        // Bookkeeping only: losing it must not lose the answer.
        if (!isIopError(error, 'store_unavailable')) throw error;
      });
      telemetry.turnHandled(turn.conversation.platform, turnKind(turn, intent), clock.now().getTime() - startedAt);
      return replies.map((reply) => (reply.locale ? reply : { ...reply, locale: ctx.locale }));
    } catch (error) {
      if (isIopError(error, 'store_unavailable')) telemetry.storeError();
      // Let a redelivery of the same event try again rather than be swallowed as a duplicate.
      await store.releaseClaim('turn', turn.id).catch(() => undefined);
      throw error instanceof IopError ? error : new IopError('internal', 'turn failed', { cause: error });
    }
  }

  async function handleReminder(reminder: Reminder, options: DueMessageOptions): Promise<Reply[]> {
    const prefs = await store.load(USER_PREFS, reminder.ownerId);
    const locale = prefs?.locale ?? reminder.locale;
    const timeZone = prefs?.timeZone ?? reminder.timeZone;
    return dueReplies({ t: translator(locale), locale, timeZone, now: clock.now() }, reminder, options);
  }

  async function homeView(viewer: { user: TurnUser; conversation: ConversationAddress }): Promise<HomeView> {
    // Features read the viewer and the place from a turn; this one is never claimed, counted or recorded.
    const turn: Turn = { id: `home:${viewer.conversation.key}`, ...viewer, input: { kind: 'message', text: '' } };
    const context = await contextFor(turn);
    // A feature's own answer, without interceptors; a part whose feature is not installed is left empty.
    const answer = (intent: Intent) => handlerFor(intent.kind)?.(context, intent) ?? Promise.resolve([]);
    const [greeting, reminders, assessments] = await Promise.all([
      answer({ kind: 'greeting' }),
      answer({ kind: 'reminders' }),
      answer({ kind: 'assessments' }),
    ]);
    return { context, greeting, reminders, assessments };
  }

  return { handleTurn, contextFor, handleReminder, homeView };
}
