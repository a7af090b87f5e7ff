import type { HttpServer } from './http-server.ts';
import { sendJson } from './http-server.ts';

/** One readiness check: a name and whether it passes now. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

/** `GET /healthz` (the process answers) and `GET /readyz` (every dependency answers). */
export function mountHealthRoutes(server: HttpServer, checks: ReadinessCheck[]): void {
  server.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  server.route('GET', '/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => [c.name, await c.check().catch(() => false)] as const),
    );
    const ready = results.every(([, ok]) => ok);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });
}
