import { describe, expect, it } from 'vitest';
import { runChecklistCommand } from '../../src/cli/checklist-command.ts';
import { loadChecklists } from '../../src/infra/checklist-loader.ts';
import { runCli } from '../support/cli.ts';
import { CHECKLIST_DIR, IDEAL } from './support.ts';

const checklists = await loadChecklists(CHECKLIST_DIR);
const sv = (...argv: string[]) => runChecklistCommand(argv, { checklists, locale: 'sv' });
const en = (...argv: string[]) => runChecklistCommand(argv, { checklists, locale: 'en' });

const ideal = (id: string) =>
  Object.values(IDEAL[id] ?? {})
    .map((a) => ({ yes: 'ja', no: 'nej', unsure: 'osäker' })[a])
    .join(',');

describe('iop-bot checklist', () => {
  it('lists the checklists as text and as JSON', () => {
    const text = sv('list');
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('Checklistor:');
    expect(text.stdout).toContain('skr – IOP-checklista enligt SKR:s kriterier (14 frågor, ekero)');
    const json = JSON.parse(en('list', '--json').stdout) as { checklists: Array<{ id: string; questions: number }> };
    expect(json.checklists.map((c) => c.id)).toEqual(['forsta-bedomning', 'kungalv', 'skr']);
    expect(json.checklists[0]?.questions).toBe(8);
  });

  it('shows one checklist with its questions, what is decisive and why we ask', () => {
    const { stdout, exitCode } = sv('show', 'kungalv');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('IOP-checklista för Kungälvs kommun (kungalv)');
    expect(stdout).toContain(
      '  2. Är det organisationen själv som har tagit initiativet till verksamheten? [avgörande]',
    );
    expect(stdout).toContain('Varför vi frågar: Kungälvs kriterium (från Socialt forum)');
    expect(stdout).toContain('Ja → tyder på upphandling · Nej → talar för IOP · Osäker → behöver utredas');
    const json = JSON.parse(en('show', 'skr', '--json').stdout) as { id: string; questions: unknown[] };
    expect(json.id).toBe('skr');
    expect(json.questions).toHaveLength(14);
  });

  it('evaluates a full answer list as JSON', () => {
    const { stdout, exitCode } = sv('evaluate', 'forsta-bedomning', '--answers', ideal('forsta-bedomning'), '--json');
    expect(exitCode).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ checklist: 'forsta-bedomning', outcome: 'iop', complete: true });
    expect(out.reasons[0]).toEqual({
      questionId: 'ideburen-organisation',
      answer: 'yes',
      signal: 'supports-iop',
      reason: 'Motparten är en idéburen organisation utan vinstsyfte.',
    });
  });

  it('accepts Swedish and English words in any case, and a shorter list as a provisional result', () => {
    const out = JSON.parse(en('evaluate', 'skr', '--answers=JA,yes,Osaker,hoppa,skip', '--json').stdout);
    expect(out).toMatchObject({ outcome: 'closer-look', complete: false });
    expect(out.reasons.map((r: { answer: string }) => r.answer)).toEqual(['unsure', 'skipped', 'skipped']);
    expect(out.reasons[0].reason).toBe('Unclear whether there is a shared need to collaborate.');
  });

  it('prints a readable recommendation with reasons and next steps', () => {
    const answers = ideal('kungalv').split(',');
    answers[0] = 'nej';
    const { stdout, exitCode } = sv('evaluate', 'kungalv', '--answers', answers.join(','));
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Rekommendation: IOP är inte möjligt i det här fallet');
    expect(stdout).toContain('Skäl:\n  - Är motparten en idéburen organisation');
    expect(stdout).toContain('Nästa steg:\n  1. Se skälen nedan');
    expect(stdout).not.toContain('Preliminärt');
    expect(sv('evaluate', 'kungalv', '--answers', 'ja,ja').stdout).toContain(
      'Preliminärt: 2 av 17 frågor är besvarade.',
    );
  });

  it('rejects bad input with exit code 2 and a clear message', () => {
    const tooMany = sv('evaluate', 'forsta-bedomning', '--answers', `${ideal('forsta-bedomning')},ja`);
    expect(tooMany).toMatchObject({ exitCode: 2 });
    expect(tooMany.stdout).toContain('Checklistan "forsta-bedomning" har 8 frågor, men du angav 9 svar.');

    const unknownWord = en('evaluate', 'skr', '--answers', 'yes,maybe');
    expect(unknownWord.exitCode).toBe(2);
    expect(unknownWord.stdout).toContain('Answer number 2, "maybe", is not recognised.');

    expect(sv('evaluate', 'skr', '--answers', 'ja,,nej').stdout).toContain('Svar nummer 2 är tomt.');
    expect(sv('evaluate', 'skr').stdout).toContain('Ange svaren i frågornas ordning med --answers');
    expect(sv('evaluate', 'skr').exitCode).toBe(2);
    expect(sv('show', 'finns-inte')).toMatchObject({ exitCode: 2 });
    expect(sv('show', 'finns-inte').stdout).toContain('Tillgängliga: forsta-bedomning, kungalv, skr.');
    expect(sv('show').stdout).toContain('iop-bot checklist show forsta-bedomning');
    expect(sv('remove', 'skr').exitCode).toBe(2);
    expect(sv('list', '--verbose').stdout).toContain('Okänt alternativ: --verbose');
    expect(sv().exitCode).toBe(2);
    expect(sv('help')).toMatchObject({ exitCode: 0 });
  });

  it('tolerates the leading "checklist" word', () => {
    expect(sv('checklist', 'list').stdout).toBe(sv('list').stdout);
  });
});

describe('the iop-bot checklist binary', () => {
  it('lists, shows and evaluates through `iop-bot checklist`, in either language', { timeout: 60_000 }, async () => {
    const list = await runCli(['checklist', 'list', '--json', '--lang', 'en']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).checklists[0]).toMatchObject({
      id: 'forsta-bedomning',
      title: 'First assessment – IOP, grant or procurement?',
    });

    const evaluated = await runCli([
      'checklist',
      'evaluate',
      'forsta-bedomning',
      '--answers',
      ideal('forsta-bedomning'),
      '--json',
    ]);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toMatchObject({ outcome: 'iop', complete: true });

    const missing = await runCli(['checklist', 'show']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('Användning: iop-bot checklist list | show <id>');
  });
});
