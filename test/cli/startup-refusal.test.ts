import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';

// A configuration mistake must end the process with EX_CONFIG (78) and one message naming the variable or the
// file and field, never a stack trace: an operator's supervisor (systemd, Kubernetes) reads the code, a person
// reads the message.
const EX_CONFIG = 78;
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-test', SLACK_SIGNING_SECRET: 'secret' };
const GUID = '3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e';

function expectRefusal(result: { stderr: string; code: number | null }, names: RegExp): void {
  expect(result.code).toBe(EX_CONFIG);
  expect(result.stderr).toMatch(names);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('start-up refuses a configuration mistake with exit code 78', () => {
  it('serving Slack without REDIS_URL names REDIS_URL', async () => {
    expectRefusal(await runCli(['serve'], { env: SLACK }), /REDIS_URL/);
  });

  it('STATE_STORE=redis without REDIS_URL names both', async () => {
    expectRefusal(await runCli(['serve'], { env: { ...SLACK, STATE_STORE: 'redis' } }), /STATE_STORE.*REDIS_URL/);
  });

  it('a Slack bot token of the wrong kind names SLACK_BOT_TOKEN', async () => {
    const result = await runCli(['serve'], { env: { ...SLACK, SLACK_BOT_TOKEN: 'xapp-1-not-a-bot-token' } });
    expectRefusal(result, /SLACK_BOT_TOKEN: .*xoxb-/);
  });

  it('a Socket Mode token without the bot token names SLACK_BOT_TOKEN instead of opening the console', async () => {
    const result = await runCli(['serve'], { env: { SLACK_APP_TOKEN: 'xapp-1-A1-1-test', STATE_STORE: 'memory' } });
    expectRefusal(result, /SLACK_BOT_TOKEN: .*SLACK_APP_TOKEN/);
  });

  it('a Teams app id or tenant id that is not a GUID names the variable', async () => {
    const teams = { TEAMS_APP_ID: GUID, TEAMS_APP_PASSWORD: 'secret', TEAMS_TENANT_ID: GUID, STATE_STORE: 'memory' };
    expectRefusal(await runCli(['serve'], { env: { ...teams, TEAMS_APP_ID: 'my-bot' } }), /TEAMS_APP_ID: .*GUID/);
    const tenant = await runCli(['serve'], { env: { ...teams, TEAMS_TENANT_ID: 'contoso.onmicrosoft.com' } });
    expectRefusal(tenant, /TEAMS_TENANT_ID: .*GUID/);
  });

  it('a Teams client secret without the app id names TEAMS_APP_ID', async () => {
    const result = await runCli(['serve'], { env: { TEAMS_APP_PASSWORD: 'secret', STATE_STORE: 'memory' } });
    expectRefusal(result, /TEAMS_APP_ID: .*TEAMS_APP_PASSWORD/);
  });

  it('a DEFAULT_MUNICIPALITY that municipalities.yaml does not list names the variable', async () => {
    const result = await runCli(['serve'], {
      env: { ...SLACK, STATE_STORE: 'memory', DEFAULT_MUNICIPALITY: 'atlantis' },
    });
    expectRefusal(result, /DEFAULT_MUNICIPALITY: "atlantis" is not in .*municipalities\.yaml/);
  });
});

describe('one broken knowledge file', () => {
  const shipped = fileURLToPath(new URL('../../knowledge', import.meta.url));
  let dir: string;
  let broken: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iop-broken-knowledge-'));
    await cp(shipped, dir, { recursive: true });
    broken = join(dir, 'faq', 'basics.sv.md');
    await writeFile(broken, (await readFile(broken, 'utf8')).replace(/^language: sv$/m, 'language: svenska'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is reported by doctor and refuses the start with the same file-and-field message', async () => {
    const problem = `${broken}: language: must be 'sv' or 'en'`;
    const env = { KNOWLEDGE_DIR: dir, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniquePrefix('startup-refusal') };

    const doctor = await runCli(['doctor'], { env: { ...env, ...SLACK } });
    expect(doctor.code).not.toBe(0);
    expect(doctor.stdout).toContain(`✘ knowledge: ${problem}`);
    expect(doctor.stdout).not.toMatch(/No problems/);

    // Refused before anything is connected or served: the process ends by itself, with Redis configured.
    const serve = await runCli(['serve'], { env: { ...env, ...SLACK } });
    expectRefusal(serve, /KNOWLEDGE_DIR/);
    expect(serve.stderr).toContain(problem);

    const chat = await runCli(['chat'], { env, input: 'hej\n' });
    expectRefusal(chat, /KNOWLEDGE_DIR/);
    expect(chat.stderr).toContain(problem);
  });

  it('refuses the one-shot commands that read it too', async () => {
    const ask = await runCli(['ask', 'Vad är IOP?'], { env: { KNOWLEDGE_DIR: dir } });
    expectRefusal(ask, /language: must be 'sv' or 'en'/);
  });
});
