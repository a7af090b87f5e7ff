import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.ts';
import { IopError } from '../../src/core/errors.ts';
import { actionsOf, cardOf, invokeCard, textOf } from './cards.ts';
import {
  ANNA,
  BOT,
  botAdded,
  CHANNEL,
  cardAction,
  channelMention,
  GROUP_CHAT,
  groupChatMention,
  PERSONAL_CONVERSATION,
  personalMessage,
  TEAM,
  TENANT_ID,
} from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

describe('Teams over the Bot Framework protocol', () => {
  let h: TeamsHarness;
  let serviceUrl: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-protocol' });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(() => h.close());
  beforeEach(() => h.connector.reset());

  it('answers a personal message with an Adaptive Card 1.5 in the personal chat', async () => {
    const res = await h.post(personalMessage(serviceUrl, '/iop hjälp'));
    expect(res.status).toBe(200);
    const [reply] = h.connector.messages();
    expect(reply?.method).toBe('POST');
    expect(reply?.conversationId).toBe(PERSONAL_CONVERSATION);
    expect(reply?.activity.from).toMatchObject({ id: BOT.id });
    const card = cardOf(reply?.activity);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    // Fields become a FactSet; buttons are Action.Execute with the shared action ids.
    expect(card?.body.some((e) => e.type === 'FactSet')).toBe(true);
    expect(actionsOf(reply).map((a) => a.verb)).toContain('settings:lang');
    expect(card?.fallbackText).toContain('IOP-assistenten');
    expect(reply?.activity.summary).toBeTruthy();
  });

  it('answers a question in the personal chat', async () => {
    await h.post(personalMessage(serviceUrl, 'Vad är IOP?'));
    const [reply] = h.connector.messages();
    expect(textOf(reply).length).toBeGreaterThan(20);
    expect(textOf(reply)).not.toMatch(/Något gick fel/);
  });

  it('answers an @mention in a channel in that thread, with the mention stripped', async () => {
    const mention = channelMention(serviceUrl, 'hjälp');
    await h.post(mention);
    const [reply] = h.connector.messages();
    // POST /v3/conversations/{channel;messageid=root}/activities replying to {id}: a reply in the thread.
    expect(reply?.conversationId).toBe(`${CHANNEL};messageid=${mention.id}`);
    expect(reply?.activityId).toBe(mention.id);
    // "hjälp" reached the core as help (not "<at>IOP-assistenten</at> hjälp", which would be a question).
    expect(textOf(reply)).toMatch(/så här hjälper jag dig/);
  });

  it('answers in a group chat without threads', async () => {
    await h.post(groupChatMention(serviceUrl, 'hej'));
    const [reply] = h.connector.messages();
    expect(reply?.conversationId).toBe(GROUP_CHAT);
    expect(reply?.activityId).toBeUndefined();
    expect(textOf(reply)).toMatch(/Hej! Jag är IOP-assistenten/);
  });

  it('speaks the language the Teams client reports', async () => {
    await h.post(
      personalMessage(serviceUrl, 'hello', {
        locale: 'en-US',
        from: { ...ANNA, id: '29:english-user', aadObjectId: 'e-1' },
      }),
    );
    expect(textOf(h.connector.messages()[0])).toMatch(/^Hello! I am the IOP assistant/);
  });

  it('handles a redelivered activity (same id) once', async () => {
    const message = personalMessage(serviceUrl, 'hej');
    const [first, second] = await Promise.all([h.post(message), h.post(message)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await h.post(message);
    expect(h.connector.messages()).toHaveLength(1);
  });

  it('leaves the personal chat to the prompt starters when installed there', async () => {
    const added = botAdded(serviceUrl, 'personal', {
      conversation: { conversationType: 'personal', tenantId: TENANT_ID, id: 'a:1welcome-personal' },
    });
    const res = await h.post(added);
    expect(res.status).toBe(200);
    expect(h.connector.messages()).toHaveLength(0);
  });

  it('welcomes a team with a new post in its General channel', async () => {
    await h.post(botAdded(serviceUrl, 'channel'));
    const [post] = h.connector.messages();
    expect(post?.conversationId).toBe(TEAM);
    expect(post?.activityId).toBeUndefined();
    expect(textOf(post)).toMatch(/Nämn @IOP-assistenten/);
    await h.post({ ...botAdded(serviceUrl, 'channel'), id: 'f:another-delivery' });
    expect(h.connector.messages()).toHaveLength(1);
  });

  it('ignores members other than the bot joining', async () => {
    await h.post(botAdded(serviceUrl, 'channel', { membersAdded: [{ id: ANNA.id }] }));
    expect(h.connector.messages()).toHaveLength(0);
  });

  it('answers a suggested-prompt press with the invoke response at once and the answer as a message', async () => {
    const press = cardAction(serviceUrl, { verb: 'say:text', value: '/iop hjälp', replyToId: '1732266099999' });
    const res = await h.post(press);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    await h.connector.waitFor((calls) => calls.length >= 1);
    expect(textOf(h.connector.messages()[0])).toMatch(/så här hjälper jag dig/);
  });

  it('answers the invoke with content type application/vnd.microsoft.card.adaptive when the press changes the card', async () => {
    await h.post(personalMessage(serviceUrl, 'checklista'));
    const prompt = h.connector.messages()[0];
    const cancel = actionsOf(prompt).find((a) => a.verb === 'checklist:cancel');
    const res = await h.post(
      cardAction(serviceUrl, {
        verb: 'checklist:cancel',
        value: cancel?.value ?? '',
        replyToId: prompt?.assignedId ?? '',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(textOf(invokeCard(res.body))).toMatch(/ingen checklista startades/);
  });

  it('answers a press on an outdated card politely, to the presser only', async () => {
    const press = cardAction(serviceUrl, {
      verb: 'checklist:why',
      value: '{"runId":"gone","questionId":"x"}',
      replyToId: '1',
    });
    const res = await h.post(press);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(JSON.stringify(res.body)).toMatch(/hittar inte|finns inte|inte längre/);
    expect(h.connector.messages()).toHaveLength(0);
  });

  it('refuses malformed and oversized bodies before the Teams SDK sees them', async () => {
    expect((await h.post(undefined, { body: '{"type": "message",' })).status).toBe(400);
    expect((await h.post(undefined, { body: '[1,2]' })).status).toBe(400);
    // JSON, but not an activity: refused as a bad request, not a failure of ours.
    expect(await h.post({})).toEqual({ status: 400, body: { error: 'malformed activity' } });
    expect((await h.post({ type: 'message', serviceUrl, conversation: { id: 'x' } })).status).toBe(400);
    expect((await h.post(undefined, { body: JSON.stringify({ text: 'x'.repeat(300_000) }) })).status).toBe(413);
    expect((await fetch(h.url)).status).toBe(405);
    expect(h.connector.messages()).toHaveLength(0);
  });

  it('ignores activities it does not handle without failing the request', async () => {
    const typing = { ...personalMessage(serviceUrl, ''), type: 'typing' };
    expect((await h.post(typing)).status).toBe(200);
    const reaction = {
      ...personalMessage(serviceUrl, ''),
      type: 'messageReaction',
      reactionsAdded: [{ type: 'like' }],
    };
    expect((await h.post(reaction)).status).toBe(200);
    const search = { ...personalMessage(serviceUrl, ''), type: 'invoke', name: 'composeExtension/query', value: {} };
    expect(await h.post(search)).toEqual({ status: 200, body: undefined });
    expect(h.connector.messages()).toHaveLength(0);
  });

  it('answers a press it cannot read (a card it did not send) with a note to the presser', async () => {
    const foreign = cardAction(serviceUrl, { verb: 'not a verb of ours', value: 'x', replyToId: '1' });
    const res = await h.post(foreign);
    expect(res).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'Den knappen hör till något som inte längre finns. Försök igen från början.',
      },
    });
    expect(h.connector.messages()).toHaveLength(0);
  });
});

describe('Teams authentication', () => {
  it('refuses unauthenticated activities when an app id is configured', async () => {
    const h = await startTeamsHarness({
      name: 'teams-auth',
      env: {
        TEAMS_LOCAL_NOAUTH: '',
        TEAMS_APP_ID: '3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e',
        TEAMS_APP_PASSWORD: 'client-secret',
        TEAMS_TENANT_ID: TENANT_ID,
      },
    });
    try {
      const res = await h.post(personalMessage(h.connector.serviceUrl, 'hej'));
      expect(res.status).toBe(401);
      expect(h.connector.calls).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('Teams failures', () => {
  it('turns a failing turn into a polite, localised message and a log line', async () => {
    const failing = (runtime: { bot: Bot }): Bot => ({
      ...runtime.bot,
      handleTurn: async () => {
        throw new IopError('store_unavailable', 'redis is down');
      },
    });
    const h = await startTeamsHarness({ name: 'teams-failing', bot: failing });
    try {
      await h.post(personalMessage(h.connector.serviceUrl, 'hej', { locale: 'en-GB' }));
      expect(textOf(h.connector.messages()[0])).toMatch(/I cannot reach my memory right now|try again/i);
      const press = cardAction(h.connector.serviceUrl, { verb: 'say:text', value: 'hej', replyToId: '1' });
      const res = await h.post(press);
      expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    } finally {
      await h.close();
    }
  });

  it('drops activities from another tenant when the bot is single-tenant', async () => {
    const { parseActivity } = await import('../../src/adapters/teams/inbound.ts');
    const activity = personalMessage('https://smba.trafficmanager.net/emea/', 'hej');
    expect(parseActivity(activity, { allowedTenant: TENANT_ID }).kind).toBe('turn');
    expect(parseActivity(activity, { allowedTenant: 'another-tenant' })).toEqual({
      kind: 'ignore',
      reason: 'activity from another tenant',
    });
    expect(CHANNEL).toContain('@thread.tacv2');
  });
});
