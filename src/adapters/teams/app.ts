/**
 * The Teams adapter: a teams-ai Application on botbuilder's CloudAdapter, served at `POST /api/messages` on the
 * shared HTTP server. It translates activities to turns, asks the core, and delivers the replies; every Teams
 * import of the project lives in this folder.
 *
 * teams-ai v1 is deprecated; the move to the Teams SDK (`@microsoft/teams.apps`) fills these seams and leaves the
 * rest alone: this file (the endpoint and the routing of activity kinds), `connector.ts` (an outbox over the
 * SDK's client, and `ContinueConversation` for proactive posts) and `request-auth.ts` (token validation). The
 * SDK-free parts are the same as Slack's: `inbound.ts` (raw activity JSON → Turn), `turn-runner.ts`, `delivery.ts`
 * (over the Outbox interface), `render.ts`, `messenger.ts` and `conversation-key.ts`.
 */
import { Application, TeamsAdapter as BotFrameworkAdapter } from '@microsoft/teams-ai';
import { type Activity, ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Turn } from '../../core/model.ts';
import { translator } from '../../core/i18n/translator.ts';
import type { HttpServer } from '../../infra/http-server.ts';
import type { PlatformAdapter, PlatformAdapterDeps } from '../../infra/platform-adapter.ts';
import { connectorOutbox, continueConversationWith } from './connector.ts';
import { createAnswerMessages } from './answer-messages.ts';
import { createCardMemory } from './card-memory.ts';
import { createConversationReferenceStore } from './conversation-reference-store.ts';
import { deliver } from './delivery.ts';
import { messagesHandler } from './http-bridge.ts';
import { withLibraryConsoleRouted } from './library-console.ts';
import { type Inbound, isChannel, parseActivity } from './inbound.ts';
import { planInvoke } from './invoke-plan.ts';
import { createTeamsMessenger } from './messenger.ts';
import { feedbackTurn } from './native-feedback.ts';
import type { AdaptiveCard } from './render.ts';
import {
  AUTH_TIMEOUT_MS,
  suppliedTokenCredentials,
  type TeamsAuthOptions,
  teamsAuth,
  useBoundedKeyFetching,
} from './request-auth.ts';
import { createTurnRunner } from './turn-runner.ts';
import { welcomeReplies } from './welcome.ts';

/** What the composition root and the tests see of the Teams adapter. */
export type TeamsAdapter = PlatformAdapter;

/** What the adapter needs from the runtime: the same for every platform. */
export type TeamsAdapterDeps = PlatformAdapterDeps;

export interface TeamsAdapterOptions {
  /** Token keys and outbound tokens from elsewhere than Microsoft, and the time limit (tests; see request-auth). */
  auth?: TeamsAuthOptions;
}

// One welcome per conversation: redelivered or repeated install events must not post it twice.
const WELCOME_CLAIM_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * teams-ai's adapter with the two halves of `process()` apart, so that `/api/messages` can bound and word
 * authentication itself (http-bridge.ts) and then run the turn on the authenticated request.
 */
class TeamsEndpointAdapter extends BotFrameworkAdapter {
  authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
  }

  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** The activity as botbuilder's own request handling hands it on: timestamps as dates, the raw strings kept. */
function asActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') Object.assign(activity, { [raw]: value, [field]: new Date(value) });
  }
  return activity as unknown as Activity;
}

