import './core/zod-messages.ts';
import { z } from 'zod';
import { IopError } from './core/errors.ts';
import { LOCALES } from './core/model.ts';
import { isKnownTimeZone } from './core/reminders/time/wall-clock.ts';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A forward proxy's address. `host:port` alone means an http:// proxy, as curl takes it. */
function proxyUrl(name: string) {
  return optionalString
    .transform((value) => (value && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? `http://${value}` : value))
    .pipe(
      z
        .string()
        .regex(
          /^https?:\/\/[^/]/i,
          `${name} must be an http:// or https:// proxy URL, e.g. http://proxy.example.se:8080`,
        )
        .optional(),
    );
}

/** Microsoft Entra ids (app/client id, tenant id) are GUIDs; anything else fails later, far from the cause. */
function guid(name: string, what: string) {
  return optionalString.pipe(
    z
      .string()
      .regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        `${name} must be ${what} (a GUID like 3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e)`,
      )
      .optional(),
  );
}

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true');

/** The environment, as the contract in design.md names it. Every field has a hint that says how to fix it. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ message: 'PORT must be a number, e.g. 3978' })
    .int()
    .min(1, 'PORT must be between 1 and 65535')
    .max(65535, 'PORT must be between 1 and 65535')
    .default(3978),
  METRICS_PORT: optionalString.pipe(
    z.coerce
      .number<string | undefined>({ message: 'METRICS_PORT must be a number, e.g. 9464' })
      .int()
      .min(1, 'METRICS_PORT must be between 1 and 65535')
      .max(65535, 'METRICS_PORT must be between 1 and 65535')
      .optional(),
  ),
  METRICS_HOST: z.string().trim().min(1, 'METRICS_HOST must be an address, e.g. 127.0.0.1').default('127.0.0.1'),
  METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, 'METRICS_TOKEN must be at least 16 characters (a random secret)').optional(),
  ),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(
        /^(rediss?:\/\/|redis-sentinel:\/\/[^/]+\/[^/]+)/,
        'REDIS_URL must be redis://host:6379, rediss://… or redis-sentinel://host1:26379,host2:26379/<master name>',
      )
      .optional(),
  ),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+$/, 'REDIS_PREFIX may only contain letters, digits and _ . : -')
    .default('iop'),
  STATE_STORE: z.enum(['redis', 'memory'], { message: "STATE_STORE must be 'redis' or 'memory'" }).optional(),
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must be an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: optionalString.pipe(
    z.string().url('SLACK_API_URL must be a URL, e.g. https://slack.com/api/').optional(),
  ),
  TEAMS_APP_ID: guid('TEAMS_APP_ID', "the bot's Microsoft App ID"),
  TEAMS_APP_PASSWORD: optionalString,
  TEAMS_TENANT_ID: guid('TEAMS_TENANT_ID', 'your Entra ID tenant id'),
  TEAMS_LOCAL_NOAUTH: flag,
  DEFAULT_LOCALE: z.enum(LOCALES, { message: "DEFAULT_LOCALE must be 'sv' or 'en'" }).default('sv'),
  DEFAULT_TIMEZONE: z
    .string()
    .refine(isKnownTimeZone, 'DEFAULT_TIMEZONE must be an IANA time zone, e.g. Europe/Stockholm')
    .default('Europe/Stockholm'),
  DEFAULT_MUNICIPALITY: optionalString,
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  CHECKLIST_TTL_DAYS: z.coerce
    .number({ message: 'CHECKLIST_TTL_DAYS must be a number of days' })
    .int()
    .positive('CHECKLIST_TTL_DAYS must be at least 1')
    .default(30),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'RATE_LIMIT_PER_MINUTE must be a number of turns per user and minute (0 = off)' })
    .int()
    .min(0, 'RATE_LIMIT_PER_MINUTE must be 0 (off) or more')
    .default(30),
  REMINDER_LEASE_SECONDS: z.coerce
    .number({ message: 'REMINDER_LEASE_SECONDS must be a number of seconds' })
    .int()
    .min(3, 'REMINDER_LEASE_SECONDS must be at least 3 (a send must fit inside it)')
    .max(3600, 'REMINDER_LEASE_SECONDS must be at most 3600')
    .default(90),
  SHUTDOWN_DRAIN_SECONDS: z.coerce
    .number({ message: 'SHUTDOWN_DRAIN_SECONDS must be a number of seconds' })
    .min(0, 'SHUTDOWN_DRAIN_SECONDS must be 0 or more')
    .max(120, 'SHUTDOWN_DRAIN_SECONDS must be at most 120')
    .default(0),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional(),
  // The organisation's forward proxy for outbound traffic (Slack). Lower-case names are the older convention.
  HTTPS_PROXY: proxyUrl('HTTPS_PROXY'),
  https_proxy: proxyUrl('https_proxy'),
  HTTP_PROXY: proxyUrl('HTTP_PROXY'),
  http_proxy: proxyUrl('http_proxy'),
  NO_PROXY: optionalString,
  no_proxy: optionalString,
});

type RawEnv = Record<string, string | undefined>;

/**
 * Rules that span several variables. Checked on the raw environment, beside the field checks, so a deployer
 * sees these problems in the same list as a malformed PORT instead of one round later.
 */
