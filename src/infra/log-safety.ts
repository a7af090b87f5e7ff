/**
 * What may reach the logs. Errors from HTTP clients carry their request (headers with the bot token, the body
 * with people's messages) several levels down (`err.original.config.headers`), so path-based redaction is not
 * enough: errors are reduced to a few safe fields at any depth, keys that name a secret are censored at any
 * depth, and anything token-shaped is masked in every line written.
 */

export const CENSOR = '[redacted]';

/** Deeper than this, a log value is cut off: nothing we log on purpose nests so deep. */
const MAX_DEPTH = 8;
/** Causes followed per error (`cause`, `original`): enough to see the root, not a whole chain of wrappers. */
const MAX_ERROR_DEPTH = 4;
const MAX_AGGREGATED = 10;

/** Keys whose values are secrets wherever they appear: `token`, `botToken`, `Authorization`, `x-slack-signature`… */
const SECRET_KEY = /(?:token|secret|passw(?:or)?d|authorization|cookie|signature|api[-_]?key|credentials?)$/i;

const TOKEN_PATTERNS: Array<[RegExp, string]> = [
  // `Authorization: Bearer …` in any form (header dumps, error messages).
  [/\b([Bb]earer)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${CENSOR}`],
  // Slack bot, user, app-level, config and refresh tokens.
  [/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, `$1-${CENSOR}`],
  // JWTs (Bot Framework and Entra tokens).
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, CENSOR],
  // Secrets written into free text as form fields or JSON (`client_secret=…`, `"password":"…"`): a library's own
  // log line (the Teams SDK and MSAL under it, passed through as text) may print a token request.
  [
    /\b(client_secret|client_assertion|password|access_token|refresh_token)(["']?\s*[=:]\s*["']?)[^\s&"',}]+/gi,
    `$1$2${CENSOR}`,
  ],
  // Credentials in a URL (`redis://:password@host`, `https://user:key@host`).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi, `$1${CENSOR}@`],
];

/** `text` with every token-shaped substring masked. */
export function maskSecrets(text: string): string {
  let masked = text;
  for (const [pattern, replacement] of TOKEN_PATTERNS) masked = masked.replace(pattern, replacement);
  return masked;
}

/** The fields of an error that help find a fault and never carry a request, a response body or a token. */
export interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  /** Slack's error string (`channel_not_found`, …) from a platform error's `data.error`. */
  slackError?: string;
  status?: number;
  retryAfter?: number;
  stack?: string;
  cause?: SafeError | string;
  original?: SafeError;
  errors?: SafeError[];
}

type Bag = Record<string, unknown>;

function isErrorLike(value: unknown): value is Bag & { message: string } {
  if (value instanceof Error) return true;
  if (typeof value !== 'object' || value === null) return false;
  const bag = value as Bag;
  return typeof bag.message === 'string' && (typeof bag.stack === 'string' || typeof bag.name === 'string');
}

function typeOf(error: Bag): string {
  const ctor = (error as { constructor?: { name?: unknown } }).constructor;
  if (typeof ctor?.name === 'string' && ctor.name !== 'Object') return ctor.name;
  // A plain object: an error already made safe (keep its type) or one that crossed a process boundary.
  if (typeof error.type === 'string') return error.type;
  return typeof error.name === 'string' ? error.name : 'Error';
}

/** Reduces an error (and its `cause`/`original` chain) to the fields in SafeError; idempotent. */
export function safeError(value: unknown, depth = 0): SafeError {
  if (!isErrorLike(value)) return { type: typeof value, message: maskSecrets(String(value)) };
  const e = value as Bag & { message: string };
  const safe: SafeError = { type: typeOf(e), message: maskSecrets(e.message) };
  if (typeof e.code === 'string' || typeof e.code === 'number') safe.code = e.code;
  const data = e.data as { error?: unknown } | undefined;
  const slackError = typeof e.slackError === 'string' ? e.slackError : data?.error;
  if (typeof slackError === 'string') safe.slackError = slackError;
  const status = e.statusCode ?? e.status;
  if (typeof status === 'number') safe.status = status;
  if (typeof e.retryAfter === 'number') safe.retryAfter = e.retryAfter;
  if (typeof e.stack === 'string') safe.stack = maskSecrets(e.stack);
  if (depth < MAX_ERROR_DEPTH) {
    if (isErrorLike(e.cause)) safe.cause = safeError(e.cause, depth + 1);
    else if (typeof e.cause === 'string') safe.cause = maskSecrets(e.cause);
    if (isErrorLike(e.original)) safe.original = safeError(e.original, depth + 1);
    if (Array.isArray(e.errors)) {
      safe.errors = e.errors.slice(0, MAX_AGGREGATED).map((inner) => safeError(inner, depth + 1));
    }
  }
  return safe;
}

function safeValue(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (isErrorLike(value)) return safeError(value);
  if (value instanceof Date) return value;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[truncated]';
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => safeValue(item, depth + 1, ancestors));
    // Whatever JSON.stringify would write (URL, Buffer, Map-less class instances…), made safe the same way.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return safeValue(toJSON.call(value), depth + 1, ancestors);
    const out: Bag = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && inner != null ? CENSOR : safeValue(inner, depth + 1, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/** The bindings of one log call, safe to write: errors reduced, secret-named keys censored, tokens masked. */
export function safeLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  return safeValue(obj, 0, new Set()) as Record<string, unknown>;
}
