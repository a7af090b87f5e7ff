import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../support/bot-connector.ts';
import { button, invokeCard, textOf, visibleLines } from './cards.ts';
import {
  BERTIL,
  CHANNEL,
  cardAction,
  channelMention,
  channelThread,
  groupChat,
  groupChatMention,
  personalMessage,
} from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

describe('a checklist in Teams, by card buttons', () => {
  let h: TeamsHarness;
  let serviceUrl: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-checklist' });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(() => h.close());
  beforeEach(() => h.connector.reset());

  /** Starts a run by typing, as a user would; resolves with the first question's message. */
  async function start(send: (text: string) => unknown, caseName: string): Promise<ConnectorCall> {
    await h.post(send('checklista'));
    await h.post(send(caseName));
    const question = h.connector.messages().find((c) => /Fråga 1 av/.test(textOf(c)));
    if (!question)
      throw new Error(`no first question; got ${h.connector.messages().map((c) => textOf(c).slice(0, 40))}`);
    h.connector.reset();
    return question;
  }

  it('in the personal chat, is one card that updates itself: answers, why we ask, changes', async () => {
    const personal = (text: string) => personalMessage(serviceUrl, text);
    const q1 = await start(personal, 'Röda korset – läxhjälp');
    const press = (title: string | RegExp, card: Parameters<typeof button>[0]) => {
      const b = button(card, title);
      return h.post(cardAction(serviceUrl, { verb: b.verb, value: b.value, replyToId: q1.assignedId ?? '' }));
    };

    // Ja on question 1: the card folds the answer into one line and asks question 2, in the same card.
    let card = invokeCard((await press('Ja', q1)).body);
    expect(textOf(card)).toMatch(/^1\. .* – \*\*Ja\*\* \(Anna Andersson\)[\s\S]*Fråga 2 av 8/m);
    expect(visibleLines(card).join('\n')).not.toMatch(/Anna Andersson/);

    // "Varför frågar vi?" answers the presser alone, under the card (the invoke's message response).
    const why = await press('Varför frågar vi?', card);
    expect(why.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect((why.body as { value: string }).value).toMatch(/^Varför frågar vi\?\n.+/);

    // Ja on question 2: both answers stay in the card and question 3 follows.
    card = invokeCard((await press('Ja', card)).body);
    expect(textOf(card)).toMatch(/^1\. .*\*\*Ja\*\*[\s\S]*^2\. .*\*\*Ja\*\*[\s\S]*Fråga 3 av 8/m);

    // Changing the first answer keeps the rest of the card, including the open question 3; the changed question
    // is shown in full with its new answer.
    card = invokeCard((await press('Ändra till Nej', card)).body);
    expect(textOf(card)).toMatch(/Fråga 1 av 8[\s\S]*^Svar: \*\*Nej\*\* \(Anna Andersson\)[\s\S]*Fråga 3 av 8/m);

    // Once the follow-ups of every press are done, nothing was posted: in a chat without threads the card is
    // the whole conversation.
    await h.teams.idle();
    expect(h.connector.messages()).toEqual([]);
  });

  it('in the personal chat, resumes a run with a fresh card', async () => {
    const personal = (text: string) =>
      personalMessage(serviceUrl, text, {
        conversation: { conversationType: 'personal', tenantId: 'resume-tenant', id: 'a:1resume' },
      });
    const q1 = await start(personal, 'Stadsmissionen – natthärbärge');
    await h.post(
      cardAction(serviceUrl, {
        ...pressOf(q1, 'Ja'),
        conversation: { conversationType: 'personal', tenantId: 'resume-tenant', id: 'a:1resume' },
      }),
    );
    await h.post(personal('checklista'));
    const offer = h.connector.messages().at(-1);
    expect(textOf(offer)).toMatch(/Stadsmissionen/);
    h.connector.reset();
    const res = await h.post(
      cardAction(serviceUrl, {
        ...pressOf(offer, /Fortsätt/),
        conversation: { conversationType: 'personal', tenantId: 'resume-tenant', id: 'a:1resume' },
      }),
    );
    expect(res.status).toBe(200);
    const calls = await h.connector.waitFor((c) => c.some((x) => /Fråga 2 av 8/.test(textOf(x))));
    // The run resumes where it was started, not in the other personal chat of the tests.
    expect(calls.find((c) => /Fråga 2 av 8/.test(textOf(c)))?.conversationId).toBe('a:1resume');
  });

  it('in a group chat, shows every participant the same card', async () => {
    const group = (text: string) => groupChatMention(serviceUrl, text);
    const q1 = await start(group, 'Fritidsgården');
    const cardId = q1.assignedId ?? '';
    // Anna answers question 1.
    let res = await h.post(cardAction(serviceUrl, { ...pressOf(q1, 'Ja', cardId), conversation: groupChat() }));
    const annas = invokeCard(res.body);
    const forAll = await h.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT'));
    const put = forAll.find((c) => c.method === 'PUT');
    expect(put?.activityId).toBe(cardId);
    expect(textOf(put)).toBe(textOf(annas));
    // Bertil answers question 2 on the same card; the update shows both answers.
    h.connector.reset();
    res = await h.post(
      cardAction(serviceUrl, { ...pressOf(annas, 'Nej', cardId), conversation: groupChat(), from: BERTIL }),
    );
    expect(textOf(invokeCard(res.body))).toMatch(/\(Anna Andersson\)[\s\S]*\(Bertil Berg\)[\s\S]*Fråga 3 av 8/);
    await h.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && /Bertil Berg/.test(textOf(c))));
  });

  it('in a channel, posts the run as a new post and each question as a reply in its thread', async () => {
    const mention = (text: string) => channelMention(serviceUrl, text, { root: '1732266000001' });
    await h.post(mention('checklista'));
    h.connector.reset();
    await h.post(mention('Ungdomsföreningen'));
    const [intro, q1] = h.connector.messages();
    // The intro is a new post in the channel (no ;messageid=), the first question a reply in its thread.
    expect(intro?.conversationId).toBe(CHANNEL);
    expect(textOf(intro)).toMatch(/Checklista: Ungdomsföreningen/);
    expect(q1?.conversationId).toBe(`${CHANNEL};messageid=${intro?.assignedId}`);
    h.connector.reset();

    const thread = channelThread(intro?.assignedId ?? '');
    const res = await h.post(cardAction(serviceUrl, { ...pressOf(q1, 'Ja'), conversation: thread }));
    // The answered question replaces the card; question 2 arrives as a new reply in the same thread.
    expect(textOf(invokeCard(res.body))).toMatch(/Svar: \*\*Ja\*\*/);
    expect(textOf(invokeCard(res.body))).not.toMatch(/Fråga 2/);
    const calls = await h.connector.waitFor((c) => c.some((x) => /Fråga 2 av 8/.test(textOf(x))));
    expect(calls.find((c) => c.method === 'PUT')?.activityId).toBe(q1?.assignedId);
    expect(calls.find((c) => /Fråga 2 av 8/.test(textOf(c)))?.conversationId).toBe(thread.id);
  });
});

function pressOf(call: Parameters<typeof button>[0], title: string | RegExp, cardId?: string) {
  const b = button(call, title);
  const replyToId = cardId ?? (call && 'assignedId' in call ? (call.assignedId ?? '') : '');
  return { verb: b.verb, value: b.value, replyToId };
}
