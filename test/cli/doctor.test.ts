import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/doctor-command.ts';
import { TEST_REDIS_URL } from '../support/redis.ts';

describe('iop-bot doctor', () => {
  it('passes a console set-up and warns that state is in memory', async () => {
    const { stdout, exitCode } = await runDoctor({});
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/! redis: REDIS_URL is not set/);
    expect(stdout).toMatch(/✔ checklists: 3 loaded/);
  });

  it('fails, with fixes, on a serving set-up without Redis and an unknown default municipality', async () => {
    const { stdout, exitCode } = await runDoctor({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      DEFAULT_MUNICIPALITY: 'atlantis',
    });
    expect(exitCode).toBe(1);
    // The very messages start-up refuses with.
    expect(stdout).toMatch(/✘ redis: REDIS_URL: serving Slack or Teams needs shared state: set REDIS_URL/);
    expect(stdout).toMatch(/✘ knowledge: DEFAULT_MUNICIPALITY: "atlantis" is not in .*municipalities\.yaml/);
  });

  it('reaches a real Redis and reports unreachable ones', async () => {
    expect((await runDoctor({ REDIS_URL: TEST_REDIS_URL })).stdout).toMatch(/✔ redis: answers/);
    const down = await runDoctor({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(down.exitCode).toBe(1);
    expect(down.stdout).toMatch(/✘ redis: Cannot reach Redis/);
  });

  it('lists configuration errors instead of crashing', async () => {
    const { stdout, exitCode } = await runDoctor({ PORT: 'abc' });
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/✘ config: PORT/);
  });

  it('lists every knowledge problem start-up would refuse, each with its file and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iop-doctor-'));
    try {
      await cp(fileURLToPath(new URL('../../knowledge', import.meta.url)), dir, { recursive: true });
      const doc = join(dir, 'faq', 'basics.en.md');
      await writeFile(doc, (await readFile(doc, 'utf8')).replace(/^kind: faq$/m, 'kind: leaflet'));
      await appendFile(join(dir, 'municipalities.yaml'), '- id: Nowhere Town\n  name: Nowhere\n');
      await writeFile(join(dir, 'checklists', 'broken.yaml'), 'id: broken\n');
      const { stdout, exitCode } = await runDoctor({ KNOWLEDGE_DIR: dir });
      expect(exitCode).toBe(1);
      expect(stdout).toContain(`✘ knowledge: ${doc}: kind: must be one of`);
      expect(stdout).toMatch(/✘ knowledge: .*municipalities\.yaml: \[\d+\]\.id: ids are ascii kebab-case/);
      expect(stdout).toMatch(/✘ knowledge: .*checklists\/broken\.yaml: title: /);
      expect(stdout).not.toMatch(/No problems/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
