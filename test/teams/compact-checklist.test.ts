/**
 * The checklist in a Teams personal chat is one card that updates itself. It must stay compact: the current
 * question and the progress in view, the answered questions folded, and at the end the recommendation first with
 * the full list behind a toggle. Measured on Kungälv's 17 questions, answered over the Bot Framework protocol.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEAL } from '../checklist/support.ts';
import { actionsOf, button, type Card, cardOf, invokeCard, textOf, visibleLines } from './cards.ts';
import { cardAction, personalMessage } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const KUNGALV = IDEAL.kungalv ?? {};
const NAMES = { yes: 'Ja', no: 'Nej', unsure: 'Osäker', skipped: 'Hoppa över' } as const;

describe('the checklist card in a Teams personal chat', () => {
  let h: TeamsHarness;
  let serviceUrl: string;
  let cards: Card[];

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-compact' });
    serviceUrl = h.connector.serviceUrl;
    const say = (text: string) => h.post(personalMessage(serviceUrl, text));
    await say('/iop kommun Kungälv');
    await say('checklista');
    await say('Kulturföreningen – sommarlovsaktiviteter');
    const first = h.connector.messages().find((c) => /Fråga 1 av 17/.test(textOf(c)));
    if (!first) throw new Error(`no first question: ${h.connector.messages().map((c) => textOf(c).slice(0, 60))}`);
    const cardId = first.assignedId ?? '';
    cards = [];
    let current: Parameters<typeof button>[0] = first;
    for (let i = 0; i < 17; i++) {
      // The open question is the one with a plain "Ja" button; its value names the question.
      const ja = button(current, 'Ja');
      const questionId = (JSON.parse(ja.value) as { questionId: string }).questionId;
      const chosen = button(current, NAMES[KUNGALV[questionId] ?? 'yes']);
      const res = await h.post(cardAction(serviceUrl, { verb: chosen.verb, value: chosen.value, replyToId: cardId }));
      current = invokeCard(res.body);
      cards.push(current);
    }
    await h.teams.idle();
  }, 60_000);
  afterAll(() => h.close());

  // Before: every part in full, 23,280 bytes and 115 text lines in view (5,454 px in Teams), at the edge of what
  // one card holds, so the oldest answers were about to be dropped.
  it('stays small once all 17 questions are answered, and still holds every answer', () => {
    const last = cards.at(-1) as Card;
    const bytes = Buffer.byteLength(JSON.stringify(last), 'utf8');
    const lines = visibleLines(last);
    console.info(`Kungälv, 17 answered: ${bytes} bytes of card JSON, ${lines.length} visible text lines`);
    // The recommendation leads; the answers and the full account are folded, and all 17 can still be changed.
    expect(lines[0]).toMatch(/^Resultat: Kulturföreningen/);
    expect(lines.join('\n')).toMatch(/Rekommendation: IOP kan vara rätt form/);
    expect(lines.length).toBeLessThanOrEqual(10);
    expect(actionsOf(last).filter((a) => /^Ändra till/.test(a.title))).toHaveLength(17 * 2);
    expect(textOf(last)).toMatch(/^17\. .*– \*\*Ja\*\*/m);
    expect(textOf(last)).toMatch(/Kriterier och svar/);
    expect(bytes).toBeLessThanOrEqual(23_000);
  });

  it('shows the open question and the progress, with the answered ones folded', () => {
    const mid = cards[4] as Card;
    const lines = visibleLines(mid).join('\n');
    expect(lines).toMatch(/Fråga 6 av 17/);
    expect(lines).not.toMatch(/Fråga 1 av 17/);
    expect(actionsOf(mid).some((a) => a.title === 'Ja')).toBe(true);
    expect(visibleLines(mid).length).toBeLessThanOrEqual(8);
  });

  it('keeps the question whose answer was changed from the folded list in view, until the next press', async () => {
    // A run of its own, in another personal chat, two questions answered and the third open.
    const conversation = { conversationType: 'personal', tenantId: 'change-tenant', id: 'a:1change' };
    const say = (text: string) => h.post(personalMessage(serviceUrl, text, { conversation }));
    await say('checklista');
    await say('Föreningen – ändrat svar');
    const first = h.connector.messages().find((c) => c.conversationId === 'a:1change' && /Fråga 1 av/.test(textOf(c)));
    const cardId = first?.assignedId ?? '';
    const press = async (action: { verb: string; value: string }) =>
      invokeCard(
        (
          await h.post(
            cardAction(serviceUrl, { verb: action.verb, value: action.value, replyToId: cardId, conversation }),
          )
        ).body,
      );
    let card = await press(button(first, 'Ja'));
    card = await press(button(card, 'Ja'));
    expect(visibleLines(card).join('\n')).toMatch(/Fråga 3 av/);
    expect(visibleLines(card).join('\n')).not.toMatch(/Fråga 1 av/);

    // "Ändra till Nej" on question 1, from inside the fold.
    const changeFirst = actionsOf(card).find((a) => a.title === 'Ändra till Nej');
    if (!changeFirst) throw new Error('no change button in the fold');
    const changed = await press(changeFirst);
    const lines = visibleLines(changed).join('\n');
    expect(lines).toMatch(/Fråga 1 av/);
    expect(lines).toMatch(/Svar: \*\*Nej\*\*/);
    // The open question stays in view below it, and question 2 stays folded.
    expect(lines).toMatch(/Fråga 3 av/);
    expect(lines).not.toMatch(/Fråga 2 av/);
    expect(actionsOf(changed).some((a) => a.title === 'Ja')).toBe(true);

    // Answering the open question folds the changed one again.
    const next = await press(button(changed, 'Ja'));
    const after = visibleLines(next).join('\n');
    expect(after).toMatch(/Fråga 4 av/);
    expect(after).not.toMatch(/Fråga 1 av/);
    expect(textOf(next)).toMatch(/^1\. .*– \*\*Nej\*\*/m);
    await h.teams.idle();
  });

  it('shows a finished run, opened again from /iop bedömningar, in the same short form', async () => {
    h.connector.reset();
    await h.post(personalMessage(serviceUrl, '/iop bedömningar'));
    const list = h.connector.messages().at(-1);
    const show = button(list, /^Visa: Kulturföreningen/);
    h.connector.reset();
    await h.post(cardAction(serviceUrl, { verb: show.verb, value: show.value, replyToId: list?.assignedId ?? '' }));
    await h.teams.idle();
    const summary = h.connector.messages().find((c) => /Rekommendation/.test(textOf(c)));
    const card = cardOf(summary?.activity) as Card;
    expect(visibleLines(card)[0]).toMatch(/^Resultat: Kulturföreningen/);
    expect(visibleLines(card).length).toBeLessThanOrEqual(10);
    expect(textOf(card)).toMatch(/Kriterier och svar/);
  });
});
