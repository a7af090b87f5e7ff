/**
 * Officials paste a checklist's result into decisions, so what it says must follow from the answers. The outcome's
 * own text is the same for every run that ends in it: it states the general conclusion, and the conditions that
 * led there are the reasons of the answers actually given. These properties run over every shipped checklist, in
 * both languages, with random (partial) answer lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnswerValue, effectOf, evaluate, type RunState } from '../../src/core/checklist/engine.ts';
import { summaryReply } from '../../src/core/checklist/render.ts';
import { resultMarkdown } from '../../src/core/checklist/result-markdown.ts';
import { resultLabels, resultView, summarize } from '../../src/core/checklist/result-view.ts';
import type { ChecklistDefinition, OutcomeKind, Question } from '../../src/core/checklist/schema.ts';
import { LOCALES, type Locale } from '../../src/core/model.ts';
import { plainText } from '../../src/core/reply.ts';
import { translator } from '../../src/core/i18n/translator.ts';
import { loadChecklists } from '../../src/infra/checklist-loader.ts';
import { anna, at, CHECKLIST_DIR } from './support.ts';

const definitions = [...(await loadChecklists(CHECKLIST_DIR)).values()];
const cases = definitions.flatMap((def) => LOCALES.map((locale) => [def.id, locale, def] as const));

type Answers = Record<string, AnswerValue | undefined>;

/** The answer that speaks for IOP, so that random lists reach every outcome, IOP included, often enough. */
function favourable(q: Question): AnswerValue {
  return q.effects.no.signal === 'supports-iop' && q.effects.yes.signal !== 'supports-iop' ? 'no' : 'yes';
}

function answersArb(def: ChecklistDefinition): fc.Arbitrary<Answers> {
  const entries = def.questions.map(
    (q) =>
      [
        q.id,
        fc.oneof(
          { weight: 6, arbitrary: fc.constant<AnswerValue | undefined>(favourable(q)) },
          { weight: 3, arbitrary: fc.constantFrom<AnswerValue | undefined>('yes', 'no', 'unsure', 'skipped') },
          { weight: 1, arbitrary: fc.constant<AnswerValue | undefined>(undefined) },
        ),
      ] as const,
  );
  return fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<AnswerValue | undefined>>);
}

function runOf(def: ChecklistDefinition, answers: Answers, locale: Locale): RunState {
  const recorded: RunState['answers'] = {};
  let revision = 0;
  for (const q of def.questions) {
    const answer = answers[q.id];
    if (answer) recorded[q.id] = { answer, by: anna, at: at(++revision), revision };
  }
  const complete = def.questions.every((q) => answers[q.id] !== undefined);
  return {
    version: 1,
    runId: 'run-1',
    checklistId: def.id,
    caseName: 'Ärendet',
    locale,
    startedBy: anna,
    startedAt: at(0),
    updatedAt: at(revision),
    status: complete ? 'finished' : 'active',
    answers: recorded,
    currentIndex: 0,
    revision,
  };
}

/** The reason shown for an answer (a skipped question shows its "unsure" reason). */
const reasonOf = (q: Question, answer: AnswerValue, locale: Locale) => effectOf(q, answer).reason[locale];