/** Builds the Teams adapter; call mount() to serve it. */
export function createTeamsAdapter(deps: TeamsAdapterDeps, options: TeamsAdapterOptions = {}): TeamsAdapter {
  const { bot, config, logger } = deps;
  const auth = teamsAuth(config, options.auth);
  const authTimeoutMs = options.auth?.timeoutMs ?? AUTH_TIMEOUT_MS;
  const supplied = options.auth?.outboundToken;
  const adapter = new TeamsEndpointAdapter(
    auth.options,
    supplied && auth.appId ? suppliedTokenCredentials(auth.appId, supplied) : undefined,
  );
  if (auth.appId) {
    const bounded = useBoundedKeyFetching(auth.metadataUrls, {
      timeoutMs: authTimeoutMs,
      onStale: (error) =>
        logger.warn({ err: error }, 'could not refresh the Bot Framework signing keys; using the last ones'),
    });
    if (!bounded)
      logger.warn({}, 'botbuilder changed: its key fetching cannot be bounded; only the overall time limit applies');
  }
  const app = new Application({
    adapter,
    botAppId: auth.appId,
    removeRecipientMention: false,
    startTypingTimer: false,
  });
  const runner = createTurnRunner({ bot, logger, defaultLocale: config.DEFAULT_LOCALE });
  const references = createConversationReferenceStore(deps.store);
  const cards = createCardMemory(deps.store);
  const answers = createAnswerMessages(deps.store);
  const answerPosted = (key: string) => (messageId: string, answerId: string) =>
    answers
      .remember(key, messageId, answerId)
      .catch((error: unknown) => logger.warn({ err: error }, 'could not store which answer a Teams message is'));
  const background = new Set<Promise<void>>();
  const allowedTenant = config.TEAMS_APP_ID ? config.TEAMS_TENANT_ID : undefined;
  if (config.TEAMS_APP_ID && !config.TEAMS_TENANT_ID) {
    logger.warn({}, 'TEAMS_TENANT_ID is not set: the Teams bot authenticates as multi-tenant and accepts any tenant');
  }
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error, type: context.activity.type, conversation: context.activity.conversation?.id },
      'teams turn error',
    );
  };

  function inbound(context: TurnContext): Inbound {
    const parsed = parseActivity(context.activity, { allowedTenant });
    if (parsed.kind === 'ignore')
      logger.debug({ reason: parsed.reason, type: context.activity.type }, 'teams activity ignored');
    return parsed;
  }

  async function remember(parsed: Extract<Inbound, { kind: 'turn' | 'welcome' }>): Promise<void> {
    await references
      .remember(parsed.turn.conversation.key, parsed.reference)
      .catch((error: unknown) => logger.warn({ err: error }, 'could not store the Teams conversation reference'));
  }

  /** Runs work after the turn has answered (card-press follow-ups); stop() waits for it. */
  function later(what: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => logger.error({ err: error }, `teams ${what} failed`))
      .finally(() => background.delete(task));
    background.add(task);
  }

  app.activity(ActivityTypes.Message, async (context) => {
    const parsed = inbound(context);
    if (parsed.kind !== 'turn') return;
    await remember(parsed);
    const { conversation } = context.activity;
    const channel = isChannel(conversation);
    const target = {
      conversationId: conversation.id,
      channel,
      replyToId: channel ? context.activity.id : undefined,
      answerPosted: answerPosted(parsed.turn.conversation.key),
    };
    await runner.run(parsed.turn, connectorOutbox(context, parsed.reference), target);
  });

  // Teams' own 👍/👎 (personal and group chats): recorded like the buttons; Teams thanks the person itself.
  app.feedbackLoop(async (context) => {
    const parsed = inbound(context);
    if (parsed.kind !== 'feedback') return;
    const turn = await feedbackTurn(parsed, answers).catch(() => null);
    if (turn) await runner.answer(turn);
    else logger.debug({ conversation: parsed.turn.conversation.key }, 'feedback on a message that is no answer');
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const parsed = inbound(context);
    if (parsed.kind !== 'welcome') return;
    await remember(parsed);
    const { key } = parsed.turn.conversation;
    if (!(await deps.store.claimOnce('teams-welcome', key, WELCOME_CLAIM_TTL_MS))) return;
    try {
      const ctx = await bot.contextFor(parsed.turn);
      const channel = isChannel(context.activity.conversation);
      const outbox = connectorOutbox(context, parsed.reference);
      const where = channel ? 'channel' : parsed.turn.conversation.isPrivate ? 'personal' : 'group';
      await deliver(welcomeReplies(ctx.t, where), { conversationId: context.activity.conversation.id, channel }, outbox);
    } catch (error) {
      await deps.store.releaseClaim('teams-welcome', key).catch(() => undefined);
      logger.error({ err: error, conversation: key }, 'teams welcome could not be delivered');
    }
  });

  // Card presses must be answered within Teams' 5 s invoke deadline: the refreshed card goes back as the invoke
  // response at once, and everything else (new messages, the card for other participants) follows after.
  app.adaptiveCards.actionExecute(/.*/, async (context): Promise<AdaptiveCard | string> => {
    const parsed = inbound(context);
    const fallback = translator(
      parsed.kind === 'ignore' ? config.DEFAULT_LOCALE : (parsed.turn.user.platformLocale ?? config.DEFAULT_LOCALE),
    );
    if (parsed.kind !== 'turn') return fallback('errors.unknownAction');
    await remember(parsed);
    const { replies, failed } = await runner.answer(parsed.turn);
    if (failed) return replies[0]?.fallbackText ?? fallback('errors.internal');
    const { conversation, replyToId } = context.activity;
    const { key } = parsed.turn.conversation;
    const channel = isChannel(conversation);
    const input = parsed.turn.input as Extract<Turn['input'], { kind: 'action' }>;
    const remembered = !channel && replyToId ? await cards.recall(key, replyToId).catch(() => null) : null;
    const press = { cardId: replyToId, actionId: input.actionId, value: input.value };
    const plan = planInvoke(
      replies,
      press,
      { channel, personal: conversation.conversationType === 'personal' },
      remembered,
    );
    const outbox = connectorOutbox(context, parsed.reference);
    const target = {
      conversationId: conversation.id,
      channel,
      replyToId: channel ? replyToId : undefined,
      answerPosted: answerPosted(key),
    };
    if (plan.segments && replyToId) await cards.remember(key, replyToId, plan.segments).catch(() => undefined);
    if (plan.updateForAll || plan.overflow.length > 0 || plan.followUps.length > 0) {
      later('card follow-up', async () => {
        if (plan.updateForAll && replyToId) await outbox.update(conversation.id, replyToId, plan.updateForAll);
        for (const message of plan.overflow) await outbox.post(conversation.id, message, target.replyToId);
        await deliver(plan.followUps, target, outbox);
      });
    }
    if (plan.card) return plan.card;
    if (plan.notice) return plan.notice;
    const ctx = await bot.contextFor(parsed.turn).catch(() => undefined);
    return (ctx?.t ?? fallback)(plan.followUps.length > 0 ? 'teams.actionDone' : 'teams.actionNoChange');
  });

  const messenger = createTeamsMessenger({
    continueConversation: continueConversationWith(adapter, auth.appId),
    references,
    logger,
  });

  const idle = async () => {
    while (background.size > 0) await Promise.allSettled([...background]);
  };

  return {
    name: 'teams',
    messenger,
    idle,
    mount(server: HttpServer) {
      const handle = messagesHandler({
        requireAuthorization: auth.appId !== '',
        authTimeoutMs,
        logger,
        authenticate: (activity, authorization) => adapter.authenticate(asActivity(activity), authorization),
        run: (authenticated, activity) =>
          adapter.runAuthenticated(
            authenticated,
            asActivity(activity),
            async (context) => void (await app.run(context)),
          ),
      });
      server.route('POST', '/api/messages', (req, res) => withLibraryConsoleRouted(logger, () => handle(req, res)));
    },
    async start() {},
    stop: idle,
  };
}
