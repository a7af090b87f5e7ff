import { Redis, type RedisOptions } from 'ioredis';

/** Connection purposes differ in how they behave while Redis is away. */
export type RedisRole = 'state' | 'queue';

/**
 * Opens a Redis connection from REDIS_URL.
 * - `state`: fails fast while disconnected (no offline queue), so a turn can say "temporarily unavailable"
 *   instead of hanging; it reconnects by itself with capped backoff. Commands issued in the same tick go out as
 *   one pipeline (auto-pipelining), so a turn's independent reads and writes cost one round trip each.
 * - `queue`: what BullMQ requires (`maxRetriesPerRequest: null`): commands wait for the reconnect.
 * The wire protocol is ioredis 6's default: RESP3 (`HELLO 3`), RESP2 on a Redis older than 6. Replies keep their
 * RESP2 shapes either way (ioredis' legacy reply mapping), which BullMQ and our Lua scripts rely on.
 */
export function createRedisConnection(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const options: RedisOptions = {
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    connectionName: `iop-bot:${role}`,
    ...(role === 'state'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true }
      : { maxRetriesPerRequest: null }),
    ...extra,
  };
  const sentinel = parseSentinelUrl(url);
  return sentinel ? new Redis({ ...options, ...sentinel }) : new Redis(url, options);
}

/**
 * `redis-sentinel://[:password@]host1:26379,host2:26379/<master name>[?db=N]` → ioredis Sentinel options:
 * the client asks the sentinels for the current master and follows a failover by itself.
 */
export function parseSentinelUrl(
  url: string,
): Pick<RedisOptions, 'sentinels' | 'name' | 'password' | 'sentinelPassword' | 'db'> | undefined {
  const match = /^redis-sentinel:\/\/(?:([^@/]*)@)?([^/]+)\/([^/?]+)(?:\?(.*))?$/.exec(url);
  if (!match) return undefined;
  const [, auth, hosts = '', name = '', query] = match;
  const password = auth ? decodeURIComponent(auth.includes(':') ? auth.slice(auth.indexOf(':') + 1) : auth) : undefined;
  const sentinels = hosts.split(',').map((hostPort) => {
    const [host = '127.0.0.1', port = '26379'] = hostPort.split(':');
    return { host, port: Number(port) };
  });
  const db = new URLSearchParams(query ?? '').get('db');
  return {
    sentinels,
    name: decodeURIComponent(name),
    ...(password ? { password, sentinelPassword: password } : {}),
    ...(db ? { db: Number(db) } : {}),
  };
}

/** Connects and waits until Redis answers, or throws with a message a deployer can act on. */
export async function connectRedis(redis: Redis, url: string): Promise<void> {
  // The failure is reported once, below; without a listener ioredis also prints "[ioredis] Unhandled error event".
  const quiet = () => {};
  redis.on('error', quiet);
  try {
    await redis.connect();
    await redis.ping();
  } catch (cause) {
    redis.disconnect();
    const reason = (cause as Error).message.replace(/[.\s]+$/, '');
    throw new Error(`Cannot reach Redis at ${redactUrl(url)}: ${reason}. Is it running?`, { cause });
  } finally {
    redis.off('error', quiet);
  }
}

/** Hides a password in a Redis URL before it is printed or logged. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_m, auth: string) => `//${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`);
}
