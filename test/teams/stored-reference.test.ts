/**
 * Reminders set before the move to the Teams SDK are still delivered: conversation references written to Redis by
 * the version before the Teams SDK (collection `teams-reference`, version 1, its exact JSON) and the reference a stored
 * reminder carries both reach the conversation. The JSON below is what that version wrote; only the serviceUrl
 * points at the local Bot Connector stand-in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { teamsConversationKey } from '../../src/adapters/teams/conversation-key.ts';
import type { ConversationAddress } from '../../src/core/model.ts';
import { textReply } from '../../src/core/reply.ts';
import { testRedis } from '../support/redis.ts';
import { actionsOf, textOf } from './cards.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const TENANT = '5c8f3a1e-2b7d-4e9a-9c61-0f4d2a7b8e13';
const reminder = [
  textReply('⏰ Påminnelse: skicka avtalet till nämnden', [
    { label: 'Klar', actionId: 'reminder:done', value: 'r-stored1', style: 'primary' },
  ]),
];

/** A reference exactly as the version before the Teams SDK stored it (inbound.ts `referenceOf`, zod-checked). */
function storedReference(serviceUrl: string, conversationId: string) {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    bot: { id: '28:00000000-0000-0000-0000-000000000000', name: 'IOP-assistenten' },
    user: { id: '29:1stored-user', name: 'Anna Andersson', aadObjectId: '7f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' },
  };
}

/** The address a reminder stored by that version carries (core `ConversationAddress`, reference inside). */
function storedAddress(conversationId: string, reference?: Record<string, unknown>): ConversationAddress {
  const key = teamsConversationKey(TENANT, conversationId);
  return { platform: 'teams', key, channelKey: key, isPrivate: true, ...(reference ? { reference } : {}) };
}

describe('Teams references stored before the move to the Teams SDK', () => {
  let h: TeamsHarness;
  let redis: ReturnType<typeof testRedis>;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-stored-reference' });
    redis = testRedis(h.prefix);
  });
  afterAll(async () => {
    redis.redis.disconnect();
    await h.close();
  });
  beforeEach(() => h.connector.reset());

  it('delivers a reminder through a reference the old version wrote to Redis', async () => {
    const conversationId = 'a:1stored-before-the-sdk';
    const { key } = storedAddress(conversationId);
    // The document store's layout: a hash with the revision and the versioned JSON envelope.
    await redis.redis.hset(`${h.prefix}:doc:teams-reference:${key}`, {
      rev: 'before-the-sdk.1',
      doc: JSON.stringify({ v: 1, data: storedReference(h.connector.serviceUrl, conversationId) }),
    });

    const outcome = await h.teams.messenger.send(storedAddress(conversationId), reminder);
    expect(outcome).toEqual({ status: 'delivered' });
    const [posted] = h.connector.messages();
    expect(posted?.conversationId).toBe(conversationId);
    expect(posted?.activityId).toBeUndefined();
    expect(textOf(posted)).toMatch(/skicka avtalet till nämnden/);
    expect(actionsOf(posted).map((a) => a.verb)).toEqual(['reminder:done']);
    // Sent as the bot of the stored reference, to its user, in its conversation.
    expect(posted?.activity).toMatchObject({
      from: { id: '28:00000000-0000-0000-0000-000000000000' },
      conversation: { id: conversationId, tenantId: TENANT },
    });
  });

  it('delivers a reminder through the reference the stored reminder itself carries', async () => {
    const conversationId = 'a:1carried-by-the-reminder';
    const address = storedAddress(conversationId, storedReference(h.connector.serviceUrl, conversationId));
    expect(await h.teams.messenger.send(address, reminder)).toEqual({ status: 'delivered' });
    expect(h.connector.messages().map((c) => c.conversationId)).toEqual([conversationId]);
  });
});