/** Markdown export text with its escapes undone, so reason texts can be looked for in it. */
const unescapeMarkdown = (text: string) =>
  text
    .replace(/\\([\\`*_[\]#|])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

// Words are compared by their first letters, so that "detaljreglera" and "detaljreglerar" are one word.
const STEM = 7;
const stems = (text: string) =>
  new Set((text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= STEM).map((w) => w.slice(0, STEM)));

/**
 * The words a question is about, whatever the answer: in its text and in the reasons of both its yes and its no,
 * in no other question of the checklist (text or reasons), and not in the checklist's own title and intro (its
 * general vocabulary: "samarbetet", "organisationen"). An outcome text that uses one talks about that question.
 */
function topicsOf(def: ChecklistDefinition, locale: Locale): Map<string, Set<string>> {
  const everything = (q: Question) =>
    stems([q.text[locale], ...Object.values(q.effects).map((e) => e.reason[locale])].join(' '));
  const general = stems(`${def.title[locale]} ${def.intro[locale]}`);
  const topics = new Map<string, Set<string>>();
  for (const q of def.questions) {
    const yes = stems(q.effects.yes.reason[locale]);
    const no = stems(q.effects.no.reason[locale]);
    const others = def.questions.filter((other) => other !== q).map(everything);
    const own = [...stems(q.text[locale])].filter(
      (w) => yes.has(w) && no.has(w) && !general.has(w) && others.every((o) => !o.has(w)),
    );
    topics.set(q.id, new Set(own));
  }
  return topics;
}

/** Skipped reads as unsure, and a question not answered is a value of its own. */
const effective = (answer: AnswerValue | undefined) => (answer === 'skipped' ? 'unsure' : (answer ?? 'none'));

describe.each(cases)('the outcome text of %s (%s)', (_id, locale, def) => {
  const t = translator(locale);
  const helpers = { formatDate: (iso: string) => iso.slice(0, 10), sourceTitle: () => undefined };

  it('shows a reason only for an answer that was given, with that answer', () => {
    fc.assert(
      fc.property(answersArb(def), (answers) => {
        const run = runOf(def, answers, locale);
        const summary = summarize(def, run, locale);
        for (const reason of summary.reasons) {
          const q = def.questions.find((x) => x.id === reason.questionId) as Question;
          expect(reason.answer).toBe(answers[q.id]);
          expect(reason.reason).toBe(reasonOf(q, reason.answer, locale));
        }
        const shown = [
          plainText(summaryReply(t, def, run, helpers).blocks),
          unescapeMarkdown(resultMarkdown(resultView(def, run, locale, resultLabels(t)), helpers.formatDate)),
        ];
        for (const q of def.questions) {
          const given = answers[q.id];
          const givenReason = given === undefined ? undefined : reasonOf(q, given, locale);
          for (const other of ['yes', 'no', 'unsure'] as const) {
            const text = q.effects[other].reason[locale];
            if (text === givenReason) continue;
            for (const part of shown) {
              expect(part, `${q.id}: the reason of "${other}" is shown, but the answer was ${given}`).not.toContain(
                text,
              );
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('names only conditions that every run ending in that outcome shares', () => {
    const topics = topicsOf(def, locale);
    const mentioned = (outcome: OutcomeKind) => {
      const content = def.outcomes[outcome];
      const words = stems(`${content.title[locale]} ${content.explanation[locale]}`);
      return [...topics].flatMap(([id, own]) => [...own].filter((w) => words.has(w)).map((w) => ({ id, word: w })));
    };
    fc.assert(
      fc.property(answersArb(def), answersArb(def), (a, b) => {
        const outcome = evaluate(def, a).outcome;
        if (evaluate(def, b).outcome !== outcome) return;
        for (const { id, word } of mentioned(outcome)) {
          expect(
            effective(a[id]),
            `the ${outcome} text says "${word}…", which is what question ${id} asks, yet runs ending in ` +
              `${outcome} answer it differently: say it in the answer's reason, not in the outcome`,
          ).toBe(effective(b[id]));
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('Kungälv’s procurement outcome', () => {
  it('does not name the signs of a purchase that were answered no', () => {
    const def = definitions.find((d) => d.id === 'kungalv') as ChecklistDefinition;
    const answers: Answers = Object.fromEntries(def.questions.map((q) => [q.id, favourable(q)]));
    // Only "does the municipality want to buy a specific service?" points at a purchase.
    Object.assign(answers, {
      'kop-av-tjanst': 'yes',
      underleverantor: 'no',
      detaljreglering: 'no',
      'ersattning-per-prestation': 'no',
      marknad: 'no',
    });
    const summary = summarize(def, runOf(def, answers, 'sv'), 'sv');
    expect(summary.outcome.kind).toBe('procurement');
    const recommendation = [
      summary.outcome.title,
      summary.outcome.explanation,
      ...summary.reasons.map((r) => r.reason),
    ];
    expect(recommendation.join('\n')).not.toMatch(/underleverantör|detaljregl|per prestation|marknad/i);
    expect(summary.reasons.map((r) => r.questionId)).toEqual(['kop-av-tjanst']);
  });
});
