/**
 * Slack's outbound traffic through the organisation's forward proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), for
 * networks where a server reaches the internet only that way. Bolt 5 speaks HTTP with fetch, which leaves these
 * variables alone, so the proxy is handed over explicitly: this fetch to every WebClient (`clientOptions.fetch`:
 * Web API calls, file uploads, `respond`) and the dispatcher to Socket Mode's WebSocket.
 */
import type { webApi } from '@slack/bolt';
import { EnvHttpProxyAgent } from 'undici';
import type { Config } from '../../config.ts';

/** Which proxy serves which URLs, with the semantics curl and undici give the variables. */
export interface ProxySettings {
  httpsProxy?: string;
  httpProxy?: string;
  /** Comma-separated hosts (and `.domain` suffixes) reached directly. */
  noProxy?: string;
}

/** A fetch and a dispatcher that go through the proxy. */
export interface OutboundProxy {
  fetch: webApi.FetchFunction;
  /** For Socket Mode's WebSocket. */
  dispatcher: EnvHttpProxyAgent;
  /** The proxies in use, without credentials (for the start-up log). */
  proxies: string[];
  close(): Promise<void>;
}

/** The proxy settings in the configuration; the lower-case names win, as in undici and curl. */
export function proxySettingsOf(config: Config): ProxySettings {
  return {
    httpsProxy: config.https_proxy ?? config.HTTPS_PROXY,
    httpProxy: config.http_proxy ?? config.HTTP_PROXY,
    noProxy: config.no_proxy ?? config.NO_PROXY,
  };
}

/** Undefined when no proxy is configured: then Slack is reached directly with Node's own fetch. */
export function createOutboundProxy(settings: ProxySettings): OutboundProxy | undefined {
  if (!settings.httpsProxy && !settings.httpProxy) return undefined;
  // Empty strings rather than undefined: for undefined undici would read process.env itself, past the config.
  const dispatcher = new EnvHttpProxyAgent({
    httpsProxy: settings.httpsProxy ?? '',
    httpProxy: settings.httpProxy ?? '',
    noProxy: settings.noProxy ?? '',
  });
  // Node's own fetch with undici's dispatcher, not undici's fetch: the WebClient builds file uploads with Node's
  // FormData, which undici's fetch does not recognise and would send as the text "[object FormData]".
  const proxiedFetch: webApi.FetchFunction = (url, init) =>
    fetch(url, { ...init, dispatcher } as RequestInit & { dispatcher: unknown });
  const proxies = [settings.httpsProxy, settings.httpProxy]
    .filter((url): url is string => Boolean(url))
    .map(withoutCredentials);
  return { fetch: proxiedFetch, dispatcher, proxies: [...new Set(proxies)], close: () => dispatcher.close() };
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable proxy URL)';
  }
}
