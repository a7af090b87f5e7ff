import type { Config } from './config.ts';
import { createConsoleChat } from './adapters/console/console-chat.ts';
import { printConsoleReminders } from './adapters/console/console-messenger.ts';
import type { Locale } from './core/model.ts';
import { translator } from './core/i18n/translator.ts';
import { mountHealthRoutes, runtimeReadinessChecks } from './infra/health-routes.ts';
import { createHttpServer } from './infra/http-server.ts';
import { createLogger } from './infra/logger.ts';
import type { PlatformAdapter } from './infra/platform-adapter.ts';
import { createRuntime, type Runtime } from './runtime.ts';

/**
 * SIGHUP: like `iop-bot knowledge reload`, every instance sharing this one's Redis reloads (this one too, as it
 * listens); without Redis only this process does. Outcomes go to the log; a broken folder keeps the old knowledge.
 */
async function reloadEverywhere(runtime: Runtime): Promise<void> {
  const { config, logger } = runtime;
  try {
    if (runtime.stateDescription.kind === 'redis' && config.REDIS_URL) {
      const { requestKnowledgeReload } = await import('./infra/knowledge/knowledge-reload.ts');
      const outcome = await requestKnowledgeReload({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX });
      if (outcome.listeners > 0) {
        logger.info({ instances: outcome.listeners, replies: outcome.replies }, 'knowledge reload requested (SIGHUP)');
        return;
      }
    }
    const outcome = await runtime.reloadKnowledge();
    logger.info({ outcome }, 'knowledge reload (SIGHUP)');
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'knowledge reload failed (SIGHUP)');
  }
}

/** Runs `fn` until it resolves or a signal asks us to stop; then closes the runtime cleanly. */
async function withShutdown(runtime: Runtime, fn: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    runtime.logger.info({ signal }, 'shutting down');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const onHangUp = () => void reloadEverywhere(runtime);
  process.on('SIGHUP', onHangUp);
  try {
    await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onHangUp);
    await runtime.close();
  }
}

/** `iop-bot chat`: the console adapter, over stdin/stdout. */
export async function runConsoleChat(config: Config, options: { userId: string; locale?: Locale }): Promise<void> {
  // The chat owns stdout; logs go to stderr and stay quiet unless asked for.
  const logger = createLogger(config.LOG_LEVEL ?? 'warn');
  const runtime = await createRuntime(config, logger, { serving: false });
  const t = translator(options.locale ?? config.DEFAULT_LOCALE);
  const state =
    runtime.stateDescription.kind === 'memory'
      ? t('console.memoryState')
      : t('console.redisState', { url: runtime.stateDescription.url });
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const chat = createConsoleChat({
    bot: runtime.bot,
    logger,
    input: process.stdin,
    output: process.stdout,
    userId: options.userId,
    locale: options.locale,
    interactive,
    banner: [
      t('console.welcome'),
      state,
      t(runtime.reminders.kind === 'memory' ? 'reminders.console.memory' : 'reminders.console.redis'),
      t('console.buttonHint'),
    ],
  });
  // Reminders set in this chat are printed here when due; the worker takes only console reminders, and starts
  // after a moment so that a piped one-liner does not load BullMQ.
  const stopReminders = printConsoleReminders(runtime.reminders, `console:${options.userId}`, chat.notify);
  await runtime.startReminders({ console: runtime.reminders.consoleMessenger }, { afterMs: 1_000 });
  await withShutdown(runtime, async (signal) => {
    signal.addEventListener('abort', () => process.stdin.destroy());
    await chat.run();
    await stopReminders();
  });
}

const LOOPBACK = '127.0.0.1';

/**
 * Where the server listens: every interface, except when Teams runs without authentication. Then the whole server
 * (Slack, health and metrics included) stays on loopback, since anyone who can reach `/api/messages` could speak
 * as any Teams user.
 */
function listenHost(config: Config): string | undefined {
  return config.teamsEnabled && config.TEAMS_LOCAL_NOAUTH && !config.TEAMS_APP_ID ? LOOPBACK : undefined;
}