function crossFieldProblems(env: RawEnv): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  const problems: string[] = [];
  if (set('SLACK_BOT_TOKEN') !== set('SLACK_SIGNING_SECRET')) {
    const missing = set('SLACK_BOT_TOKEN') ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
    problems.push(`${missing}: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (from the app settings page)`);
  }
  // A Socket Mode token or a Teams secret alone would quietly start the console chat instead of the platform.
  if (set('SLACK_APP_TOKEN') && !set('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN: SLACK_APP_TOKEN is set, so Slack also needs SLACK_BOT_TOKEN (xoxb-…) and SLACK_SIGNING_SECRET',
    );
  }
  if (!set('TEAMS_APP_ID') && (set('TEAMS_APP_PASSWORD') || set('TEAMS_TENANT_ID'))) {
    const given = set('TEAMS_APP_PASSWORD') ? 'TEAMS_APP_PASSWORD' : 'TEAMS_TENANT_ID';
    problems.push(`TEAMS_APP_ID: ${given} is set, so Teams also needs TEAMS_APP_ID (the bot's Microsoft App ID)`);
  }
  if (set('TEAMS_APP_ID') && !set('TEAMS_APP_PASSWORD')) {
    problems.push(
      'TEAMS_APP_PASSWORD: TEAMS_APP_ID is set, so TEAMS_APP_PASSWORD (the bot client secret) is needed too',
    );
  }
  if (set('METRICS_HOST') && !set('METRICS_PORT')) {
    problems.push(
      'METRICS_HOST: only used with METRICS_PORT (metrics on a listener of their own); set both or neither',
    );
  }
  if (set('METRICS_PORT') && env.METRICS_PORT?.trim() === (env.PORT?.trim() || '3978')) {
    problems.push('METRICS_PORT: must differ from PORT, or metrics would stay on the public port');
  }
  if (['1', 'true'].includes(env.TEAMS_LOCAL_NOAUTH ?? '') && env.NODE_ENV === 'production') {
    problems.push('TEAMS_LOCAL_NOAUTH: serves Teams without authentication and is refused when NODE_ENV=production');
  }
  return problems;
}

/** Validated configuration; the rest of the program reads this, never process.env. */
export type Config = z.infer<typeof envSchema> & {
  slackEnabled: boolean;
  teamsEnabled: boolean;
};

/**
 * A deployment mistake the assistant cannot start with: every problem, one line each naming the variable (or the
 * file and field), so a deployer can fix them all in one go. The CLI ends with exit code 78 (EX_CONFIG) on it.
 */
export class ConfigError extends IopError {
  constructor(
    readonly problems: string[],
    heading = 'Invalid configuration',
  ) {
    super('config_invalid', `${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (defaults to process.env); throws ConfigError listing every problem at once. */
export function loadConfig(env: RawEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const config = result.data;
  return {
    ...config,
    slackEnabled: Boolean(config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET),
    teamsEnabled: Boolean(config.TEAMS_APP_ID || config.TEAMS_LOCAL_NOAUTH),
  };
}

/**
 * How state is kept: Redis when REDIS_URL is set, memory for the console or when STATE_STORE=memory says so.
 * Throws ConfigError when the choice the environment makes is not one the assistant can run with.
 */
export function chooseStateStore(config: Config, serving: boolean): 'redis' | 'memory' {
  if (config.STATE_STORE === 'memory') return 'memory';
  if (config.REDIS_URL) return 'redis';
  if (config.STATE_STORE === 'redis') {
    throw new ConfigError(['STATE_STORE: STATE_STORE=redis needs REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379']);
  }
  if (serving) {
    throw new ConfigError([
      'REDIS_URL: serving Slack or Teams needs shared state: set REDIS_URL (e.g. redis://127.0.0.1:6379), ' +
        'or STATE_STORE=memory on purpose for a single test instance (state is lost on restart)',
    ]);
  }
  return 'memory';
}
