import { describe, expect, it } from 'vitest';
import {
  type Actor,
  answerQuestion,
  cancelRun,
  currentQuestion,
  evaluate,
  isComplete,
  progress,
  type RunResult,
  type RunState,
  runStateSchema,
  skipQuestion,
  startRun,
} from '../../src/core/checklist/engine.ts';
import { resultMarkdown } from '../../src/core/checklist/result-markdown.ts';
import { resultView, summarize } from '../../src/core/checklist/result-view.ts';
import type { Answer, ChecklistDefinition, OutcomeKind } from '../../src/core/checklist/schema.ts';
import { loadChecklists } from '../../src/infra/checklist-loader.ts';
import { anna, at, bo, CHECKLIST_DIR, IDEAL, svLabels } from './support.ts';

const checklists = await loadChecklists(CHECKLIST_DIR);
function def(id: string): ChecklistDefinition {
  const found = checklists.get(id);
  if (!found) throw new Error(`missing checklist ${id}`);
  return found;
}

function start(d: ChecklistDefinition, caseName = 'Läxhjälp i Kvarnen'): RunState {
  return startRun(d, { runId: 'run-1', caseName, locale: 'sv', startedBy: anna, startedAt: at(0) });
}

function updated(result: RunResult): RunState {
  if (result.kind !== 'updated') throw new Error(`expected an update, got ${result.kind}`);
  return result.state;
}

/** Answers each current question in turn, as a user pressing buttons would, until the run is finished. */
function walk(d: ChecklistDefinition, answers: Record<string, Answer | 'skip'>, by: Actor = anna): RunState {
  let state = start(d);
  let minute = 1;
  for (let q = currentQuestion(d, state); q; q = currentQuestion(d, state)) {
    const answer = answers[q.id];
    if (answer === undefined) throw new Error(`no answer for ${q.id}`);
    const input = { by, at: at(minute++), expectedRevision: state.revision };
    state = updated(
      answer === 'skip'
        ? skipQuestion(state, d, input)
        : answerQuestion(state, d, { ...input, questionId: q.id, answer }),
    );
  }
  return state;
}

// Realistic cases per outcome; each overrides the "fits IOP well" answers in a few places.
const SCENARIOS: Record<
  string,
  Array<{ outcome: OutcomeKind; story: string; answers: Record<string, Answer | 'skip'> }>
> = {
  'forsta-bedomning': [
    { outcome: 'iop', story: 'homework help the association started itself', answers: {} },
    {
      outcome: 'grant',
      story: "a sports club's ordinary activities",
      answers: { 'bara-ekonomiskt-stod': 'yes', 'flera-aktorer': 'no' },
    },
    {
      outcome: 'procurement',
      story: 'a care home run for the municipality, as in Alingsås',
      answers: { 'kop-av-tjanst': 'yes', marknad: 'yes', 'eget-initiativ': 'no' },
    },
    {
      outcome: 'not-eligible',
      story: 'a consultancy firm offering a service',
      answers: { 'ideburen-organisation': 'no', 'kop-av-tjanst': 'yes', marknad: 'yes' },
    },
    {
      outcome: 'closer-look',
      story: 'unclear whether the organisation contributes',
      answers: { 'egen-insats': 'unsure', marknad: 'skip' },
    },
  ],
  skr: [
    { outcome: 'iop', story: 'the Ekerö parish network for newcomers', answers: {} },
    {
      outcome: 'grant',
      story: 'support for a choir association',
      answers: { 'ordinarie-verksamhet': 'yes', 'bara-ekonomiskt-stod': 'yes', 'gemensam-styrning': 'no' },
    },
    {
      outcome: 'procurement',
      story: 'day care paid per participant',
      answers: { 'ersattning-per-prestation': 'yes', detaljreglering: 'yes', 'kop-av-tjanst': 'yes' },
    },
    {
      outcome: 'not-eligible',
      story: 'a collaboration without a public-benefit goal',
      answers: { 'allmannyttigt-mal': 'no' },
    },
    {
      outcome: 'closer-look',
      story: 'a one-year project without a shared need',
      answers: { langsiktighet: 'no', 'gemensamt-behov': 'unsure' },
    },
  ],
  kungalv: [
    { outcome: 'iop', story: 'a meeting place against exclusion', answers: {} },
    {
      outcome: 'grant',
      story: 'activities the standard grant already covers',
      answers: { 'normerat-foreningsbidrag': 'yes' },
    },
    {
      outcome: 'procurement',
      story: 'the organisation as a subcontractor in a market',
      answers: { underleverantor: 'yes', marknad: 'yes', 'normerat-foreningsbidrag': 'yes' },
    },
    {
      outcome: 'not-eligible',
      story: 'a limited company with profit motive',
      answers: { 'utan-vinstsyfte': 'no', 'ersattning-per-prestation': 'yes' },
    },
    {
      outcome: 'closer-look',
      story: 'the idea came from the municipality',
      answers: { 'eget-initiativ': 'no', 'politiskt-program': 'unsure' },
    },
  ],
};

