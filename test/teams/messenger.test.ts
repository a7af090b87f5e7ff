import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseActivity } from '../../src/adapters/teams/inbound.ts';
import type { ConversationAddress, Reply } from '../../src/core/model.ts';
import { textReply } from '../../src/core/reply.ts';
import { startBotConnector } from '../support/bot-connector.ts';
import { actionsOf, textOf } from './cards.ts';
import { CHANNEL, channelMention, PERSONAL_CONVERSATION, personalMessage } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const reminder: Reply[] = [
  textReply('⏰ Påminnelse: följ upp avtalet med Röda korset', [
    { label: 'Klar', actionId: 'reminder:done', value: 'r-abc123', style: 'primary' },
    { label: 'Snooza 1 dag', actionId: 'reminder:snooze', value: 'r-abc123|P1D' },
  ]),
];

function addressOf(activity: unknown): ConversationAddress {
  const parsed = parseActivity(activity);
  if (parsed.kind !== 'turn') throw new Error(parsed.kind);
  return parsed.turn.conversation;
}

describe('the Teams messenger (proactive reminders)', () => {
  let h: TeamsHarness;
  let serviceUrl: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-messenger' });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.connector.reset();
    h.connector.fail(undefined);
  });

  it('posts into the personal chat from the stored reference, with the reminder buttons', async () => {
    const message = personalMessage(serviceUrl, 'hej');
    await h.post(message);
    h.connector.reset();
    const outcome = await h.teams.messenger.send(addressOf(message), reminder);
    expect(outcome).toEqual({ status: 'delivered' });
    const [posted] = h.connector.messages();
    expect(posted?.conversationId).toBe(PERSONAL_CONVERSATION);
    expect(posted?.activityId).toBeUndefined();
    expect(textOf(posted)).toMatch(/följ upp avtalet/);
    expect(actionsOf(posted).map((a) => a.verb)).toEqual(['reminder:done', 'reminder:snooze']);
  });

  it('posts into the original channel thread', async () => {
    const mention = channelMention(serviceUrl, 'hej');
    await h.post(mention);
    h.connector.reset();
    expect(await h.teams.messenger.send(addressOf(mention), reminder)).toEqual({ status: 'delivered' });
    expect(h.connector.messages()[0]?.conversationId).toBe(`${CHANNEL};messageid=${mention.id}`);
  });

  it('uses the newest serviceUrl Teams sent for the conversation, not the one stored with the reminder', async () => {
    const moved = await startBotConnector();
    try {
      const old = personalMessage(moved.serviceUrl, 'hej', {
        conversation: { conversationType: 'personal', tenantId: 'moved', id: 'a:1moved' },
      });
      const address = addressOf(old);
      // Teams now reaches us from another region: the reference is refreshed by the next activity.
      await h.post({ ...old, id: 'fresh-1', serviceUrl });
      h.connector.reset();
      expect(await h.teams.messenger.send(address, reminder)).toEqual({ status: 'delivered' });
      expect(h.connector.messages()).toHaveLength(1);
      expect(moved.calls).toHaveLength(0);
    } finally {
      await moved.close();
    }
  });

  it('falls back to the reference the reminder carries when none is stored', async () => {
    const unseen = personalMessage(serviceUrl, 'hej', {
      conversation: { conversationType: 'personal', tenantId: 'unseen', id: 'a:1unseen' },
    });
    expect(await h.teams.messenger.send(addressOf(unseen), reminder)).toEqual({ status: 'delivered' });
    expect(h.connector.messages()[0]?.conversationId).toBe('a:1unseen');
  });

  it('reports a removed bot (403) and a deleted conversation (404) as permanent failures', async () => {
    const address = addressOf(personalMessage(serviceUrl, 'hej'));
    h.connector.fail({
      status: 403,
      code: 'BotNotInConversationRoster',
      message: 'The bot is not part of the conversation roster.',
    });
    const removed = await h.teams.messenger.send(address, reminder);
    expect(removed).toMatchObject({ status: 'failed', permanent: true });
    expect(removed.status === 'failed' && removed.reason).toMatch(/403/);
    h.connector.fail({ status: 404, code: 'ConversationNotFound', message: 'Conversation not found.' });
    expect(await h.teams.messenger.send(address, reminder)).toMatchObject({ status: 'failed', permanent: true });
  });

  it('reports an outage (500) or throttling (429) as worth another try', async () => {
    const address = addressOf(personalMessage(serviceUrl, 'hej'));
    h.connector.fail({ status: 500, code: 'ServiceError', message: 'Unknown error' });
    expect(await h.teams.messenger.send(address, reminder)).toMatchObject({ status: 'failed', permanent: false });
  });

  it('refuses addresses that are not Teams conversations or carry no reference', async () => {
    const slack: ConversationAddress = {
      platform: 'slack',
      key: 'slack:T1:C1:1',
      channelKey: 'slack:T1:C1',
      isPrivate: false,
    };
    expect(await h.teams.messenger.send(slack, reminder)).toMatchObject({ status: 'failed', permanent: true });
    const bare: ConversationAddress = {
      platform: 'teams',
      key: 'teams:x:eA',
      channelKey: 'teams:x:eA',
      isPrivate: true,
    };
    expect(await h.teams.messenger.send(bare, reminder)).toMatchObject({ status: 'failed', permanent: true });
  });
});
