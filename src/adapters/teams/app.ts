/**
 * The Teams adapter: a Teams SDK App (`@microsoft/teams.apps`) served at `POST /api/messages` on the shared HTTP
 * server. It translates activities to turns, asks the core, and delivers the replies; every Teams import of the
 * project lives in this folder.
 *
 * The SDK-facing parts: this file (the App, which holds the credentials and the Bot Connector client, and the
 * routing of activity kinds), `connector.ts` (an outbox over the SDK's Bot Connector client, and
 * `ContinueConversation` for proactive posts), `request-auth.ts` (token validation, in front of the SDK) and
 * `sdk-logger.ts`.
 *
 * Inbound activities are routed here, not by the App's activity pipeline: the adapter reads, bounds and
 * authenticates every request itself and classifies every activity anyway (inbound.ts), while the pipeline would
 * build a new Bot Connector client, two Graph clients and a streaming context for every activity, none of which a
 * turn here uses. Turns post through one Bot Connector client per serviceUrl instead (a clone of the App's, with
 * its credentials), as proactive posts always have. The SDK-free parts are the same as Slack's:
 * `inbound.ts` (raw activity JSON → Turn), `turn-runner.ts`, `delivery.ts` (over the Outbox interface),
 * `render.ts`, `messenger.ts` and `conversation-key.ts`.
 */
import type { AdaptiveCardActionResponse, Client as ApiClient } from '@microsoft/teams.api';
import { App, type IHttpServerAdapter } from '@microsoft/teams.apps';
import type { Attachment, Locale, Turn } from '../../core/model.ts';
import { turnTranslator } from '../../core/answer-turn.ts';
import { translator } from '../../core/i18n/translator.ts';
import type { HttpServer } from '../../infra/http-server.ts';
import type { PlatformAdapter, PlatformAdapterDeps } from '../../infra/platform-adapter.ts';
import { createAnswerMessages } from './answer-messages.ts';
import { type ConnectorClient, connectorOutbox, continueConversationWith } from './connector.ts';
import { createCardMemory } from './card-memory.ts';
import { createConversationReferenceStore } from './conversation-reference-store.ts';
import { deliver } from './delivery.ts';
import { messagesHandler } from './http-bridge.ts';
import { type Inbound, isChannel, parseActivity } from './inbound.ts';
import { planInvoke } from './invoke-plan.ts';
import { createTeamsMessenger } from './messenger.ts';
import { createPendingFiles, fileInfoMessage, uploadFile } from './file-consent.ts';
import { feedbackTurn } from './native-feedback.ts';
import { type AdaptiveCard, CARD_CONTENT_TYPE } from './render.ts';
import { anonymousToken, createTokenValidator, type TeamsAuthOptions, teamsAuth } from './request-auth.ts';
import { sdkLogger } from './sdk-logger.ts';
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

const MESSAGES_PATH = '/api/messages';
// One welcome per conversation: redelivered or repeated install events must not post it twice.
const WELCOME_CLAIM_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The SDK's transport seam, left unused: the App must not listen on a port of its own, and activities reach the
 * adapter through the shared server's route (http-bridge.ts), never through the App.
 */
const noTransport: IHttpServerAdapter = { registerRoute() {} };

// Bot Connector endpoints are regional: a handful of serviceUrls at most, so this bound is never reached in use.
const MAX_CONNECTOR_CLIENTS = 100;

/** The Bot Connector client for a serviceUrl: one per serviceUrl, reused by every turn there. */
function connectorClients(api: ApiClient): (serviceUrl: string) => ApiClient {
  const clients = new Map<string, ApiClient>();
  return (serviceUrl) => {
    // As the SDK writes it: without the trailing slash Teams sends.
    const url = serviceUrl.endsWith('/') ? serviceUrl.slice(0, -1) : serviceUrl;
    let client = clients.get(url);
    if (!client) {
      if (clients.size >= MAX_CONNECTOR_CLIENTS) clients.clear();
      client = api.clone({ serviceUrl: url });
      clients.set(url, client);
    }
    return client;
  };
}

/** What the handlers read of an activity beyond what parseActivity checked (the envelope is checked first). */
interface ActivityBody {
  type: string;
  name?: string;
  id?: string;
  serviceUrl: string;
  replyToId?: string;
  conversation: { id: string; conversationType?: string };
}

/** The invoke response to a card press: the refreshed card, or a message Teams shows by the card. */
function cardActionResponse(answer: AdaptiveCard | string): AdaptiveCardActionResponse {
  const response =
    typeof answer === 'string'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer }
      : { statusCode: 200, type: CARD_CONTENT_TYPE, value: answer };
  return response as AdaptiveCardActionResponse;
}

