import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A unique key prefix per test file, so test runs never see each other's data. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${randomUUID().slice(0, 8)}`;
}

/** A Redis connection for tests; `cleanup` deletes every key under the prefix and disconnects. */
export function testRedis(prefix: string): { redis: Redis; cleanup: () => Promise<void> } {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  return {
    redis,
    cleanup: async () => {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
