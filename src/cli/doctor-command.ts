import { type Config, ConfigError, chooseStateStore, loadConfig } from '../config.ts';
import { LOCALES } from '../core/model.ts';
import { knowledgeAdvice } from '../infra/knowledge/knowledge-advice.ts';
import { checkKnowledgeFolder } from '../infra/knowledge/knowledge-folder.ts';
import { connectRedis, createRedisConnection, redactUrl } from '../infra/redis-connection.ts';

/** One finding: what was checked, whether it is fine, and how to fix it when not. */
export interface DoctorFinding {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

/** A named check; extra checks (knowledge documents, manifests) are passed in by the caller. */
export type DoctorCheck = (config: Config) => Promise<DoctorFinding[]>;

async function checkRedis(config: Config): Promise<DoctorFinding[]> {
  // The same choice start-up makes: what it refuses is a failure here too.
  const serving = config.slackEnabled || config.teamsEnabled;
  try {
    chooseStateStore(config, serving);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => ({ check: 'redis', status: 'fail' as const, detail: problem }));
  }
  if (!config.REDIS_URL) {
    return [
      {
        check: 'redis',
        status: 'warn',
        detail: 'REDIS_URL is not set: state is kept in memory and lost on restart',
        fix: 'Set REDIS_URL=redis://host:6379 (required to serve Slack or Teams)',
      },
    ];
  }
  const redis = createRedisConnection(config.REDIS_URL, 'state', { retryStrategy: () => null });
  redis.on('error', () => undefined); // reported through connectRedis below
  try {
    await connectRedis(redis, config.REDIS_URL);
    const findings: DoctorFinding[] = [
      { check: 'redis', status: 'ok', detail: `answers at ${redactUrl(config.REDIS_URL)}` },
    ];
    const policy = await redis.config('GET', 'maxmemory-policy').catch(() => []);
    const value = Array.isArray(policy) ? String(policy[1] ?? '') : '';
    if (value && value !== 'noeviction') {
      findings.push({
        check: 'redis eviction',
        status: 'warn',
        detail: `maxmemory-policy is ${value}: Redis may evict reminders and checklist runs under memory pressure`,
        fix: 'Set maxmemory-policy noeviction in redis.conf',
      });
    }
    const aof = await redis.config('GET', 'appendonly').catch(() => []);
    if (Array.isArray(aof) && aof[1] === 'no') {
      findings.push({
        check: 'redis persistence',
        status: 'warn',
        detail: 'appendonly is off: reminders scheduled since the last snapshot are lost if Redis restarts',
        fix: 'Set appendonly yes (AOF) in redis.conf for production',
      });
    }
    return findings;
  } catch (error) {
    return [
      { check: 'redis', status: 'fail', detail: (error as Error).message, fix: 'Start Redis or correct REDIS_URL' },
    ];
  } finally {
    redis.disconnect();
  }
}

/** The knowledge folder, through the very validation start-up runs: every problem it would refuse to start on. */
async function checkKnowledge(config: Config): Promise<DoctorFinding[]> {
  const checked = await checkKnowledgeFolder(config.KNOWLEDGE_DIR, {
    defaultMunicipality: config.DEFAULT_MUNICIPALITY,
  });
  if (!checked.ok) {
    return [
      ...checked.problems.map((problem): DoctorFinding => ({ check: 'knowledge', status: 'fail', detail: problem })),
      ...checked.warnings.map((warning): DoctorFinding => ({ check: 'knowledge', status: 'warn', detail: warning })),
    ];
  }
  const { folder } = checked;
  const findings: DoctorFinding[] = [
    {
      check: 'municipalities',
      status: 'ok',
      detail: `${folder.municipalities.length} in municipalities.yaml and declaring documents`,
    },
    {
      check: 'knowledge',
      status: 'ok',
      detail: `${folder.documents.length} documents, ${folder.sources.size} sources`,
    },
    ...folder.warnings.map((warning): DoctorFinding => ({ check: 'knowledge', status: 'warn', detail: warning })),
    {
      check: 'checklists',
      status: 'ok',
      detail: `${folder.checklists.size} loaded: ${[...folder.checklists.keys()].join(', ')}`,
    },
  ];
  // Start-up accepts an empty folder, but /readyz then stays 503: such an instance could answer nothing.
  for (const language of LOCALES) {
    if (!folder.documents.some((d) => d.language === language)) {
      findings.push({
        check: 'knowledge',
        status: 'warn',
        detail: `no documents in language ${language}: /readyz will answer 503`,
        fix: `Set KNOWLEDGE_DIR to the knowledge folder (now ${config.KNOWLEDGE_DIR})`,
      });
    }
  }
  // The advice of `iop-bot knowledge check`, counted here so doctor stays short.
  const advice = knowledgeAdvice(config.KNOWLEDGE_DIR, folder.documents, new Date().toISOString().slice(0, 10));
  const expired = advice.filter((a) => a.kind === 'expired');
  for (const a of expired) findings.push({ check: 'knowledge', status: 'warn', detail: `${a.file}: ${a.message}` });
  if (advice.length > expired.length) {
    findings.push({
      check: 'knowledge advice',
      status: 'ok',
      detail: `${advice.length - expired.length} suggestion(s) on headings, section length and sources`,
      fix: 'Run iop-bot knowledge check for the list',
    });
  }
  if (folder.checklists.size === 0) {
    findings.push({ check: 'checklists', status: 'warn', detail: 'no checklists: /readyz will answer 503' });
  }
  return findings;
}

