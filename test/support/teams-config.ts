import { type Config, loadConfig } from '../../src/config.ts';
import { TEST_REDIS_URL } from './redis.ts';

/** Configuration for Teams over the real protocol with auth off, on the test Redis under `prefix`. */
export function teamsTestConfig(prefix: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    TEAMS_LOCAL_NOAUTH: '1',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
}
