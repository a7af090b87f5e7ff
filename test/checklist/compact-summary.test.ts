/**
 * The short form of a result (Reply.compact), which a surface short of room shows first: it leads with the
 * recommendation and reasons, then the answers that count against IOP or are unsure, and keeps every button.
 */
import { describe, expect, it } from 'vitest';
import { answerQuestion, type RunState, startRun } from '../../src/core/checklist/engine.ts';
import { summaryReply } from '../../src/core/checklist/render.ts';
import { translator } from '../../src/core/i18n/translator.ts';
import { plainText } from '../../src/core/reply.ts';
import { loadChecklists } from '../../src/infra/checklist-loader.ts';
import { anna, at, CHECKLIST_DIR, IDEAL } from './support.ts';

const kungalv = (await loadChecklists(CHECKLIST_DIR)).get('kungalv');
if (!kungalv) throw new Error('missing the Kungälv checklist');
const t = translator('sv');
const helpers = { formatDate: () => '3 mars 2025', sourceTitle: () => undefined };

function finished(answers: Record<string, 'yes' | 'no' | 'unsure'>): RunState {
  let state = startRun(kungalv as NonNullable<typeof kungalv>, {
    runId: 'run-1',
    caseName: 'Kulturföreningen',
    locale: 'sv',
    startedBy: anna,
    startedAt: at(0),
  });
  kungalv?.questions.forEach((q, i) => {
    const result = answerQuestion(state, kungalv, {
      questionId: q.id,
      answer: answers[q.id] ?? 'yes',
      by: anna,
      at: at(i + 1),
    });
    if (result.kind === 'updated') state = result.state;
  });
  return state;
}

describe('the short form of a checklist result', () => {
  it('leads with the recommendation and names the unsure answers, leaving the full list out', () => {
    const run = finished({ ...IDEAL.kungalv, langsiktighet: 'unsure', 'nara-samarbete': 'unsure' });
    const reply = summaryReply(t, kungalv as NonNullable<typeof kungalv>, run, helpers);
    const compact = plainText(reply.compact ?? []);
    expect(compact).toMatch(/^Resultat: Kulturföreningen[\s\S]*Rekommendation: /);
    // One unsure answer is the reason for the outcome; the other is listed after the reasons, and none twice.
    expect(compact).toMatch(
      /Skäl\n• Är verksamheten tänkt att drivas under en längre tid\? Osäker[\s\S]*Svar som talar emot IOP eller är osäkra\n• 16\. Har organisationen redan ett nära samarbete med kommunen\? Osäker/,
    );
    expect(compact.match(/längre tid\?/g)).toHaveLength(1);
    expect(compact).not.toMatch(/Kriterier och svar/);
    expect(compact).not.toMatch(/^1\. /m);
    // Every button of the full result is in the short one too (reminders, export).
    const buttons = (blocks: typeof reply.blocks) => blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons(reply.compact ?? [])).toEqual(buttons(reply.blocks));
  });

  it('has no such section when every answer speaks for IOP', () => {
    const reply = summaryReply(t, kungalv as NonNullable<typeof kungalv>, finished(IDEAL.kungalv ?? {}), helpers);
    expect(plainText(reply.compact ?? [])).not.toMatch(/talar emot IOP/);
  });
});