function checkPlatforms(config: Config): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  if (!config.slackEnabled && !config.teamsEnabled) {
    findings.push({
      check: 'platforms',
      status: 'warn',
      detail: 'neither Slack nor Teams is configured: iop-bot starts the console chat',
      fix: 'Set SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET and/or TEAMS_APP_ID + TEAMS_APP_PASSWORD',
    });
  }
  if (config.slackEnabled) {
    findings.push({
      check: 'slack',
      status: 'ok',
      detail: config.SLACK_APP_TOKEN
        ? 'Socket Mode (SLACK_APP_TOKEN set)'
        : `HTTP at POST /slack/events on port ${config.PORT}`,
    });
  }
  if (config.TEAMS_LOCAL_NOAUTH) {
    findings.push({
      check: 'teams',
      status: 'warn',
      detail: 'TEAMS_LOCAL_NOAUTH=1: /api/messages accepts unauthenticated requests (local testing only)',
      fix: 'Unset TEAMS_LOCAL_NOAUTH and set TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID',
    });
  } else if (config.TEAMS_APP_ID && !config.TEAMS_TENANT_ID) {
    findings.push({
      check: 'teams',
      status: 'warn',
      detail: 'TEAMS_TENANT_ID is not set: the bot authenticates as multi-tenant',
      fix: 'Set TEAMS_TENANT_ID to your Entra ID tenant for a single-tenant bot',
    });
  } else if (config.TEAMS_APP_ID) {
    findings.push({ check: 'teams', status: 'ok', detail: `single-tenant bot ${config.TEAMS_APP_ID}` });
  }
  return findings;
}

const SYMBOL = { ok: '✔', warn: '!', fail: '✘' } as const;

/** `iop-bot doctor`: checks configuration, Redis, knowledge, checklists and platforms; exit 1 when anything fails. */
export async function runDoctor(
  env?: Record<string, string | undefined>,
  extraChecks: DoctorCheck[] = [],
): Promise<{ stdout: string; exitCode: number }> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.problems.map((p) => `${SYMBOL.fail} config: ${p}`);
    return { stdout: `${lines.join('\n')}\n`, exitCode: 1 };
  }
  const findings: DoctorFinding[] = [
    { check: 'config', status: 'ok', detail: 'environment is valid' },
    ...(await checkRedis(config)),
    ...(await checkKnowledge(config)),
    ...checkPlatforms(config),
  ];
  for (const check of extraChecks) findings.push(...(await check(config)));
  const lines = findings.map((f) => `${SYMBOL[f.status]} ${f.check}: ${f.detail}${f.fix ? `\n    fix: ${f.fix}` : ''}`);
  const failed = findings.filter((f) => f.status === 'fail').length;
  lines.push('', failed === 0 ? 'No problems that stop the assistant.' : `${failed} problem(s) to fix.`);
  return { stdout: `${lines.join('\n')}\n`, exitCode: failed === 0 ? 0 : 1 };
}