describe('a walk through each shipped checklist', () => {
  for (const [id, scenarios] of Object.entries(SCENARIOS)) {
    for (const { outcome, story, answers } of scenarios) {
      it(`${id}: ${story} ends in ${outcome}`, () => {
        const d = def(id);
        const state = walk(d, { ...IDEAL[id], ...answers });
        expect(state.status).toBe('finished');
        expect(isComplete(d, state)).toBe(true);
        expect(state.revision).toBe(d.questions.length);
        const summary = summarize(d, state, 'sv');
        expect(summary.outcome.kind).toBe(outcome);
        expect(summary.provisional).toBe(false);
        expect(summary.outcome.title).toBe(d.outcomes[outcome].title.sv);
        if (outcome !== 'iop') {
          // The reasons point at the answers that made the difference, not at the supportive ones.
          const changed = Object.keys(answers);
          expect(summary.reasons.length).toBeGreaterThan(0);
          expect(summary.reasons.every((r) => changed.includes(r.questionId))).toBe(true);
        }
      });
    }
  }

  it('procurement wins over grant when both show up', () => {
    const d = def('skr');
    const state = walk(d, { ...IDEAL.skr, 'bara-ekonomiskt-stod': 'yes', marknad: 'yes' });
    const result = evaluate(d, state.answers);
    expect(result.outcome).toBe('procurement');
    expect(result.reasons.map((r) => r.questionId)).toEqual(['marknad']);
  });
});

