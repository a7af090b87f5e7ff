import { describe, expect, it } from 'vitest';
import { ConfigError, chooseStateStore, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      DEFAULT_LOCALE: 'sv',
      DEFAULT_TIMEZONE: 'Europe/Stockholm',
      KNOWLEDGE_DIR: 'knowledge',
      slackEnabled: false,
      teamsEnabled: false,
    });
    expect(chooseStateStore(config, false)).toBe('memory');
  });

  it('lists every problem at once, each with a hint', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DEFAULT_LOCALE: 'fi',
        DEFAULT_TIMEZONE: 'Mars/Olympus',
        REDIS_URL: 'localhost:6379',
        SLACK_BOT_TOKEN: 'xoxb-1',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT: PORT must be a number/);
      expect(problems).toMatch(/DEFAULT_LOCALE: .*'sv' or 'en'/);
      expect(problems).toMatch(/DEFAULT_TIMEZONE: .*IANA/);
      expect(problems).toMatch(/REDIS_URL: .*redis:\/\//);
      expect(problems).toMatch(/SLACK_SIGNING_SECRET: .*both/);
    }
  });

  it('refuses unauthenticated Teams in production', () => {
    expect(() => loadConfig({ TEAMS_LOCAL_NOAUTH: '1', NODE_ENV: 'production' })).toThrow(/TEAMS_LOCAL_NOAUTH/);
    expect(loadConfig({ TEAMS_LOCAL_NOAUTH: '1' }).teamsEnabled).toBe(true);
  });

  it('refuses to serve a platform on memory state unless asked to on purpose', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(() => chooseStateStore(loadConfig(slack), true)).toThrow(/REDIS_URL/);
    expect(chooseStateStore(loadConfig({ ...slack, STATE_STORE: 'memory' }), true)).toBe('memory');
    expect(chooseStateStore(loadConfig({ ...slack, REDIS_URL: 'redis://127.0.0.1:6379' }), true)).toBe('redis');
  });

  it('keeps metrics on the public port unless METRICS_PORT moves them to a loopback listener', () => {
    expect(loadConfig({})).toMatchObject({ METRICS_HOST: '127.0.0.1' });
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).METRICS_HOST).toBe('0.0.0.0');
    expect(() => loadConfig({ METRICS_HOST: '0.0.0.0' })).toThrow(/METRICS_HOST: only used with METRICS_PORT/);
    expect(() => loadConfig({ METRICS_PORT: '3978' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT must be a number/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16/);
  });
});
