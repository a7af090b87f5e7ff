import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isIopError } from '../../src/core/errors.ts';
import { createMunicipalityDirectory } from '../../src/core/municipalities.ts';
import { answerQuestion } from '../../src/core/qa/answer-question.ts';
import { loadKnowledgeBase } from '../../src/infra/knowledge/load-knowledge-base.ts';
import { loadKnowledge } from '../../src/infra/knowledge/knowledge-loader.ts';
import { loadMunicipalities } from '../../src/infra/municipality-loader.ts';
import { KNOWLEDGE_DIR } from './support.ts';

const SOURCES = `- id: test-source
  tag: TEST
  title: "Test – a source"
  publisher: Test
  url: https://example.org/iop
  reliability: high
`;

function doc(front: string, body = '## Vad är IOP?\n\nEtt partnerskap.\n'): string {
  return `---\n${front.trim()}\n---\n\n${body}`;
}

const GOOD = 'id: faq-test\ntitle: Test\nlanguage: sv\nkind: faq\nsources: [test-source]';

const dirs: string[] = [];
async function knowledgeDir(files: Record<string, string>, sources = SOURCES): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iop-knowledge-'));
  dirs.push(dir);
  await writeFile(join(dir, 'sources.yaml'), sources);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

async function problemsOf(dir: string): Promise<string> {
  try {
    await loadKnowledge(dir);
  } catch (error) {
    expect(isIopError(error, 'knowledge_invalid')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the knowledge to be rejected');
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('knowledge loader', () => {
  it('loads the shipped knowledge without problems or warnings', async () => {
    const municipalities = await loadMunicipalities(KNOWLEDGE_DIR);
    const loaded = await loadKnowledge(KNOWLEDGE_DIR, { municipalityIds: new Set(municipalities.map((m) => m.id)) });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.documents.length).toBeGreaterThan(30);
    for (const language of ['sv', 'en'] as const) {
      const faq = loaded.documents.filter((d) => d.kind === 'faq' && d.language === language);
      expect(faq.flatMap((d) => d.sections).length).toBeGreaterThanOrEqual(60);
    }
  });

  it('names the file and the field of a broken front matter', async () => {
    const dir = await knowledgeDir({ 'faq/bad.md': doc(GOOD.replace('language: sv', 'language: de')) });
    expect(await problemsOf(dir)).toContain(`${join(dir, 'faq/bad.md')}: language: must be 'sv' or 'en'`);
  });

  it('reports every problem of every file at once', async () => {
    const dir = await knowledgeDir({
      'a.md': doc(GOOD.replace('kind: faq', 'kind: municipality').replace('id: faq-test', 'id: a')),
      'b.md': doc(`${GOOD.replace('id: faq-test', 'id: b')}\ndate: 2024-02-30\nvalid-until: 2025-01-01`),
      'c.md': 'no front matter here\n',
      'd.md': doc(GOOD.replace('id: faq-test', 'id: d'), '## Tom rubrik\n\n<!-- keywords: x -->\n'),
      'e.md': doc('id: e\ntitle: [unclosed\nlanguage: sv'),
    });
    const message = await problemsOf(dir);
    expect(message).toContain(`${join(dir, 'a.md')}: municipality: is required for kind municipality`);
    expect(message).toContain(`${join(dir, 'b.md')}: date: is not a real calendar date`);
    expect(message).toContain(`${join(dir, 'b.md')}: (root): Unrecognized key(s) in object: 'valid-until'`);
    expect(message).toContain(`${join(dir, 'c.md')}: front matter: missing`);
    expect(message).toMatch(new RegExp(`${join(dir, 'd.md')}: section "Tom rubrik" \\(line \\d+\\): has no text`));
    expect(message).toMatch(new RegExp(`${join(dir, 'e.md')}: front matter, line \\d+:`));
  });

  it('rejects source ids that are not in sources.yaml, in front matter and in a section', async () => {
    const dir = await knowledgeDir({
      'x.md': doc(
        GOOD.replace('[test-source]', '[test-source, nowhere]'),
        '## Fråga\n\nSvar.\n<!-- sources: gone -->\n',
      ),
    });
    const message = await problemsOf(dir);
    expect(message).toContain(`${join(dir, 'x.md')}: sources[1]: unknown source id "nowhere"`);
    expect(message).toMatch(/section "Fråga" \(line \d+\): sources\[0\]: unknown source id "gone"/);
  });

  it('names the entry and field of a broken sources.yaml', async () => {
    const dir = await knowledgeDir({ 'x.md': doc(GOOD) }, SOURCES.replace('reliability: high', 'reliability: great'));
    expect(await problemsOf(dir)).toContain(`${join(dir, 'sources.yaml')}: [0].reliability:`);
  });

  it('rejects two documents with the same id and language', async () => {
    const dir = await knowledgeDir({ 'one.md': doc(GOOD), 'two.md': doc(GOOD) });
    expect(await problemsOf(dir)).toContain(`${join(dir, 'two.md')}: id: "faq-test" (sv) is already used by`);
  });

  it('splits sections at ## headings and reads keywords and per-section sources', async () => {
    const body = [
      '## Första frågan',
      '',
      'Första svaret med **fetstil**.',
      '<!-- keywords: alfa, beta -->',
      '',
      '## Andra frågan',
      '',
      'Andra svaret.',
      '<!-- sources: test-source -->',
    ].join('\n');
    const dir = await knowledgeDir({ 'x.md': doc(GOOD, body) });
    const [document] = (await loadKnowledge(dir)).documents;
    expect(document?.sections.map((s) => [s.heading, s.text, s.keywords])).toEqual([
      ['Första frågan', 'Första svaret med *fetstil*.', ['alfa', 'beta']],
      ['Andra frågan', 'Andra svaret.', []],
    ]);
  });
});

describe('other ways of asking a section', () => {
  it('reads `<!-- questions: … | … -->` and answers those questions from the section', async () => {
    const body = [
      '## Vem beslutar om en IOP i Testby?',
      '',
      'Socialnämnden beslutar om varje IOP i Testby.',
      '<!-- questions: Vem skriver under avtalet, nämnden eller styrelsen? | Vilken instans godkänner partnerskapet? -->',
    ].join('\n');
    const dir = await knowledgeDir({ 'x.md': doc(GOOD, body) });
    const [document] = (await loadKnowledge(dir)).documents;
    expect(document?.sections[0]?.questions).toEqual([
      'Vem skriver under avtalet, nämnden eller styrelsen?',
      'Vilken instans godkänner partnerskapet?',
    ]);
    expect(document?.sections[0]?.text).toBe('Socialnämnden beslutar om varje IOP i Testby.');
    const { knowledge } = await loadKnowledgeBase(dir);
    const answer = answerQuestion(
      { knowledge, municipalities: createMunicipalityDirectory([]) },
      { question: 'vilken instans godkänner partnerskapet?', fallbackLanguage: 'sv' },
    );
    expect(answer).toMatchObject({ status: 'answered', title: 'Vem beslutar om en IOP i Testby?' });
  });
});

describe('a municipality adding its own guideline', () => {
  it('is used after a restart with nothing else changed: preferred, named and listed with its end date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iop-knowledge-'));
    dirs.push(dir);
    await cp(KNOWLEDGE_DIR, dir, { recursive: true });
    await writeFile(
      join(dir, 'municipalities', 'kungalv-2026.sv.md'),
      doc(
        [
          'id: guideline-kungalv-2026',
          'title: Kungälvs kommun – ny riktlinje för IOP 2026',
          'language: sv',
          'kind: guideline',
          'municipality: kungalv',
          'sources:',
          '  - title: Kungälvs kommun – Riktlinje för IOP 2026 (KS2026/1)',
          '    url: https://www.kungalv.se/iop',
          'date: 2026-01-15',
          'valid_until: 2029-12-31',
        ].join('\n'),
        '## Vem är kontaktperson för IOP i Kungälv?\n\nKontaktperson för IOP är samordnaren för civilsamhällesfrågor i Kungälv.\n<!-- keywords: kontakt, kontaktperson, samordnare -->\n',
      ),
    );
    const { knowledge } = await loadKnowledgeBase(dir);
    const municipalities = createMunicipalityDirectory(await loadMunicipalities(dir));
    const answer = answerQuestion(
      { knowledge, municipalities },
      {
        question: 'vem är kontaktperson för iop?',
        fallbackLanguage: 'sv',
        municipality: municipalities.get('kungalv'),
      },
    );
    expect(answer.status).toBe('answered');
    expect(answer.passages[0]?.documentId).toBe('guideline-kungalv-2026');
    expect(answer.title).toBe('Vem är kontaktperson för IOP i Kungälv?');
    expect(answer.sources[0]).toMatchObject({
      title: 'Kungälvs kommun – Riktlinje för IOP 2026 (KS2026/1)',
      url: 'https://www.kungalv.se/iop',
    });
    expect(knowledge.datedDocuments()).toContainEqual(
      expect.objectContaining({ id: 'guideline-kungalv-2026', validUntil: '2029-12-31', municipality: 'kungalv' }),
    );
  });
});
