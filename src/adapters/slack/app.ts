/**
 * The Slack adapter: a Bolt app on the shared HTTP server (or over Socket Mode when SLACK_APP_TOKEN is set).
 * Listeners acknowledge at once, validate the payload, build a Turn and hand it to the turn runner. No rule of the
 * assistant lives here; this only decides which Slack messages are meant for the bot and where answers go.
 */
import { randomUUID } from 'node:crypto';
import { App, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { ConfigError } from '../../config.ts';
import type { Turn } from '../../core/model.ts';
import type { HttpServer } from '../../infra/http-server.ts';
import type { PlatformAdapter, PlatformAdapterDeps } from '../../infra/platform-adapter.ts';
import { createDelivery } from './delivery.ts';
import { createHomePublisher } from './home.ts';
import { parseInbound, type SlackInbound, type SlackTurn, slackTurnOf } from './inbound.ts';
import { createSlackMessenger } from './messenger.ts';
import { createOutboundProxy, proxySettingsOf } from './outbound-proxy.ts';
import { SharedServerReceiver } from './receiver.ts';
import { createSuggestedPrompts } from './suggested-prompts.ts';
import { createThreadMarks } from './threads.ts';
import { createTurnRunner } from './turn-runner.ts';
import { createUserProfiles } from './user-profile.ts';
import { boltLoggerFor, createSlackWebApi, type SlackWebApi } from './web-api.ts';

/** The route Slack posts events, slash commands and interactivity to. */
export const SLACK_EVENTS_PATH = '/slack/events';
/** The slash command (design.md). */
export const SLASH_COMMAND = '/iop';

/** What the adapter needs from the runtime: the same for every platform. */
export type SlackAdapterDeps = PlatformAdapterDeps;

export interface SlackAdapterOptions {
  /** Delay before the thread shows "is thinking…" (default 0.7 s: quick answers need no status call). */
  thinkingDelayMs?: number;
  /** Waits between rate-limit retries (tests shorten them). */
  sleep?: (ms: number) => Promise<void>;
}

/** What the composition root and the tests see of the Slack adapter. */
export interface SlackAdapter extends PlatformAdapter {
  /** The Bolt listeners registered (checked against the manifest). */
  registrations: { events: string[]; commands: string[]; actions: boolean };
  mode: 'http' | 'socket';
}

/** Builds the Slack adapter; requires SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (and SLACK_APP_TOKEN for Socket Mode). */
export function createSlackAdapter(deps: SlackAdapterDeps, options: SlackAdapterOptions = {}): SlackAdapter {
  const { config, logger } = deps;
  const token = config.SLACK_BOT_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!token || !signingSecret) {
    const missing = token ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
    throw new ConfigError([`${missing}: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET`]);
  }

  const proxy = createOutboundProxy(proxySettingsOf(config));
  const webOptions = {
    token,
    apiUrl: config.SLACK_API_URL,
    logger,
    sleep: options.sleep,
    fetch: proxy?.fetch,
    dispatcher: proxy?.dispatcher,
  };
  const web: SlackWebApi = createSlackWebApi(webOptions);
  const deliver = createDelivery(web, logger);
  const threads = createThreadMarks(deps.store, logger);
  const profiles = createUserProfiles({ store: deps.store, web, clock: deps.clock, logger });
  const runner = createTurnRunner({
    bot: deps.bot,
    web,
    deliver,
    threads,
    clock: deps.clock,
    logger,
    defaultLocale: config.DEFAULT_LOCALE,
    thinkingDelayMs: options.thinkingDelayMs ?? 700,
  });
  const offerPrompts = createSuggestedPrompts({ bot: deps.bot, web, logger, defaultLocale: config.DEFAULT_LOCALE });
  const publishHome = createHomePublisher({ bot: deps.bot, web, municipalities: deps.municipalities, logger });
  // Proactive messages should give up within ~30 s (Messenger port): shorter rate-limit waits than turns get.
  const messengerWeb = createSlackWebApi({ ...webOptions, maxRateLimitAttempts: 3, maxRateLimitWaitMs: 8_000 });
  const messenger = createSlackMessenger({ web: messengerWeb, deliver: createDelivery(messengerWeb, logger), logger });

  const boltLogger = boltLoggerFor(logger);
  const mode = config.SLACK_APP_TOKEN ? 'socket' : 'http';
  const httpReceiver = new SharedServerReceiver({ signingSecret, logger, boltLogger });
  const receiver: Receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.SLACK_APP_TOKEN!,
          logger: boltLogger,
          installerOptions: { clientOptions: web.clientOptions },
          ...(proxy ? { dispatcher: proxy.dispatcher } : {}),
        })
      : httpReceiver;

  // auth.test once, remembered; a failure is forgotten so the next event tries again (Bolt would cache it).
  let identity: Promise<{ botUserId?: string; botId?: string }> | undefined;
  const app = new App({
    receiver,
    logger: boltLogger,
    convoStore: false,
    clientOptions: web.clientOptions,
    authorize: async () => {
      identity ??= web.authTest().catch((error) => {
        identity = undefined;
        throw error;
      });
      return { botToken: token, ...(await identity) };
    },
  });
  app.error(async (error) => logger.error({ err: error }, 'slack listener failed'));

  const inflight = new Set<Promise<void>>();
  const track = (work: Promise<void>): Promise<void> => {
    const tracked = work.catch((error) => logger.error({ err: error }, 'slack work failed'));
    inflight.add(tracked);
    void tracked.finally(() => inflight.delete(tracked));
    return tracked;
  };
  const inbound = (body: unknown): SlackInbound | undefined => {
    const parsed = parseInbound(body);
    if (!parsed.ok) logger.warn({ reason: parsed.reason }, 'slack payload ignored: malformed');
    return parsed.ok ? parsed.inbound : undefined;
  };

  /** Completes the turn with the user's profile, in order within its conversation, and answers it. */
  function run(slack: SlackTurn, options: { thinking: boolean }): Promise<void> {
    const build = async (): Promise<Turn> => ({ ...slack.turn, user: await profiles.turnUser(slack.team, slack.user) });
    return runner.run(slack.turn.conversation.key, build, slack.destination, options);
  }

  async function onMessage(body: unknown, botUserId: string | undefined): Promise<void> {
    const m = inbound(body);
    if (m?.kind !== 'message' || m.user === botUserId) return;
    const { team, channel, threadTs } = m.place;
    if (m.via === 'message' && !m.place.isDm) {
      // In channels the bot answers mentions (their own event) and replies in threads it takes part in.
      if (!m.inThread || !threadTs || (botUserId && m.text.includes(`<@${botUserId}>`))) return;
      if (!(await threads.isBotThread(team, channel, threadTs))) return;
    }
    await run(slackTurnOf(m, { botUserId }), { thinking: true });
  }

  async function onCommand(body: unknown): Promise<void> {
    const c = inbound(body);
    if (c?.kind !== 'command') return;
    await run(slackTurnOf(c), { thinking: false });
  }

  // A user's DM with the bot never changes: ask Slack once per user and process.
  const dmChannels = new Map<string, Promise<string>>();
  const dmChannelOf = (user: string): Promise<string> => {
    let channel = dmChannels.get(user);
    if (!channel) {
      channel = web.openDm(user);
      channel.catch(() => dmChannels.delete(user));
      dmChannels.set(user, channel);
    }
    return channel;
  };

  async function onAction(body: unknown): Promise<void> {
    const a = inbound(body);
    if (a?.kind !== 'action') return;
    if (!a.place) {
      // Pressed in the App Home: answers go to the Messages tab (the bot's DM), then the Home is redrawn.
      const dm = { team: a.team, channel: await dmChannelOf(a.user), isDm: true };
      await run(slackTurnOf(a, { place: dm }), { thinking: false });
      await publishHome(a.team, await profiles.turnUser(a.team, a.user), a.user, randomUUID().slice(0, 8));
      return;
    }
    await run(slackTurnOf(a), { thinking: false });
  }

  async function onHomeOpened(body: unknown): Promise<void> {
    const h = inbound(body);
    if (h?.kind === 'messages-tab') {
      await offerPrompts(h.team, h.channel, h.user, await profiles.turnUser(h.team, h.user));
      return;
    }
    if (h?.kind !== 'home') return;
    // The Home is a query, not a turn: a redelivered event simply publishes it again, which is harmless. The
    // nonce only keeps each published view's block ids fresh.
    await publishHome(h.team, await profiles.turnUser(h.team, h.user), h.user, randomUUID().slice(0, 8));
  }

  const registrations = {
    events: ['app_mention', 'message', 'app_home_opened'],
    commands: [SLASH_COMMAND],
    actions: true,
  };
  // One listener for the three event types: Bolt runs every listener's middleware chain for every request.
  app.event(new RegExp(`^(${registrations.events.join('|')})$`), ({ body, event, context }) =>
    track(event.type === 'app_home_opened' ? onHomeOpened(body) : onMessage(body, context.botUserId)),
  );
  app.command(SLASH_COMMAND, async ({ ack, body }) => {
    await ack();
    await track(onCommand(body));
  });
  app.action(/.+/, async ({ ack, body }) => {
    await ack();
    await track(onAction(body));
  });

  const idle = async () => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };

  return {
    name: 'slack',
    mode,
    messenger,
    registrations,
    idle,
    mount(server: HttpServer) {
      if (mode === 'http') server.route('POST', SLACK_EVENTS_PATH, httpReceiver.handle);
    },
    async start() {
      if (mode === 'socket') await app.start();
      logger.info({ mode, ...(proxy ? { proxies: proxy.proxies } : {}) }, 'slack adapter ready');
    },
    async stop() {
      if (mode === 'socket') await app.stop();
      await Promise.race([idle(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      await proxy?.close();
    },
  };
}
