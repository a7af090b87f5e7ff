import type { Messenger } from '../core/ports/messenger.ts';
import type { HttpServer } from './http-server.ts';

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
}
