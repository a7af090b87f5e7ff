/**
 * How the Teams adapter authenticates inbound requests: every token is checked here, in front of the Teams SDK,
 * which then runs the turn on the identity we hand it. The checks are the Bot Framework's for channel tokens:
 * an RS256 signature by a key of Microsoft's OpenID metadata (endorsed for the activity's channel), the issuer,
 * the audience (our app id), the lifetime (with five minutes' clock skew) and the `serviceurl` claim against the
 * activity's serviceUrl.
 *
 * Why not the SDK's own validator: its key fetching has no time limit we can set and no "one fetch at a time"
 * (when Microsoft's endpoint hangs, every request hangs with it and opens one more connection), an unknown key id
 * refetches the key set on every request, key endorsements are not checked, and its refusals are logged as
 * errors with the token's details. Tests point the metadata at a local stand-in and supply outbound tokens
 * through `TeamsAuthOptions` passed to the adapter factory, never through production configuration.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { IToken } from '@microsoft/teams.api';
import { z } from 'zod';
import type { Config } from '../../config.ts';

/** Longest an inbound request's authentication may take, fetching Microsoft's keys included. */
export const AUTH_TIMEOUT_MS = 5_000;
// Microsoft rotates its keys with overlap; a day is what the Bot Framework libraries cache them for.
const KEYS_FRESH_MS = 24 * 60 * 60 * 1000;
// An unknown key id refetches the keys, but not more often than this (a forged key id must not cost a fetch each).
const UNKNOWN_KEY_REFETCH_MS = 5 * 60 * 1000;
// Clock skew allowed on `exp` and `nbf`, as the Bot Framework allows.
const CLOCK_TOLERANCE_S = 5 * 60;

/** Microsoft's OpenID metadata for tokens the Bot Framework channels (Teams) send to bots. */
export const BOT_FRAMEWORK_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
/** The issuer of those tokens. */
export const BOT_FRAMEWORK_TOKEN_ISSUER = 'https://api.botframework.com';

/** Where the adapter gets what authentication needs; tests pass local stand-ins, production leaves them unset. */
export interface TeamsAuthOptions {
  /** OpenID metadata of the Bot Framework channel (default: Microsoft's). */
  openIdMetadataUrl?: string;
  /** Supplies the token for calls to the Bot Connector instead of Entra ID (a JWT, as the SDK reads its expiry). */
  outboundToken?: () => Promise<string>;
  /** Longest one request's authentication may take (default AUTH_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** What the adapter's authentication is built from; `appId` is '' when auth is off for local testing. */
export interface TeamsAuth {
  appId: string;
  metadataUrl: string;
  timeoutMs: number;
  /** The Teams SDK's credentials options: client secret, or the supplied outbound token (tests). */
  credentials: { clientId: string; clientSecret?: string; tenantId?: string; token?: () => Promise<string> };
}

/** Authentication from the configuration and the (test) overrides. */
export function teamsAuth(config: Config, overrides: TeamsAuthOptions = {}): TeamsAuth {
  const appId = config.TEAMS_APP_ID ?? '';
  const supplied = overrides.outboundToken;
  return {
    appId,
    metadataUrl: overrides.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA_URL,
    timeoutMs: overrides.timeoutMs ?? AUTH_TIMEOUT_MS,
    // Every field given explicitly ('' when unset), so that the SDK never falls back to CLIENT_ID and the like
    // from the environment. Single-tenant with TEAMS_TENANT_ID, multi-tenant without.
    credentials:
      appId && supplied
        ? { clientId: appId, tenantId: config.TEAMS_TENANT_ID ?? '', token: supplied }
        : { clientId: appId, clientSecret: config.TEAMS_APP_PASSWORD ?? '', tenantId: config.TEAMS_TENANT_ID ?? '' },
  };
}

const metadataSchema = z.object({ jwks_uri: z.string().url() });
const jwksSchema = z.object({
  keys: z.array(
    z
      .object({
        kid: z.string(),
        kty: z.string().optional(),
        n: z.string().optional(),
        e: z.string().optional(),
        endorsements: z.array(z.string()).optional(),
      })
      .passthrough(),
  ),
});

/** A signing key as the token validation takes it: parsed once, and the channels that endorse it. */
export interface SigningKeyInfo {
  key: KeyObject;
  endorsements?: string[];
}

/**
 * The signing keys an OpenID metadata document lists, fetched with a time limit and one fetch at a time (requests
 * that need keys while a fetch runs wait for that one). Keys are kept a day; when a fetch fails, the keys from
 * the last good one are used.
 */
export function createOpenIdKeySource(
  metadataUrl: string,
  options: { timeoutMs: number; onStale?: (error: unknown) => void; now?: () => number },
) {
  const now = options.now ?? Date.now;
  let keys = new Map<string, SigningKeyInfo>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
    const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }

  async function refresh(): Promise<void> {
    attemptedAt = now();
    const signal = AbortSignal.timeout(options.timeoutMs);
    const metadata = metadataSchema.parse(await fetchJson(metadataUrl, signal));
    const jwks = jwksSchema.parse(await fetchJson(metadata.jwks_uri, signal));
    const next = new Map<string, SigningKeyInfo>();
    for (const jwk of jwks.keys) {
      if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) continue;
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
      next.set(jwk.kid, { key, endorsements: jwk.endorsements });
    }
    keys = next;
    fetchedAt = now();
  }

  return {
    /** The key with this id, or null when the metadata does not list it. Rejects only when no keys can be had. */
    async getKey(keyId: string): Promise<SigningKeyInfo | null> {
      const stale = now() - fetchedAt > KEYS_FRESH_MS;
      const unknown = !keys.has(keyId) && now() - attemptedAt > UNKNOWN_KEY_REFETCH_MS;
      if (stale || unknown) {
        inFlight ??= refresh().finally(() => {
          inFlight = undefined;
        });
        try {
          await inFlight;
        } catch (error) {
          if (keys.size === 0) throw error;
          options.onStale?.(error);
        }
      }
      return keys.get(keyId) ?? null;
    },
  };
}

const jwtHeaderSchema = z.object({ alg: z.string(), kid: z.string().min(1) });
const jwtClaimsSchema = z
  .object({
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number(),
    nbf: z.number().optional(),
    serviceurl: z.string().optional(),
    appid: z.string().optional(),
    sub: z.string().optional(),
  })
  .passthrough();
type JwtClaims = z.infer<typeof jwtClaimsSchema>;
/** A token whose signature was checked, with the key that checked it. */
interface Verified {
  kid: string;
  key: SigningKeyInfo;
  claims: JwtClaims;
}
// Channel tokens whose signature has been checked; a handful are in use at a time (one per Bot Framework region).
const MAX_VERIFIED_TOKENS = 1_000;

function decodePart(part: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The identity the SDK runs a turn on when the request carried no token (TEAMS_LOCAL_NOAUTH). */
export function anonymousToken(serviceUrl: string): IToken {
  return { appId: '', from: 'azure', fromId: '', serviceUrl, isExpired: () => false };
}

/**
 * Validates `Authorization: Bearer <jwt>` for one activity; rejects with the reason when it is not valid. The
 * resolved token is what the SDK takes as the request's authenticated caller.
 */
export function createTokenValidator(
  auth: Pick<TeamsAuth, 'appId' | 'metadataUrl' | 'timeoutMs'>,
  options: { onStale?: (error: unknown) => void; now?: () => number } = {},
) {
  const now = options.now ?? Date.now;
  const keys = createOpenIdKeySource(auth.metadataUrl, { timeoutMs: auth.timeoutMs, onStale: options.onStale, now });
  // Teams sends the same channel token with every activity for about an hour: its signature is checked once per
  // signing key and remembered (by the whole token, signature included). Everything that depends on the request
  // or the time (the key still listed, endorsement, lifetime, serviceUrl) is checked on every request.
  const verified = new Map<string, Verified>();

  async function signedClaims(token: string): Promise<Verified> {
    const known = verified.get(token);
    if (known) {
      const key = await keys.getKey(known.kid);
      if (!key) throw new Error('signed by a key the OpenID metadata does not list');
      // The same key object: the metadata was not fetched again since the signature was checked with it.
      if (key === known.key) return known;
    }
    const [headerPart, claimsPart, signaturePart, ...rest] = token.split('.');
    if (rest.length > 0 || !signaturePart) throw new Error('not a JWT');
    const header = jwtHeaderSchema.safeParse(decodePart(headerPart));
    const claims = jwtClaimsSchema.safeParse(decodePart(claimsPart));
    if (!header.success || !claims.success) throw new Error('not a JWT with the claims of a channel token');
    if (header.data.alg !== 'RS256') throw new Error(`signing algorithm ${header.data.alg} is not RS256`);
    const key = await keys.getKey(header.data.kid);
    if (!key) throw new Error('signed by a key the OpenID metadata does not list');
    const signed = verify(
      'RSA-SHA256',
      Buffer.from(`${headerPart}.${claimsPart}`),
      key.key,
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!signed) throw new Error('invalid signature');
    if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string);
    const entry = { kid: header.data.kid, key, claims: claims.data };
    verified.set(token, entry);
    return entry;
  }

  return async (authorization: string, activity: { channelId?: unknown; serviceUrl?: unknown }): Promise<IToken> => {
    const token = /^Bearer (\S+)$/i.exec(authorization.trim())?.[1];
    if (!token) throw new Error('no bearer token');
    const { key, claims } = await signedClaims(token);
    const channelId = typeof activity.channelId === 'string' ? activity.channelId : '';
    if (key.endorsements && !key.endorsements.includes(channelId))
      throw new Error(`the signing key is not endorsed for channel ${channelId}`);
    const { iss, aud, exp, nbf, serviceurl, appid, sub } = claims;
    if (iss !== BOT_FRAMEWORK_TOKEN_ISSUER) throw new Error(`issuer ${iss}`);
    if (!(Array.isArray(aud) ? aud : [aud]).includes(auth.appId)) throw new Error('another audience');
    const seconds = now() / 1000;
    if (exp + CLOCK_TOLERANCE_S < seconds) throw new Error('expired');
    if (nbf !== undefined && nbf - CLOCK_TOLERANCE_S > seconds) throw new Error('not valid yet (nbf)');
    if (serviceurl !== activity.serviceUrl) throw new Error('the serviceurl claim is not the activity’s serviceUrl');
    const serviceUrl = String(activity.serviceUrl);
    return { appId: appid ?? '', from: 'azure', fromId: sub ?? '', serviceUrl, isExpired: () => false };
  };
}

/** Validates a request's token for an activity (see createTokenValidator). */
export type TokenValidator = ReturnType<typeof createTokenValidator>;