/** Builds the adapters for the platforms the configuration enables. */
async function createPlatformAdapters(runtime: Runtime): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  const { config, logger } = runtime;
  if (config.slackEnabled) {
    const { createSlackAdapter } = await import('./adapters/slack/app.ts');
    adapters.push(createSlackAdapter(runtime));
  }
  if (config.teamsEnabled) {
    if (config.TEAMS_LOCAL_NOAUTH && !config.TEAMS_APP_ID) {
      logger.warn(
        { TEAMS_LOCAL_NOAUTH: true, host: LOOPBACK },
        `!!! TEAMS_LOCAL_NOAUTH=1: /api/messages accepts activities WITHOUT authentication. Local testing only, so the whole server${config.slackEnabled ? ' (Slack included)' : ''} listens on ${LOOPBACK} only — never forward this port. !!!`,
      );
    } else if (config.TEAMS_LOCAL_NOAUTH) {
      logger.warn(
        {},
        'TEAMS_LOCAL_NOAUTH is ignored because TEAMS_APP_ID is set: /api/messages requires authentication',
      );
    }
    // Loaded only when Teams is on: the Teams SDK takes a while to import.
    const { createTeamsAdapter } = await import('./adapters/teams/app.ts');
    adapters.push(createTeamsAdapter(runtime));
  }
  return adapters;
}

/** Serves the configured platforms on one HTTP server until SIGTERM/SIGINT, then shuts down gracefully. */
export async function runServer(config: Config): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL ?? 'info');
  // Loaded here, not at the top: the console chat and one-off commands have no use for prom-client.
  const { createMetrics } = await import('./infra/metrics.ts');
  const metrics = createMetrics();
  const runtime = await createRuntime(config, logger, { serving: true, telemetry: metrics.telemetry });
  const server = createHttpServer((error, req) => logger.error({ err: error, url: req.url }, 'request failed'));
  // Every served platform delivers reminders (the worker starts below, after the adapters), so `reminders` is
  // checked; it stays false until that worker has started, which keeps the instance out of rotation meanwhile.
  const health = mountHealthRoutes(server, runtimeReadinessChecks(runtime));
  // With METRICS_PORT, /metrics moves to a listener of its own (loopback unless METRICS_HOST says otherwise), so
  // the public port that Slack and Teams reach does not serve it.
  const metricsServer = config.METRICS_PORT
    ? createHttpServer((error, req) => logger.error({ err: error, url: req.url }, 'metrics request failed'))
    : undefined;
  metrics.mount(metricsServer ?? server, { token: config.METRICS_TOKEN });
  const adapters = await createPlatformAdapters(runtime);
  for (const adapter of adapters) adapter.mount(server);
  await withShutdown(runtime, async (signal) => {
    if (metricsServer && config.METRICS_PORT) {
      const metricsPort = await metricsServer.listen(config.METRICS_PORT, config.METRICS_HOST);
      logger.info({ port: metricsPort, host: config.METRICS_HOST }, 'metrics served on their own port');
    }
    const host = listenHost(config);
    const port = await server.listen(config.PORT, host);
    for (const adapter of adapters) await adapter.start();
    // Reminders flow one way: the adapters' messengers into one delivery, and one worker for their platforms.
    await runtime.startReminders(Object.fromEntries(adapters.map((adapter) => [adapter.name, adapter.messenger])));
    logger.info(
      {
        host: host ?? 'all interfaces',
        port,
        platforms: adapters.map((a) => a.name),
        state: runtime.stateDescription.kind,
      },
      'IOP-assistenten is serving',
    );
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    // Out of rotation first, then stop taking requests, let turns in flight finish, then the adapters; the runtime
    // closes Redis last.
    health.beginShutdown();
    // Load balancers poll /readyz; keep serving a moment so they see the 503 and stop sending before we close.
    if (config.SHUTDOWN_DRAIN_SECONDS > 0) {
      logger.info({ seconds: config.SHUTDOWN_DRAIN_SECONDS }, 'draining: /readyz says shutting down');
      await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_SECONDS * 1000));
    }
    await server.close();
    await metricsServer?.close();
    for (const adapter of adapters) await adapter.stop();
  });
}

/** `iop-bot` with no subcommand: serve the configured platforms, or open the console when none is configured. */
export async function runDefault(config: Config): Promise<void> {
  if (!config.slackEnabled && !config.teamsEnabled) {
    await runConsoleChat(config, { userId: 'local' });
    return;
  }
  await runServer(config);
}
