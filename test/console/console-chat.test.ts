import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';

describe('iop-bot chat (piped)', () => {
  it('prints the replies to piped lines and exits at end of input', async () => {
    const { stdout, code } = await runCli(['chat'], { input: 'hej\n/iop help\n' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/i minnet/);
    expect(stdout).toMatch(/Hej! Jag är IOP-assistenten/);
    expect(stdout).toMatch(/\[1\] Vad är IOP\?\s+\[2\] Starta checklista/);
    expect(stdout).toMatch(/== IOP-assistenten – så här hjälper jag dig ==/);
  });

  it('presses a button when its number or label is typed', async () => {
    const { stdout } = await runCli(['chat'], { input: 'hej\n4\nhej\nPå svenska\n' });
    expect(stdout).toMatch(/Done! I will answer in English/);
    expect(stdout).toMatch(/Klart! Jag svarar nu på svenska/);
  });

  it('remembers a language switch within the session', async () => {
    const { stdout } = await runCli(['chat'], { input: '/iop lang en\nhej\n' });
    expect(stdout).toMatch(/Hello! I am the IOP assistant/);
  });

  it('starts in English with --lang en and refuses a bad flag with usage', async () => {
    expect((await runCli(['chat', '--lang', 'en'], { input: 'hej\n' })).stdout).toMatch(/Hello!/);
    const bad = await runCli(['chat', '--lang', 'fi']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lang must be sv or en/);
  });

  it('lists every configuration problem and exits non-zero', async () => {
    const { stderr, code } = await runCli(['chat'], { env: { PORT: 'x', DEFAULT_LOCALE: 'fi' } });
    expect(code).toBe(78);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/DEFAULT_LOCALE/);
  });
});

describe('iop-bot chat with Redis', () => {
  const prefix = uniquePrefix('cli');
  const { cleanup } = testRedis(prefix);
  afterAll(cleanup);
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };

  it('keeps settings across restarts for the same --user', async () => {
    const first = await runCli(['chat', '--user', 'u1'], { env, input: '/iop lang en\n/quit\n' });
    expect(first.stdout).toMatch(/State: Redis|Tillstånd: Redis/);
    const second = await runCli(['chat', '--user', 'u1'], { env, input: 'hej\n' });
    expect(second.stdout).toMatch(/Hello! I am the IOP assistant/);
    const other = await runCli(['chat', '--user', 'u2'], { env, input: 'hej\n' });
    expect(other.stdout).toMatch(/Hej! Jag är IOP-assistenten/);
  });

  it('says clearly when Redis cannot be reached', async () => {
    const { stderr, code } = await runCli(['chat'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    // Said once, plainly: not also as the client library's "Unhandled error event" with a stack.
    expect(stderr).not.toMatch(/Unhandled error event/);
  });
});
