import type { HttpServer } from './http-server.ts';

/**
 * A platform (Slack, Teams) as the composition root sees it: it mounts its routes on the shared server,
 * may start a connection of its own (Slack Socket Mode), and stops cleanly on shutdown.
 */
export interface PlatformAdapter {
  name: 'slack' | 'teams';
  mount(server: HttpServer): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
