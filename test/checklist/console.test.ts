import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';

const lines = (...input: string[]) => `${input.join('\n')}\n`;
const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((file) => rm(file, { force: true })));
});

// Each test starts `iop-bot` as a process (two for the restart), which takes seconds on a busy machine.
const SLOW = { timeout: 90_000 };

describe('iop-bot chat walks a checklist (piped input)', () => {
  it('walks the first assessment by typing button numbers, ends in a summary and exports it', SLOW, async () => {
    const caseName = `Röda korset – läxhjälp ${randomUUID().slice(0, 6)}`;
    // Q1: [1] Ja. After that each batch starts with the answered question's two "Ändra till" buttons,
    // so the next question's Ja is [3] and Nej is [4]. The summary batch ends with [5] Exportera som Word.
    const { stdout, code } = await runCli(['chat'], {
      input: lines('/iop checklista', caseName, '1', '3', '3', '3', '3', '4', '4', '4', '5'),
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Vad heter ärendet\?/);
    expect(stdout).toContain(`== Checklista: ${caseName} ==`);
    for (let n = 1; n <= 8; n++) expect(stdout).toContain(`Fråga ${n} av 8`);
    expect(stdout).toMatch(
      /\[1\] Ja {2}\[2\] Nej {2}\[3\] Osäker {2}\[4\] Varför frågar vi\? {2}\[5\] Hoppa över {2}\[6\] Avbryt/,
    );
    expect(stdout).toMatch(/\(uppdaterat meddelande\)\nFråga 8 av 8\n.*\n {2}.*\nSvar: Nej \(local\)/);
    expect(stdout).toContain(`== Resultat: ${caseName} ==`);
    expect(stdout).toMatch(/Rekommendation: IOP kan vara rätt form/);
    expect(stdout).toMatch(
      /\[3\] Om två veckor – ta reda på svaren på de osäkra frågorna {2}\[4\] Om en månad.* {2}\[5\] Exportera som Word/,
    );
    const path = /📎 (\/\S+\.md)/.exec(stdout)?.[1];
    expect(path).toBeDefined();
    created.push(path as string);
    const markdown = await readFile(path as string, 'utf8');
    expect(markdown).toContain(`# Första bedömning – IOP, bidrag eller upphandling?: ${caseName}`);
    expect(markdown).toMatch(/\| 8 \| Vill kommunen i första hand stödja .* \| Nej \| local, /);
  });

  it('picks another checklist, explains a question, skips one and cancels, typing labels', SLOW, async () => {
    const { stdout } = await runCli(['chat', '--user', 'eva'], {
      input: lines(
        '/iop checklista',
        'Använd: IOP-checklista enligt SKR:s kriterier',
        'Ekerö IK – integration',
        'Varför frågar vi?',
        'Ja',
        'Hoppa över',
        'Osäker',
        'Avbryt',
        '/iop bedömningar',
      ),
    });
    expect(stdout).toMatch(/IOP-checklista enligt SKR:s kriterier \(14 frågor\)/);
    expect(stdout).toMatch(/Fråga 1 av 14/);
    expect(stdout).toMatch(/Varför frågar vi\?\n.+\n {2}Källa: /);
    expect(stdout).toMatch(/Svar: Ja \(eva\)/);
    expect(stdout).toMatch(/Hoppades över av eva/);
    expect(stdout).toMatch(/Svar: Osäker \(eva\)/);
    expect(stdout).toMatch(/Fråga 4 av 14/);
    expect(stdout).toMatch(/Avbruten av eva\./);
    expect(stdout).toMatch(/Ekerö IK – integration – IOP-checklista enligt SKR:s kriterier\navbruten · preliminärt: /);
  });

  it('speaks English with --lang en', SLOW, async () => {
    const { stdout } = await runCli(['chat', '--lang', 'en'], {
      input: lines('/iop checklist forsta-bedomning', 'Red Cross – homework help', 'Yes'),
    });
    expect(stdout).toMatch(/What is the case called\?/);
    expect(stdout).toMatch(/Question 1 of 8\nIs the other party an idea-based organisation/);
    expect(stdout).toMatch(/Answer: Yes \(local\)/);
    expect(stdout).toMatch(/Question 2 of 8/);
  });
});

describe('iop-bot chat resumes a checklist with Redis', () => {
  const prefix = uniquePrefix('checklist-console');
  const { cleanup } = testRedis(prefix);
  afterAll(cleanup);
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };

  it('continues where the last session stopped', SLOW, async () => {
    const first = await runCli(['chat', '--user', 'u1'], {
      env,
      input: lines('/iop checklista', 'Stadsmissionen – matkasse', '1', '3', '/quit'),
    });
    expect(first.stdout).toMatch(/Fråga 3 av 8/);
    const second = await runCli(['chat', '--user', 'u1'], { env, input: lines('/iop checklista', '1', '1') });
    expect(second.stdout).toMatch(/påbörjad checklista: Stadsmissionen – matkasse .*2 av 8 frågor besvarade/);
    expect(second.stdout).toMatch(/\[1\] Fortsätt {2}\[2\] Starta ny/);
    expect(second.stdout).toMatch(/Fråga 3 av 8\n.*\n.*\n\[1\] Ja/);
    expect(second.stdout).toMatch(/Svar: Ja \(u1\)\n/);
    expect(second.stdout).toMatch(/Fråga 4 av 8/);
  });
});
