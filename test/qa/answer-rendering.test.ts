import { describe, expect, it } from 'vitest';
import { renderReply as renderConsole } from '../../src/adapters/console/render.ts';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.ts';
import { renderReply as renderTeams } from '../../src/adapters/teams/render.ts';
import type { Reply } from '../../src/core/model.ts';
import { turnOf } from '../support/bot.ts';
import { buttonLabel } from '../../src/core/qa/render-answer.ts';
import { qaBot } from './support.ts';

async function reply(question: string): Promise<Reply> {
  const { bot } = await qaBot();
  const [first] = await bot.handleTurn(turnOf(question, { conversation: `console:render-${Math.random()}` }));
  if (!first) throw new Error('no reply');
  return first;
}

const TITLE = 'Vad hände i Alingsåsfallet?';
const ASK_BACK = 'vi funderar på att stötta en förening som driver en fritidsgård, passar IOP?';

describe('an answer on every platform', () => {
  it('shows its title, "Visa mer" and the candidate questions in Slack', async () => {
    const [answer] = renderSlack(await reply(TITLE), { nonce: 'n' });
    const blocks = JSON.stringify(answer?.blocks);
    expect(answer?.blocks[0]).toMatchObject({ type: 'header', text: { text: TITLE } });
    expect(blocks).toContain('"Visa mer"');
    const [asked] = renderSlack(await reply(ASK_BACK), { nonce: 'n' });
    expect(asked?.blocks.filter((b) => b.type === 'actions').length).toBeGreaterThan(0);
    expect(JSON.stringify(asked?.blocks)).toContain('Menade du');
  });

  it('shows its title, "Visa mer" and the candidate questions in Teams', async () => {
    const [answer] = renderTeams(await reply(TITLE));
    const card = JSON.stringify(answer);
    expect(card).toContain(`"text":"${TITLE}"`);
    expect(card).toMatch(/"title":"Visa mer","verb":"answer:more"/);
    const [asked] = renderTeams(await reply(ASK_BACK));
    expect(JSON.stringify(asked)).toMatch(/"type":"Action.Execute","title":"[^"]+","verb":"say:text"/);
  });

  it('shows its title, "Visa mer" and the candidate questions in the console', async () => {
    const options = { styled: false, messageId: 'm1', firstNumber: 1, updatedLabel: '' };
    const answer = renderConsole(await reply(TITLE), options);
    expect(answer.lines[0]).toBe(`== ${TITLE} ==`);
    expect(answer.lines.join('\n')).toMatch(/\[\d+\] Visa mer/);
    const asked = renderConsole(await reply(ASK_BACK), options);
    expect(asked.buttons.length).toBeGreaterThan(0);
  });
});

describe('button labels', () => {
  it('cuts a long question after a whole word, within 75 characters', () => {
    const question =
      'Vad gäller för en IOP när föreningen också får föreningsbidrag från kultur- och fritidsnämnden varje år?';
    const label = buttonLabel(question);
    expect(label.length).toBeLessThanOrEqual(75);
    expect(label.endsWith('…')).toBe(true);
    const shown = label.slice(0, -1);
    expect(question.startsWith(shown)).toBe(true);
    // The cut falls between words: what follows the shown part starts with a space.
    expect(question.charAt(shown.length)).toBe(' ');
    expect(buttonLabel('Vad är IOP?')).toBe('Vad är IOP?');
  });
});