describe('answering', () => {
  const d = def('forsta-bedomning');

  it('moves to the next question and counts progress as "Fråga 2 av 8"', () => {
    const s0 = start(d);
    expect(progress(d, s0)).toEqual({ answered: 0, skipped: 0, remaining: 8, total: 8, position: 1 });
    const s1 = updated(
      answerQuestion(s0, d, { questionId: 'ideburen-organisation', answer: 'yes', by: anna, at: at(1) }),
    );
    expect(currentQuestion(d, s1)?.id).toBe('allmannyttigt-mal');
    expect(progress(d, s1)).toMatchObject({ answered: 1, position: 2, total: 8 });
    expect(s1.answers['ideburen-organisation']).toEqual({ answer: 'yes', by: anna, at: at(1), revision: 1 });
    expect(s1.updatedAt).toBe(at(1));
  });

  it('treats a repeated press of the same answer as unchanged', () => {
    const s1 = updated(
      answerQuestion(start(d), d, { questionId: 'ideburen-organisation', answer: 'yes', by: anna, at: at(1) }),
    );
    const again = answerQuestion(s1, d, {
      questionId: 'ideburen-organisation',
      answer: 'yes',
      by: bo,
      at: at(2),
      expectedRevision: 0,
    });
    expect(again).toEqual({ kind: 'unchanged', state: s1 });
  });

  it("reports a conflict instead of overwriting a colleague's newer answer", () => {
    const s0 = start(d);
    const seenByBoth = s0.revision;
    const s1 = updated(
      answerQuestion(s0, d, {
        questionId: 'ideburen-organisation',
        answer: 'yes',
        by: anna,
        at: at(1),
        expectedRevision: seenByBoth,
      }),
    );
    const late = answerQuestion(s1, d, {
      questionId: 'ideburen-organisation',
      answer: 'unsure',
      by: bo,
      at: at(2),
      expectedRevision: seenByBoth,
    });
    expect(late.kind).toBe('conflict');
    if (late.kind === 'conflict') {
      expect(late.current).toBe(s1);
      expect(late.existing.by).toEqual(anna);
      expect(late.existing.answer).toBe('yes');
    }
  });

  it('accepts a stale press on a question nobody else has answered since', () => {
    const s1 = updated(
      answerQuestion(start(d), d, {
        questionId: 'ideburen-organisation',
        answer: 'yes',
        by: anna,
        at: at(1),
        expectedRevision: 0,
      }),
    );
    const s2 = updated(
      answerQuestion(s1, d, { questionId: 'allmannyttigt-mal', answer: 'yes', by: bo, at: at(2), expectedRevision: 0 }),
    );
    expect(s2.revision).toBe(2);
    // Anna changing her own earlier answer from an old card is her deliberate choice, not a conflict.
    const s3 = updated(
      answerQuestion(s2, d, {
        questionId: 'ideburen-organisation',
        answer: 'unsure',
        by: anna,
        at: at(3),
        expectedRevision: 0,
      }),
    );
    expect(s3.answers['ideburen-organisation']?.answer).toBe('unsure');
  });

  it('recomputes the result when an earlier answer is changed after the last question', () => {
    const finished = walk(d, IDEAL['forsta-bedomning'] ?? {});
    expect(summarize(d, finished, 'sv').outcome.kind).toBe('iop');
    const changed = updated(
      answerQuestion(finished, d, { questionId: 'ideburen-organisation', answer: 'no', by: bo, at: at(60) }),
    );
    expect(changed.status).toBe('finished');
    expect(changed.revision).toBe(finished.revision + 1);
    const summary = summarize(d, changed, 'sv');
    expect(summary.outcome.kind).toBe('not-eligible');
    expect(summary.reasons).toEqual([
      expect.objectContaining({ questionId: 'ideburen-organisation', answer: 'no', signal: 'not-eligible' }),
    ]);
    expect(summary.questions[0]?.by).toEqual(bo);
  });

  it('changing an earlier answer mid-run keeps the current question', () => {
    let s = start(d);
    s = updated(answerQuestion(s, d, { questionId: 'ideburen-organisation', answer: 'yes', by: anna, at: at(1) }));
    s = updated(answerQuestion(s, d, { questionId: 'allmannyttigt-mal', answer: 'yes', by: anna, at: at(2) }));
    s = updated(answerQuestion(s, d, { questionId: 'ideburen-organisation', answer: 'unsure', by: anna, at: at(3) }));
    expect(currentQuestion(d, s)?.id).toBe('flera-aktorer');
    expect(evaluate(d, s.answers)).toMatchObject({ outcome: 'closer-look', complete: false });
  });

  it('skipping a decisive question leads to a closer look, and the skip is shown as such', () => {
    let s = start(d);
    s = updated(skipQuestion(s, d, { by: anna, at: at(1) }));
    expect(s.answers['ideburen-organisation']?.answer).toBe('skipped');
    expect(currentQuestion(d, s)?.id).toBe('allmannyttigt-mal');
    for (const [questionId, answer] of Object.entries(IDEAL['forsta-bedomning'] ?? {}).slice(1)) {
      s = updated(answerQuestion(s, d, { questionId, answer, by: anna, at: at(2) }));
    }
    const summary = summarize(d, s, 'sv');
    expect(summary.outcome.kind).toBe('closer-look');
    expect(summary.questions[0]).toMatchObject({ answer: 'skipped', signal: 'needs-review' });
    expect(progress(d, s)).toMatchObject({ answered: 7, skipped: 1, remaining: 0, position: null });
  });

  it('returns to a question skipped over when answering out of order', () => {
    let s = start(d);
    s = updated(answerQuestion(s, d, { questionId: 'allmannyttigt-mal', answer: 'yes', by: anna, at: at(1) }));
    expect(currentQuestion(d, s)?.id).toBe('ideburen-organisation');
    s = updated(answerQuestion(s, d, { questionId: 'ideburen-organisation', answer: 'yes', by: anna, at: at(2) }));
    expect(currentQuestion(d, s)?.id).toBe('flera-aktorer');
  });

  it('reports an unknown question and a cancelled run as values', () => {
    const s0 = start(d);
    expect(answerQuestion(s0, d, { questionId: 'finns-inte', answer: 'yes', by: anna, at: at(1) }).kind).toBe(
      'unknown-question',
    );
    const cancelled = updated(cancelRun(s0, { by: bo, at: at(2) }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: bo, revision: 1 });
    expect(currentQuestion(d, cancelled)).toBeUndefined();
    expect(cancelRun(cancelled, { by: anna, at: at(3) }).kind).toBe('unchanged');
    expect(answerQuestion(cancelled, d, { questionId: 'marknad', answer: 'no', by: anna, at: at(3) }).kind).toBe(
      'closed',
    );
    expect(cancelRun(walk(d, IDEAL['forsta-bedomning'] ?? {}), { by: anna, at: at(9) }).kind).toBe('closed');
  });

  it('keeps a run that passes its persisted schema, with a tidied case name', () => {
    const s = start(d, `  Läxhjälp \n i   Kvarnen ${'x'.repeat(200)}`);
    expect(s.caseName.startsWith('Läxhjälp i Kvarnen x')).toBe(true);
    expect(s.caseName.length).toBe(120);
    expect(runStateSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(runStateSchema.safeParse({ ...s, version: 2 }).success).toBe(false);
  });
});

describe('summaries', () => {
  const d = def('skr');

  it('gives a provisional result for an unfinished run', () => {
    const s = updated(
      answerQuestion(start(d), d, { questionId: 'ideburen-organisation', answer: 'yes', by: anna, at: at(1) }),
    );
    const summary = summarize(d, s, 'en');
    expect(summary).toMatchObject({ provisional: true, status: 'active', checklistTitle: d.title.en });
    expect(summary.outcome.kind).toBe('closer-look');
    expect(summary.questions[1]).toMatchObject({ answer: null, by: null, signal: null });
    expect(summary.followUps.map((f) => f.in)).toEqual(['P2W', 'P1Y']);
    expect(summary.sources).toContain('skr-kriterier');
  });

  it('exports Markdown with the case, the recommendation, attributed answers and sources', () => {
    let s = start(d, 'Vänfamiljer | Ekerö pastorat');
    let minute = 1;
    for (const [questionId, answer] of Object.entries(IDEAL.skr ?? {})) {
      const by = minute % 2 === 0 ? bo : anna;
      s = updated(answerQuestion(s, d, { questionId, answer, by, at: at(minute++) }));
    }
    const md = resultMarkdown(resultView(d, s, 'sv', svLabels), (iso) => `datum(${iso.slice(0, 10)})`);
    expect(md).toContain('# IOP-checklista enligt SKR:s kriterier: Vänfamiljer \\| Ekerö pastorat');
    expect(md).toContain('**Datum:** datum(2025-03-03)');
    expect(md).toContain('## Rekommendation');
    expect(md).toContain('**IOP kan vara rätt form**');
    expect(md).not.toContain('Preliminär');
    expect(md).toContain('| Fråga | Svar | Besvarad av | Betydelse |');
    expect(md).toMatch(
      /\| 1 \| Är motparten en idéburen organisation.* _\(avgörande\)_ \| Ja \| Anna Berg, datum\(2025-03-03\) \| Talar för IOP: /,
    );
    expect(md).toContain('| Nej | Anna Berg, datum(2025-03-03) | Neutralt: ');
    expect(md).toContain('## Nästa steg\n\n1. För en dialog med organisationen');
    expect(md).toContain('## Förslag på påminnelser');
    expect(md).toContain('- `skr-kriterier`');
    expect(md).toContain('_Bedömningen är ett stöd och ersätter inte en juridisk prövning._');
    const table = md.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(table).toHaveLength(d.questions.length);
  });

  it('lets the caller describe sources and marks a provisional export', () => {
    const md = resultMarkdown(
      resultView(d, start(d), 'en', svLabels),
      (iso) => iso,
      (id) => `[${id}](https://example.org/${id})`,
    );
    expect(md).toContain('> Preliminär bedömning');
    expect(md).toContain('| Ej besvarad |  |  |');
    expect(md).toContain('- [skr-kriterier](https://example.org/skr-kriterier)');
    expect(md).toContain(d.outcomes['closer-look'].title.en);
  });
});
