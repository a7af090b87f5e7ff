/**
 * How the Teams adapter authenticates: botbuilder validates every inbound token (signature, issuer, audience,
 * lifetime, endorsements, the `serviceurl` claim) against the keys of Microsoft's OpenID metadata, and signs
 * outbound calls with an Entra ID token. This module bounds and configures that:
 *
 * - the keys come from a fetcher of ours, with a time limit and one fetch at a time (botbuilder's own has neither:
 *   when the endpoint hangs, every request hangs with it and opens one more connection);
 * - tests point the metadata at a local stand-in and supply outbound tokens, through `TeamsAuthOptions` passed to
 *   the adapter factory, never through production configuration.
 */
import { createPublicKey } from 'node:crypto';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { CallerIdConstants } from 'botbuilder';
import {
  AuthenticationConstants,
  MicrosoftAppCredentials,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import { z } from 'zod';
import type { Config } from '../../config.ts';

/** Longest an inbound request's authentication may take, fetching Microsoft's keys included. */
export const AUTH_TIMEOUT_MS = 5_000;
// Microsoft rotates its keys with overlap; a day is what botbuilder caches them for.
const KEYS_FRESH_MS = 24 * 60 * 60 * 1000;
// An unknown key id refetches the keys, but not more often than this (a forged key id must not cost a fetch each).
const UNKNOWN_KEY_REFETCH_MS = 5 * 60 * 1000;

/** Where the adapter gets what authentication needs; tests pass local stand-ins, production leaves them unset. */
export interface TeamsAuthOptions {
  /** OpenID metadata of the Bot Framework channel (default: Microsoft's). */
  openIdMetadataUrl?: string;
  /** OpenID metadata for emulator and skill tokens (default: Entra ID's). */
  emulatorOpenIdMetadataUrl?: string;
  /** Supplies the token for calls to the Bot Connector instead of Entra ID. */
  outboundToken?: () => Promise<string>;
  /** Longest one request's authentication may take (default AUTH_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Bot Framework authentication from the configuration; `appId` is '' when auth is off for local testing. */
export function teamsAuth(
  config: Config,
  overrides: TeamsAuthOptions = {},
): { appId: string; options: ConfigurationBotFrameworkAuthenticationOptions; metadataUrls: string[] } {
  const metadataUrls = [
    overrides.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    overrides.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  ];
  if (!config.TEAMS_APP_ID) return { appId: '', options: {}, metadataUrls };
  // Naming one endpoint makes botbuilder expect all of them: the public cloud's, with the metadata replaced.
  const endpoints = overrides.openIdMetadataUrl
    ? {
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        ToBotFromChannelOpenIdMetadataUrl: metadataUrls[0],
        ToBotFromEmulatorOpenIdMetadataUrl: metadataUrls[1],
        CallerId: CallerIdConstants.PublicAzureChannel,
      }
    : {};
  return {
    appId: config.TEAMS_APP_ID,
    metadataUrls,
    options: {
      MicrosoftAppId: config.TEAMS_APP_ID,
      MicrosoftAppPassword: config.TEAMS_APP_PASSWORD,
      // Single-tenant is the default for new Azure bots; multi-tenant only when no tenant is configured.
      MicrosoftAppType: config.TEAMS_TENANT_ID ? 'SingleTenant' : 'MultiTenant',
      MicrosoftAppTenantId: config.TEAMS_TENANT_ID,
      ...endpoints,
    },
  };
}

/** Outbound credentials that take their token from `supply` (tests' stand-in for Entra ID). */
class SuppliedTokenCredentials extends MicrosoftAppCredentials {
  constructor(
    appId: string,
    private readonly supply: () => Promise<string>,
  ) {
    super(appId, '');
  }

  override getToken(): Promise<string> {
    return this.supply();
  }
}

/** A credentials factory for botbuilder whose outbound tokens come from `supply`. */
export function suppliedTokenCredentials(
  appId: string,
  supply: () => Promise<string>,
): ServiceClientCredentialsFactory {
  return new (class extends ServiceClientCredentialsFactory {
    async isValidAppId(candidate: string): Promise<boolean> {
      return candidate === appId;
    }
    async isAuthenticationDisabled(): Promise<boolean> {
      return appId === '';
    }
    async createCredentials(candidate: string) {
      if (candidate !== appId) throw new Error('Invalid appId.');
      return new SuppliedTokenCredentials(appId, supply);
    }
  })();
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

/** A public key as botbuilder's token validation takes it: PEM, and the channels that endorse it. */
export interface SigningKeyInfo {
  key: string;
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
      next.set(jwk.kid, { key: String(key.export({ type: 'spki', format: 'pem' })), endorsements: jwk.endorsements });
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

/**
 * Makes botbuilder's token validation take its keys from our key sources, one per metadata URL. botbuilder keeps
 * one metadata object per URL in a static cache and asks it only `getKey(keyId)`; filling that cache first is the
 * one place to bound the fetch. Returns false when this botbuilder version has no such cache (then its own fetch
 * is used, and only the overall time limit applies).
 */
export function useBoundedKeyFetching(
  metadataUrls: string[],
  options: { timeoutMs: number; onStale?: (error: unknown) => void },
): boolean {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  if (!(cache instanceof Map)) return false;
  for (const url of metadataUrls) cache.set(url, createOpenIdKeySource(url, options));
  return true;
}
