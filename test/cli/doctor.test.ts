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
    expect(stdout).toMatch(/✘ redis: .*\n\s+fix: Set REDIS_URL/);
    expect(stdout).toMatch(/✘ default municipality: DEFAULT_MUNICIPALITY=atlantis/);
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
});
