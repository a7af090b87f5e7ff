/**
 * A local stand-in for an organisation's forward proxy (what HTTPS_PROXY points at): it takes `CONNECT host:port`
 * and tunnels the bytes, as such proxies do for TLS. Targets are looked up in `routes` (`localhost:9` → a loopback
 * port of a test server), so a test can give the app addresses that only the proxy can reach; a target without a
 * route is refused with 403. Every CONNECT is recorded, routed or not.
 */
import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ForwardProxyStandIn {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  /** Every CONNECT target asked for, in order (`host:port`). */
  connects: string[];
  /** Where a CONNECT target is tunnelled to: a loopback port. */
  routes: Map<string, number>;
  close(): Promise<void>;
}

/** Starts the proxy stand-in on a free loopback port. */
export async function startForwardProxy(): Promise<ForwardProxyStandIn> {
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    // Only tunnels: a plain request means the client did not use CONNECT.
    res.writeHead(405);
    res.end();
  });
  const self: ForwardProxyStandIn = {
    url: '',
    connects: [],
    routes: new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  server.on('connection', track);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    self.connects.push(target);
    const port = self.routes.get(target);
    if (port === undefined) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self;
}
