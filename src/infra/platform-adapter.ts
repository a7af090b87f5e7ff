import type { Config } from '../config.ts';
import type { Bot } from '../core/bot.ts';
import type { MunicipalityDirectory } from '../core/municipalities.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import type { CoreLogger } from '../core/ports/logger.ts';
import type { Messenger } from '../core/ports/messenger.ts';
import type { HttpServer } from './http-server.ts';

/**
 * What every platform adapter is built from (`create<Platform>Adapter(deps, options)`): the same slice of the
 * runtime, so a reviewer who knows one adapter's wiring knows the other's. Platform-specific knobs go in options.
 */
export interface PlatformAdapterDeps {
  config: Config;
  logger: CoreLogger;
  store: DocumentStore;
  bot: Bot;
  clock: Clock;
  municipalities: MunicipalityDirectory;
}

/**
 * A platform (Slack, Teams) as the composition root sees it: it mounts its routes on the shared server,
 * may start a connection of its own (Slack Socket Mode), stops cleanly on shutdown, and returns the messenger
 * the composition root hands to reminder delivery.
 */
export interface PlatformAdapter {
  name: 'slack' | 'teams';
  /** Posts replies without a turn (reminders) into this platform's conversations. */
  messenger: Messenger;
  mount(server: HttpServer): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the work in flight (turns, follow-ups after an acknowledged request) is done. */
  idle(): Promise<void>;
}
