/**
 * Forged card presses over the Bot Framework protocol: an `adaptiveCard/action` invoke from another conversation
 * that carries the run id of a checklist is refused, to the presser alone, and neither changes nor reveals it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunStore } from '../../src/core/checklist/run-store.ts';
import { button, invokeCard, textOf } from './cards.ts';
import { BERTIL, cardAction, channelThread, groupChat, groupChatMention, TENANT_ID } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const CASE = 'Hemliga föreningen – stödsamtal';

describe('a checklist run pressed from another Teams conversation', () => {
  let h: TeamsHarness;
  let serviceUrl: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-checklist-access' });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(() => h.close());

  it('is refused to the presser alone, and the run is neither changed nor revealed', async () => {
    await h.post(groupChatMention(serviceUrl, 'checklista'));
    await h.post(groupChatMention(serviceUrl, CASE));
    const question = h.connector.messages().find((c) => /Fråga 1 av/.test(textOf(c)));
    expect(question).toBeDefined();
    const cardId = question?.assignedId ?? '';
    const yes = button(question, 'Ja');
    const { runId } = JSON.parse(yes.value) as { runId: string };
    const runs = createRunStore(h.runtime.store);
    const before = await runs.load(runId);
    h.connector.reset();

    const forged = [
      yes,
      button(question, 'Hoppa över'),
      button(question, 'Varför frågar vi?'),
      button(question, 'Avbryt'),
      { verb: 'checklist:continue', value: JSON.stringify({ runId }) },
      { verb: 'checklist:export', value: JSON.stringify({ runId }) },
    ];
    const elsewhere = [
      { conversationType: 'personal', tenantId: TENANT_ID, id: 'a:1bertil-personal' },
      channelThread('1732266000999'),
    ];
    for (const conversation of elsewhere) {
      for (const press of forged) {
        const res = await h.post(
          cardAction(serviceUrl, {
            verb: press.verb,
            value: press.value,
            replyToId: cardId,
            conversation,
            from: BERTIL,
          }),
        );
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
        const notice = String((res.body as { value: unknown }).value);
        expect(notice).toMatch(/Den checklistan hör till en annan konversation/);
        expect(notice).not.toContain('Hemliga föreningen');
      }
    }
    expect(await runs.load(runId)).toEqual(before);

    // Where the run lives, the same card still takes its first answer; only that press reaches the connector.
    const res = await h.post(
      cardAction(serviceUrl, { verb: yes.verb, value: yes.value, replyToId: cardId, conversation: groupChat() }),
    );
    expect(textOf(invokeCard(res.body))).toMatch(/^1\. .* – \*\*Ja\*\* \(Anna Andersson\)[\s\S]*Fråga 2 av 8/m);
    const calls = await h.connector.waitFor((c) => c.some((x) => x.method === 'PUT'));
    expect(calls.every((c) => c.activityId === cardId && c.method === 'PUT')).toBe(true);
    expect((await runs.load(runId))?.run.revision).toBe(1);
  });
});