/** Builds the Teams adapter; call mount() to serve it. */
export function createTeamsAdapter(deps: TeamsAdapterDeps, options: TeamsAdapterOptions = {}): TeamsAdapter {
  const { bot, config, logger } = deps;
  const auth = teamsAuth(config, options.auth);
  const validate = createTokenValidator(auth, {
    onStale: (error) =>
      logger.warn({ err: error }, 'could not refresh the Bot Framework signing keys; using the last ones'),
  });
  const app = new App({
    ...auth.credentials,
    logger: sdkLogger(logger),
    httpServerAdapter: noTransport,
    messagingEndpoint: MESSAGES_PATH,
    // Requests reach the SDK only after our validation (request-auth.ts), with the identity it established.
    dangerouslyAllowUnauthenticatedRequests: auth.appId === '',
  });
  const ready = app.initialize();
  ready.catch((error: unknown) => logger.error({ err: error }, 'the Teams SDK could not initialise'));
  const connectorFor = connectorClients(app.api);
  const runner = createTurnRunner({ bot, logger, defaultLocale: config.DEFAULT_LOCALE });
  const references = createConversationReferenceStore(deps.store);
  const cards = createCardMemory(deps.store);
  const answers = createAnswerMessages(deps.store);
  const files = createPendingFiles(deps.store);
  /** Files go out by consent card in a personal chat, the one place Teams lets a bot send them (file-consent.ts). */
  const fileOffer = (key: string, conversation: { conversationType?: string }) =>
    conversation.conversationType === 'personal'
      ? (file: Attachment, locale: Locale | undefined) =>
          files
            .offer(key, file, translator(locale ?? config.DEFAULT_LOCALE)('teams.file.description'))
            .catch((error: unknown) => {
              // Without the store the file cannot wait for consent: the Markdown is shown instead.
              logger.warn({ err: error }, 'could not keep a Teams file for its consent card');
              return undefined;
            })
      : undefined;
  const answerPosted = (key: string) => (messageId: string, answerId: string) =>
    answers
      .remember(key, messageId, answerId)
      .catch((error: unknown) => logger.warn({ err: error }, 'could not store which answer a Teams message is'));
  const background = new Set<Promise<void>>();
  const allowedTenant = config.TEAMS_APP_ID ? config.TEAMS_TENANT_ID : undefined;
  if (config.TEAMS_APP_ID && !config.TEAMS_TENANT_ID) {
    logger.warn({}, 'TEAMS_TENANT_ID is not set: the Teams bot authenticates as multi-tenant and accepts any tenant');
  }
  function inbound(activity: { type: string }): Inbound {
    const parsed = parseActivity(activity, { allowedTenant });
    if (parsed.kind === 'ignore')
      logger.debug({ reason: parsed.reason, type: activity.type }, 'teams activity ignored');
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

  /** Routes one authenticated activity; resolves with the HTTP answer (an invoke's response in its body). */
  async function dispatch(activity: ActivityBody): Promise<{ status: number; body?: unknown }> {
    const parsed = inbound(activity);
    const api = connectorFor(activity.serviceUrl);
    try {
      // Every press on a card gets an answer, even a press the adapter cannot read (an old or foreign card).
      if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
        return { status: 200, body: cardActionResponse(await pressed(activity, parsed, api)) };
      }
      if (parsed.kind === 'turn') await onMessage(activity, parsed, api);
      else if (parsed.kind === 'feedback') await onFeedback(parsed);
      else if (parsed.kind === 'welcome') await onWelcome(activity, parsed, api);
      else if (parsed.kind === 'file-consent') fileConsentAnswered(activity, parsed, api);
      return { status: 200 };
    } catch (error) {
      logger.error({ err: error, type: activity.type, conversation: activity.conversation.id }, 'teams turn error');
      return { status: 500 };
    }
  }

  async function onMessage(activity: ActivityBody, parsed: Extract<Inbound, { kind: 'turn' }>, api: ConnectorClient) {
    // Stored beside the turn, not before it: the turn does not read it, and the reply need not wait for it.
    const remembered = remember(parsed);
    const { conversation } = activity;
    const channel = isChannel(conversation);
    const target = {
      conversationId: conversation.id,
      channel,
      replyToId: channel ? activity.id : undefined,
      answerPosted: answerPosted(parsed.turn.conversation.key),
      offerFile: fileOffer(parsed.turn.conversation.key, conversation),
    };
    await runner.run(parsed.turn, connectorOutbox(api, parsed.reference), target);
    await remembered;
  }

  // Teams' own 👍/👎 with its comment box (personal and group chats): recorded like the buttons. Teams thanks the
  // person itself, so the invoke is answered with an empty 200 and nothing is posted.
  async function onFeedback(parsed: Extract<Inbound, { kind: 'feedback' }>) {
    const turn = await feedbackTurn(parsed, answers).catch(() => null);
    if (turn) await runner.answer(turn);
    else logger.debug({ conversation: parsed.turn.conversation.key }, 'feedback on a message that is no answer');
  }

  async function onWelcome(
    activity: ActivityBody,
    parsed: Extract<Inbound, { kind: 'welcome' }>,
    api: ConnectorClient,
  ) {
    await remember(parsed);
    const { key } = parsed.turn.conversation;
    if (!(await deps.store.claimOnce('teams-welcome', key, WELCOME_CLAIM_TTL_MS))) return;
    try {
      const ctx = await bot.contextFor(parsed.turn);
      const channel = isChannel(activity.conversation);
      const outbox = connectorOutbox(api, parsed.reference);
      const where = channel ? 'channel' : parsed.turn.conversation.isPrivate ? 'personal' : 'group';
      await deliver(welcomeReplies(ctx.t, where), { conversationId: activity.conversation.id, channel }, outbox);
    } catch (error) {
      await deps.store.releaseClaim('teams-welcome', key).catch(() => undefined);
      logger.error({ err: error, conversation: key }, 'teams welcome could not be delivered');
    }
  }

  // Card presses must be answered within Teams' 5 s invoke deadline: the refreshed card goes back as the invoke
  // response at once, and everything else (new messages, the card for other participants) follows after.
  async function pressed(
    activity: ActivityBody,
    parsed: Inbound,
    api: ConnectorClient,
  ): Promise<AdaptiveCard | string> {
    const fallback = translator(
      parsed.kind === 'ignore' ? config.DEFAULT_LOCALE : (parsed.turn.user.platformLocale ?? config.DEFAULT_LOCALE),
    );
    if (parsed.kind !== 'turn') return fallback('errors.unknownAction');
    const { conversation, replyToId } = activity;
    const { key } = parsed.turn.conversation;
    const channel = isChannel(conversation);
    // The reference, the turn and the pressed card's record are independent: all three at once.
    const [, { replies, failed }, remembered] = await Promise.all([
      remember(parsed),
      runner.answer(parsed.turn),
      !channel && replyToId ? cards.recall(key, replyToId).catch(() => null) : null,
    ]);
    if (failed) return replies[0]?.fallbackText ?? fallback('errors.internal');
    const input = parsed.turn.input as Extract<Turn['input'], { kind: 'action' }>;
    const press = { cardId: replyToId, actionId: input.actionId, value: input.value };
    // The replies carry the language the turn was answered in (the person's choice, else the client's).
    const answeredIn = replies[0]?.locale;
    const t = answeredIn ? translator(answeredIn) : await turnTranslator(bot, parsed.turn, config.DEFAULT_LOCALE);
    const plan = planInvoke(
      replies,
      press,
      { channel, personal: conversation.conversationType === 'personal' },
      remembered,
      t,
    );
    const outbox = connectorOutbox(api, parsed.reference);
    const target = {
      conversationId: conversation.id,
      channel,
      replyToId: channel ? replyToId : undefined,
      answerPosted: answerPosted(key),
      offerFile: fileOffer(key, conversation),
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
    return t(plan.followUps.length > 0 ? 'teams.actionDone' : 'teams.actionNoChange');
  }

  // The answer to a file consent card. The invoke is answered at once; the upload and the cards follow.
  function fileConsentAnswered(
    activity: ActivityBody,
    parsed: Extract<Inbound, { kind: 'file-consent' }>,
    api: ConnectorClient,
  ): void {
    const { consent, cardId, turn } = parsed;
    const outbox = connectorOutbox(api, parsed.reference);
    const conversationId = activity.conversation.id;
    // The consent card is replaced by what became of it, so it cannot be answered twice.
    const settle = async (text: string) => {
      const message = { type: 'message' as const, text };
      if (cardId) await outbox.update(conversationId, cardId, message);
      else await outbox.post(conversationId, message);
    };
    later('file upload', async () => {
      // In the person's language: the one they chose, else their client's.
      const t = await turnTranslator(bot, turn, config.DEFAULT_LOCALE);
      const file = await files.take(turn.conversation.key, consent.context.fileId);
      if (consent.action === 'decline') return settle(t('teams.file.declined'));
      if (!file || !consent.uploadInfo) return settle(t('teams.file.expired'));
      try {
        await uploadFile(consent.uploadInfo.uploadUrl, file.bytes);
      } catch (error) {
        logger.warn({ err: error, conversation: turn.conversation.key }, 'could not upload a file to OneDrive');
        return settle(t('teams.file.failed'));
      }
      await outbox.post(conversationId, fileInfoMessage(consent.uploadInfo));
      await settle(t('teams.file.sent', { filename: consent.uploadInfo.name }));
    });
  }

  const messenger = createTeamsMessenger({
    continueConversation: continueConversationWith(app.api),
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
        authTimeoutMs: auth.timeoutMs,
        logger,
        authenticate: async (activity, authorization) =>
          auth.appId ? validate(authorization, activity) : anonymousToken(String(activity.serviceUrl)),
        // The token's serviceurl claim was checked against the activity's serviceUrl (request-auth.ts).
        run: async (_token, activity) => {
          await ready;
          return dispatch(activity as unknown as ActivityBody);
        },
      });
      server.route('POST', MESSAGES_PATH, handle);
    },
    async start() {},
    stop: idle,
  };
}
