/**
 * A local stand-in for the Bot Framework's token issuer: an OpenID metadata document and its JWKS (with the
 * `endorsements` Teams keys carry), and RS256 tokens signed with its own key, as the Bot Connector sends them in
 * `Authorization: Bearer …`. It can also hang, accepting connections and never answering, as a stuck endpoint does.
 */
import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A signing key: its id, as the JWKS names it, and the private half. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A fresh 2048-bit RSA key (jsonwebtoken refuses shorter ones for RS256). */
export function signingKey(kid = `kid-${randomUUID().slice(0, 8)}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS: RS256 over header.payload, with `kid` in the header. */
export function signJwt(claims: Record<string, unknown>, key: SigningKey, kid = key.kid): string {
  const input = `${base64url({ alg: 'RS256', typ: 'JWT', kid, x5t: kid })}.${base64url(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export interface OpenIdStandIn {
  /** The OpenID metadata document's URL (what `ToBotFromChannelOpenIdMetadataUrl` points at). */
  metadataUrl: string;
  /** The key the JWKS publishes and tokens are signed with by default. */
  key: SigningKey;
  /** Claims as the Bot Connector sends them for `appId` and `serviceUrl`, valid for an hour; `claims` override. */
  token(options: {
    appId: string;
    serviceUrl: string;
    claims?: Record<string, unknown>;
    key?: SigningKey;
    kid?: string;
  }): string;
  /** While true, requests are accepted and never answered. */
  hang(on: boolean): void;
  /** Requests received (metadata and keys), and the most connections that were open at once. */
  stats(): { requests: number; maxOpenConnections: number; openConnections: number };
  close(): Promise<void>;
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startOpenIdStandIn(): Promise<OpenIdStandIn> {
  const key = signingKey();
  let hanging = false;
  let requests = 0;
  let maxOpen = 0;
  const sockets = new Set<Socket>();
  const held: ServerResponse[] = [];
  let base = '';

  const server = createServer((req, res) => {
    requests++;
    if (hanging) {
      held.push(res);
      return;
    }
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/v1/.well-known/openidconfiguration') {
      json({
        issuer: 'https://api.botframework.com',
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    } else if (req.url === '/v1/.well-known/keys') {
      const jwk = key.publicKey.export({ format: 'jwk' });
      json({
        keys: [{ kty: 'RSA', use: 'sig', kid: key.kid, x5t: key.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
      });
    } else {
      res.writeHead(404).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    maxOpen = Math.max(maxOpen, sockets.size);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    key,
    token({ appId, serviceUrl, claims = {}, key: signWith = key, kid }) {
      const now = Math.floor(Date.now() / 1000);
      const standard = {
        iss: 'https://api.botframework.com',
        aud: appId,
        serviceurl: serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
      };
      return signJwt({ ...standard, ...claims }, signWith, kid ?? signWith.kid);
    },
    hang(on) {
      hanging = on;
      if (!on) for (const res of held.splice(0)) res.destroy();
    },
    stats: () => ({ requests, maxOpenConnections: maxOpen, openConnections: sockets.size }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
