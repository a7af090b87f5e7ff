import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_ACTIONS,
  checklistButton,
  followUpButton,
  parseChecklistAction,
  startChecklistButton,
} from '../../src/core/checklist/actions.ts';
import { resultLabels } from '../../src/core/checklist/result-view.ts';
import en from '../../locales/en.json' with { type: 'json' };
import sv from '../../locales/sv.json' with { type: 'json' };
import { readOffer } from '../../src/core/reminders/offer.ts';
import { flattenMessages, translator } from '../../src/core/i18n/translator.ts';
import { svLabels } from './support.ts';

describe('checklist button values', () => {
  it('round-trip through the JSON a platform sends back', () => {
    const button = checklistButton('Ja', CHECKLIST_ACTIONS.answer, {
      runId: 'r1',
      questionId: 'marknad',
      answer: 'yes',
      revision: 3,
    });
    expect(parseChecklistAction(button.actionId, button.value)).toEqual({
      id: 'checklist:answer',
      value: { runId: 'r1', questionId: 'marknad', answer: 'yes', revision: 3 },
    });
    expect(parseChecklistAction('checklist:start', '')).toEqual({ id: 'checklist:start', value: {} });
    expect(
      parseChecklistAction(startChecklistButton('Starta', 'skr').actionId, startChecklistButton('Starta', 'skr').value),
    ).toEqual({ id: 'checklist:start', value: { checklistId: 'skr' } });
  });

  it('refuses values that are not what the checklist sent', () => {
    expect(
      parseChecklistAction('checklist:answer', '{"runId":"r1","questionId":"marknad","answer":"maybe","revision":1}'),
    ).toBeUndefined();
    expect(
      parseChecklistAction('checklist:answer', '{"runId":"r1","questionId":"Marknad!","answer":"yes","revision":1}'),
    ).toBeUndefined();
    expect(
      parseChecklistAction('checklist:skip', '{"runId":"r1","questionId":"marknad","revision":-1}'),
    ).toBeUndefined();
    expect(parseChecklistAction('checklist:continue', '{')).toBeUndefined();
    expect(parseChecklistAction('checklist:fly', '{}')).toBeUndefined();
    expect(parseChecklistAction('checklist:continue', JSON.stringify({ runId: 'x'.repeat(65) }))).toBeUndefined();
  });

  it('keeps button labels within what Slack accepts', () => {
    expect(checklistButton('x'.repeat(100), CHECKLIST_ACTIONS.continue, { runId: 'r' }).label).toHaveLength(75);
  });

  it('offers follow-ups as values the reminders feature accepts', () => {
    const button = followUpButton(translator('sv'), {
      label: 'Årlig uppföljning',
      text: 'Röda korset: följ upp',
      in: 'P1Y',
      recurrence: 'yearly',
    });
    expect(button.actionId).toBe('reminder:create');
    expect(JSON.parse(button.value)).toEqual({ text: 'Röda korset: följ upp', in: 'P1Y', recurrence: 'yearly' });
    expect(readOffer(button.value)).toBeDefined();
  });
});

describe('result labels', () => {
  it('come from the locale files', () => {
    expect(resultLabels(translator('sv'))).toEqual(svLabels);
    expect(resultLabels(translator('en')).answers.yes).toBe('Yes');
  });

  it('name each answer, signal and status in one place of the locale files', () => {
    for (const catalogue of [sv, en]) {
      const keys = [...flattenMessages(catalogue).keys()].filter((key) => key.startsWith('checklist.'));
      const names = keys.filter((key) =>
        /answer(Yes|No|Unsure|Skipped)|\.(answers|signals|status)\.|status(Active|Finished)|signal[A-Z]/.test(key),
      );
      expect(
        names.every((key) => /^checklist\.(answers|signals|status)\./.test(key)),
        names.join(', '),
      ).toBe(true);
      expect(names).toHaveLength(4 + 6 + 3);
    }
  });
});
