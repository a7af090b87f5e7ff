import { access } from 'node:fs/promises';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { loadChecklistKnowledge } from '../infra/checklist-loader.ts';
import { loadMunicipalities } from '../infra/municipality-loader.ts';
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
  if (!config.REDIS_URL) {
    const serving = config.slackEnabled || config.teamsEnabled;
    return [
      {
        check: 'redis',
        status: serving && config.STATE_STORE !== 'memory' ? 'fail' : 'warn',
        detail: 'REDIS_URL is not set: state is kept in memory and lost on restart',
        fix: 'Set REDIS_URL=redis://host:6379 (required to serve Slack or Teams)',
      },
    ];
  }
  const redis = createRedisConnection(config.REDIS_URL, 'state', { retryStrategy: () => null });
  redis.on('error', () => undefined); // reported through connectRedis below
  try {
    await connectRedis(redis, config.REDIS_URL);
    const findings: DoctorFinding[] = [{ check: 'redis', status: 'ok', detail: `answers at ${redactUrl(config.REDIS_URL)}` }];
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
    return [{ check: 'redis', status: 'fail', detail: (error as Error).message, fix: 'Start Redis or correct REDIS_URL' }];
  } finally {
    redis.disconnect();
  }
}

async function checkKnowledgeFolder(config: Config): Promise<DoctorFinding[]> {
  const dir = config.KNOWLEDGE_DIR;
  try {
    await access(dir);
  } catch {
    return [{ check: 'knowledge', status: 'fail', detail: `${dir} does not exist`, fix: 'Set KNOWLEDGE_DIR to the knowledge folder' }];
  }
  const findings: DoctorFinding[] = [];
  try {
    const municipalities = await loadMunicipalities(dir);
    findings.push({ check: 'municipalities', status: 'ok', detail: `${municipalities.length} in municipalities.yaml` });
    if (config.DEFAULT_MUNICIPALITY && !municipalities.some((m) => m.id === config.DEFAULT_MUNICIPALITY)) {
      findings.push({
        check: 'default municipality',
        status: 'fail',
        detail: `DEFAULT_MUNICIPALITY=${config.DEFAULT_MUNICIPALITY} is not in municipalities.yaml`,
        fix: `Use one of: ${municipalities.map((m) => m.id).join(', ')}`,
      });
    }
  } catch (error) {
    findings.push({ check: 'municipalities', status: 'fail', detail: (error as Error).message });
  }
  try {
    const { checklists } = await loadChecklistKnowledge(dir);
    findings.push({ check: 'checklists', status: 'ok', detail: `${checklists.size} loaded: ${[...checklists.keys()].join(', ')}` });
  } catch (error) {
    findings.push({ check: 'checklists', status: 'fail', detail: (error as Error).message });
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
      detail: config.SLACK_APP_TOKEN ? 'Socket Mode (SLACK_APP_TOKEN set)' : `HTTP at POST /slack/events on port ${config.PORT}`,
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
    ...(await checkKnowledgeFolder(config)),
    ...checkPlatforms(config),
  ];
  for (const check of extraChecks) findings.push(...(await check(config)));
  const lines = findings.map((f) => `${SYMBOL[f.status]} ${f.check}: ${f.detail}${f.fix ? `\n    fix: ${f.fix}` : ''}`);
  const failed = findings.filter((f) => f.status === 'fail').length;
  lines.push('', failed === 0 ? 'No problems that stop the assistant.' : `${failed} problem(s) to fix.`);
  return { stdout: `${lines.join('\n')}\n`, exitCode: failed === 0 ? 0 : 1 };
}
