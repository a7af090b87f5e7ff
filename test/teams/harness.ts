/**
 * The Teams adapter on the real shared HTTP server with a real bot (createRuntime over real Redis), auth off, and
 * a local Bot Connector stand-in at serviceUrl: the Bot Framework protocol end to end, without Teams.
 */
import type { Logger } from 'pino';
import { createTeamsAdapter, type TeamsAdapter } from '../../src/adapters/teams/app.ts';
import type { TeamsAuthOptions } from '../../src/adapters/teams/request-auth.ts';
import type { Bot } from '../../src/core/bot.ts';
import type { ReminderDelivery } from '../../src/core/reminders/delivery.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import { createHttpServer, type HttpServer } from '../../src/infra/http-server.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { type BotConnectorStandIn, startBotConnector } from '../support/bot-connector.ts';
import { testRedis, uniquePrefix } from '../support/redis.ts';
import { teamsTestConfig } from '../support/teams-config.ts';

export interface TeamsHarness {
  /** The Redis key prefix the runtime stores under (tests that write stored data as an older version did). */
  prefix: string;
  connector: BotConnectorStandIn;
  runtime: Runtime;
  /** Reminder delivery over the adapter's messenger, as the composition root builds it. */
  delivery: ReminderDelivery;
  teams: TeamsAdapter;
  server: HttpServer;
  url: string;
  /** POSTs an activity to /api/messages; resolves with the HTTP status and parsed body. */
  post(
    activity: unknown,
    init?: { body?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Starts a harness; `bot` replaces the runtime's bot (e.g. one that fails). */
export async function startTeamsHarness(
  options: {
    env?: Record<string, string>;
    bot?: (runtime: Runtime) => Bot;
    clock?: Clock;
    name?: string;
    /** Where the adapter gets token keys and outbound tokens (local stand-ins), and its time limit. */
    auth?: TeamsAuthOptions;
    logger?: Logger;
  } = {},
): Promise<TeamsHarness> {
  const prefix = uniquePrefix(options.name ?? 'teams');
  const connector = await startBotConnector();
  const config = teamsTestConfig(prefix, options.env);
  const logger = options.logger ?? createLogger(config.LOG_LEVEL ?? 'silent');
  const runtime = await createRuntime(config, logger, { serving: true, clock: options.clock });
  const bot = options.bot ? options.bot(runtime) : runtime.bot;
  const server = createHttpServer((error) => logger.error({ err: error }, 'request failed'));
  const teams = createTeamsAdapter({ ...runtime, logger, bot }, { auth: options.auth });
  teams.mount(server);
  await teams.start();
  const delivery = await runtime.startReminders({ teams: teams.messenger });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/api/messages`;

  return {
    prefix,
    connector,
    runtime,
    delivery,
    teams,
    server,
    url,
    async post(activity, init = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body: init.body ?? JSON.stringify(activity),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // plain text body
      }
      return { status: response.status, body };
    },
    async close() {
      await server.close();
      await teams.stop();
      await runtime.close();
      await connector.close();
      await testRedis(prefix).cleanup();
    },
  };
}
