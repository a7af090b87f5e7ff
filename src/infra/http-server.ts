import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request on a registered route. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The one HTTP server every platform shares (design.md: one port for Slack, Teams and health). */
export interface HttpServer {
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking new connections and waits for requests in flight to finish. */
  close(): Promise<void>;
  readonly server: Server;
}

/** Sends a small JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Creates the shared server; unknown paths get 404, handler failures 500 (logged by `onError`). */
export function createHttpServer(onError: (error: unknown, req: IncomingMessage) => void): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      sendJson(res, routes.has(`GET ${path}`) || routes.has(`POST ${path}`) ? 405 : 404, { error: 'not found' });
      return;
    }
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    try {
      await handler(req, res);
    } catch (error) {
      onError(error, req);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
  // Slack and Teams keep connections alive; do not let an idle socket hold shutdown open.
  server.keepAliveTimeout = 5_000;

  return {
    server,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
      await closed;
    },
  };
}
