import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { connectRedis, createRedisConnection, parseSentinelUrl } from '../../src/infra/redis-connection.ts';

describe('REDIS_URL with Sentinel', () => {
  it('parses hosts, master name, password and db', () => {
    expect(parseSentinelUrl('redis-sentinel://:s3cret@10.0.0.1:26379,10.0.0.2:26380/iop-master?db=2')).toEqual({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
      ],
      name: 'iop-master',
      password: 's3cret',
      sentinelPassword: 's3cret',
      db: 2,
    });
    expect(parseSentinelUrl('redis://127.0.0.1:6379')).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis-sentinel://h1:26379/mymaster' }).REDIS_URL).toBe('redis-sentinel://h1:26379/mymaster');
    expect(() => loadConfig({ REDIS_URL: 'redis-sentinel://h1:26379' })).toThrow(/master name/);
  });

  // A real sentinel process on loopback, watching the test Redis at 127.0.0.1:6379.
  let sentinel: ChildProcess | undefined;
  const port = 26000 + Math.floor(Math.random() * 900);
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iop-sentinel-'));
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(conf, `port ${port}\nbind 127.0.0.1\nsentinel monitor iop-test 127.0.0.1 6379 1\n`);
    sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  afterAll(() => {
    sentinel?.kill();
  });

  it('connects to the master the sentinel names', async () => {
    const url = `redis-sentinel://127.0.0.1:${port}/iop-test`;
    const redis = createRedisConnection(url, 'state');
    await connectRedis(redis, url);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });
});
