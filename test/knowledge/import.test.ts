import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, loadAskDeps, toAskJson } from '../../src/cli/ask-command.ts';
import { runKnowledgeCommand } from '../../src/cli/knowledge-command.ts';
import { KNOWLEDGE_DIR } from '../qa/support.ts';
import { buildDocx, buildHtml, buildTaggedPdf, LERUM_GUIDELINE } from './guideline-files.ts';

// The questions an official asks of a guideline: who decides, how much, by when, and how to end it.
const QUESTIONS: Array<{ question: string; expect: RegExp }> = [
  { question: 'Vem beslutar om IOP i Lerum?', expect: /kultur- och fritidsnämnden/ },
  { question: 'Hur mycket ersättning ger Lerum för en IOP?', expect: /750 000 kronor/ },
  { question: 'När ska ansökan om partnerskap lämnas in?', expect: /31 oktober/ },
  { question: 'Vilken uppsägningstid gäller för överenskommelsen?', expect: /sex månader/ },
];

const config = (dir: string) => ({
  KNOWLEDGE_DIR: dir,
  DEFAULT_LOCALE: 'sv' as const,
  DEFAULT_MUNICIPALITY: undefined,
  REDIS_URL: undefined,
  REDIS_PREFIX: 'iop',
});

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'iop-import-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.each([
  { kind: 'docx', build: async () => buildDocx(LERUM_GUIDELINE) },
  { kind: 'tagged pdf', build: () => buildTaggedPdf(LERUM_GUIDELINE) },
  { kind: 'html', build: async () => buildHtml(LERUM_GUIDELINE) },
])('a guideline imported from $kind', ({ kind, build }) => {
  let dir: string;
  let importOutput: string;
  let importMs: number;

  beforeAll(async () => {
    // The shipped knowledge beside it: the imported guideline must win its questions against everything else.
    dir = join(work, kind.replace(' ', '-'));
    await cp(KNOWLEDGE_DIR, dir, { recursive: true });
    const extension = { docx: 'docx', 'tagged pdf': 'pdf', html: 'html' }[kind];
    const file = join(work, `riktlinjer-iop-lerum.${extension}`);
    await writeFile(file, await build());
    const started = performance.now();
    const result = await runKnowledgeCommand(['import', file, '--municipality', 'lerum', '--lang', 'sv'], config(dir));
    importMs = performance.now() - started;
    importOutput = result.stderr;
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('writes one section per heading, with the dates the guideline states, that loads as it is', async () => {
    const draft = await readFile(join(dir, 'municipalities', 'lerum.sv.md'), 'utf8');
    expect(draft.match(/^## .+$/gm)).toEqual([
      '## Beslut och delegation',
      '## Ekonomisk ersättning',
      '## Ansökan och tidsfrister',
      '## Uppsägning av överenskommelsen',
    ]);
    expect(draft).toMatch(/^date: 2024-03-14$/m);
    expect(draft).toMatch(/^valid_until: 2027-12-31$/m);
    expect(draft).toContain('| 300 000–750 000 kronor | kultur- och fritidsnämnden |');
    expect(draft).toContain('- senaste årsredovisning');
    const check = await runKnowledgeCommand(['check', dir], config(dir));
    expect(check.exitCode, check.stdout).toBe(0);
    expect(check.stdout).toMatch(/lerum\.sv\.md: 4 heading\(s\) are not questions/);
  });

  it('answers questions about its decision rules, amounts, deadlines and notice period without a hand edit', async () => {
    const started = performance.now();
    const deps = await loadAskDeps(config(dir));
    // The municipality is declared by the draft itself; municipalities.yaml was not touched.
    expect(deps.municipalities.find('Lerums kommun')?.id).toBe('lerum');
    for (const { question, expect: fact } of QUESTIONS) {
      const answer = toAskJson(ask(deps, { question, municipality: 'lerum', today: new Date('2026-01-15') }));
      expect(answer.declined, question).toBe(false);
      expect(answer.answer, question).toMatch(fact);
      expect(
        answer.sources.some((s) => /Lerums kommun/.test(s.title)),
        question,
      ).toBe(true);
    }
    const totalMs = importMs + (performance.now() - started);
    console.info(`${kind}: import ${Math.round(importMs)} ms, file to four answers ${Math.round(totalMs)} ms`);
    expect(importOutput).toMatch(/Skrev ett utkast med 5 avsnitt/);
  });
});

describe('a file that cannot be imported', () => {
  const importInto = async (file: string) => {
    const dir = join(work, 'bad-input');
    const out = join(dir, 'draft.sv.md');
    const result = await runKnowledgeCommand(
      ['import', file, '--municipality', 'lerum', '--lang', 'sv', '--out', out],
      config(dir),
    );
    const written = await readFile(out, 'utf8').then(
      () => true,
      () => false,
    );
    return { ...result, written };
  };

  it('names a missing file, a kind it does not handle and a damaged file plainly, and writes nothing', async () => {
    const missing = await importInto(join(work, 'finns-inte.docx'));
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/finns-inte\.docx finns inte/);
    const text = join(work, 'riktlinje.txt');
    await writeFile(text, 'Riktlinjer för IOP');
    const unsupported = await importInto(text);
    expect(unsupported.stderr).toMatch(/kan inte importeras: använd en av \.docx, \.pdf/);
    const damaged = join(work, 'skadad.docx');
    await writeFile(damaged, 'inte en zip-fil');
    const broken = await importInto(damaged);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(/skadad\.docx gick inte att läsa som den sortens fil/);
    expect([missing.written, unsupported.written, broken.written]).toEqual([false, false, false]);
  });
});
