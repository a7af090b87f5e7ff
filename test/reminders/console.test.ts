import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';

const BIN = fileURLToPath(new URL('../../bin/iop-bot.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `iop-bot chat` with stdin kept open: writes `lines`, waits until the output matches `until` (or `timeoutMs`),
 * then ends the input, as a person would type and then wait.
 */
function chatUntil(
  args: string[],
  lines: string[],
  until: RegExp,
  env: Record<string, string> = {},
  timeoutMs = 50_000,
) {
  return new Promise<{ stdout: string; code: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'chat', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      child.stdin.end();
    };
    const timer = setTimeout(end, timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (until.test(stdout)) end();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, code });
    });
    child.stdin.write(lines.map((l) => `${l}\n`).join(''));
  });
}

// Each test starts the real binary: slow on a busy machine (and slower still when dist/ is stale, see bin/).
describe('reminders in the console chat', { timeout: 90_000 }, () => {
  it('sets a reminder, confirms it with Ändra / Ångra, lists it and undoes it', async () => {
    const { stdout, code } = await runCli(['chat'], {
      input:
        'påminn mig om två veckor att följa upp med Röda korset\n/iop påminnelser\npåminn mig imorgon kl 9 att ringa Anna\nÅngra\n',
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Påminnelser: timers i den här processen \(ingen Redis\)/);
    expect(stdout).toMatch(/Klart! Jag påminner dig [^\n]+ \d{4} kl\. 09:00: följa upp med Röda korset/);
    expect(stdout).toMatch(/\[1\] Ändra {2}\[2\] Ångra/);
    expect(stdout).toMatch(/== Dina påminnelser ==\nfölja upp med Röda korset\n/);
    expect(stdout).toMatch(/Ångrat – påminnelsen är borttagen: ringa Anna/);
  });

  it('prints a reminder in the chat when it falls due, mentioning the user', async () => {
    const { stdout } = await chatUntil(['--user', 'anna'], ['remind me in 2 seconds to stretch'], /🔔/);
    // An English phrase from a user who has chosen no language: confirmed, and later delivered, in English.
    expect(stdout).toMatch(/Done! I will remind you .*: stretch/);
    expect(stdout).toMatch(/@anna 🔔 Reminder: stretch/);
    expect(stdout).toMatch(/\[1\] Done {2}\[2\] Snooze 1 hour {2}\[3\] Tomorrow 09:00 {2}\[4\] 1 week/);
  });

  describe('with Redis', () => {
    const prefix = uniquePrefix('console-rem');
    const { cleanup } = testRedis(prefix);
    afterAll(cleanup);
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };

    it('keeps a reminder across restarts and prints it in the next session once due', async () => {
      const first = await runCli(['chat', '--user', 'bo'], { env, input: 'remind me in 2 seconds to call Anna\n' });
      expect(first.stdout).toMatch(/Påminnelser: BullMQ i Redis/);
      expect(first.stdout).toMatch(/Done! I will remind you .*: call Anna/);
      expect(first.stdout).not.toMatch(/🔔/);
      // The next session prints it when it falls due, or at once if it already has.
      const second = await chatUntil(['--user', 'bo'], ['/iop påminnelser'], /🔔/, env);
      expect(second.stdout).toMatch(/@bo 🔔 Reminder: call Anna/);
    });
  });
});
