import { describe, expect, it } from 'vitest';
import { parseTeamsConversationKey, teamsConversationKey } from '../../src/adapters/teams/conversation-key.ts';
import { parseActivity } from '../../src/adapters/teams/inbound.ts';
import { ANNA, BOT, botAdded, CHANNEL, cardAction, channelMention, personalMessage, TENANT_ID } from './fixtures.ts';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';

function turnOf(activity: unknown) {
  const parsed = parseActivity(activity);
  if (parsed.kind !== 'turn') throw new Error(`expected a turn, got ${JSON.stringify(parsed)}`);
  return parsed.turn;
}

describe('Teams activities → turns', () => {
  it('keys a channel thread by tenant and the encoded conversation id, and its channel without the thread', () => {
    const mention = channelMention(serviceUrl, 'hej', { root: '1732266000111' });
    const turn = turnOf(mention);
    const encoded = Buffer.from(`${CHANNEL};messageid=1732266000111`).toString('base64url');
    expect(turn.conversation).toMatchObject({
      platform: 'teams',
      key: `teams:${TENANT_ID}:${encoded}`,
      channelKey: `teams:${TENANT_ID}:${Buffer.from(CHANNEL).toString('base64url')}`,
      isPrivate: false,
    });
    // The key holds no ';' and only the two separating ':' after the prefix.
    expect(turn.conversation.key.split(':')).toHaveLength(3);
    expect(turn.conversation.key).not.toContain(';');
    // Threads in one channel share the channel key.
    const other = turnOf(channelMention(serviceUrl, 'hej', { root: '1732266000222' }));
    expect(other.conversation.channelKey).toBe(turn.conversation.channelKey);
    expect(other.conversation.key).not.toBe(turn.conversation.key);
  });

  it('carries the conversation reference, including serviceUrl, for proactive messages', () => {
    const turn = turnOf(personalMessage(serviceUrl, 'hej'));
    expect(turn.conversation.isPrivate).toBe(true);
    expect(turn.conversation.reference).toMatchObject({
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: expect.stringMatching(/^a:1/), conversationType: 'personal', tenantId: TENANT_ID },
      bot: { id: BOT.id },
      user: { id: ANNA.id, aadObjectId: ANNA.aadObjectId },
    });
  });

  it('knows the user by tenant and AAD object id, with language and time zone from the client', () => {
    const turn = turnOf(personalMessage(serviceUrl, 'hej', { locale: 'sv-SE', localTimezone: 'Europe/Stockholm' }));
    expect(turn.user).toEqual({
      id: `teams:${TENANT_ID}:${ANNA.aadObjectId}`,
      name: ANNA.name,
      platformLocale: 'sv',
      platformTimeZone: 'Europe/Stockholm',
    });
    const english = turnOf(
      personalMessage(serviceUrl, 'hi', {
        locale: 'en-GB',
        localTimezone: undefined,
        entities: [{ type: 'clientInfo', timezone: 'Europe/London' }],
      }),
    );
    expect(english.user).toMatchObject({ platformLocale: 'en', platformTimeZone: 'Europe/London' });
    const odd = turnOf(
      personalMessage(serviceUrl, 'hej', { locale: undefined, localTimezone: 'Mars/Olympus', entities: [] }),
    );
    expect(odd.user.platformLocale).toBeUndefined();
    expect(odd.user.platformTimeZone).toBeUndefined();
  });

  it('strips the bot mention and Teams’ escaped spaces from the text', () => {
    expect(turnOf(channelMention(serviceUrl, 'vad&nbsp;är IOP?')).input).toEqual({
      kind: 'message',
      text: 'vad är IOP?',
    });
  });

  it('uses the activity id, qualified by conversation, as the delivery id', () => {
    const message = personalMessage(serviceUrl, 'hej');
    const turn = turnOf(message);
    expect(turn.id).toBe(`${turn.conversation.key}:${message.id}`);
    expect(turnOf(message).id).toBe(turn.id);
  });

  it('reads a card press: verb is the action id, data.value the value, replyToId the card', () => {
    const turn = turnOf(
      cardAction(serviceUrl, { verb: 'checklist:answer', value: '{"x":1}', replyToId: '1732266000333' }),
    );
    expect(turn.input).toEqual({
      kind: 'action',
      actionId: 'checklist:answer',
      value: '{"x":1}',
      messageId: '1732266000333',
    });
  });

  it('ignores what it did not send or does not handle, with a reason', () => {
    const foreign = cardAction(serviceUrl, { verb: 'ok', value: 'x', replyToId: '1' });
    expect(parseActivity(foreign)).toMatchObject({ kind: 'ignore' });
    expect(
      parseActivity({ ...personalMessage(serviceUrl, ''), text: undefined, value: { verb: 'legacy' } }),
    ).toMatchObject({ kind: 'ignore' });
    expect(parseActivity({ type: 'message', text: 'no envelope' })).toMatchObject({
      kind: 'ignore',
      reason: expect.stringMatching(/unreadable/),
    });
    expect(parseActivity({ ...personalMessage(serviceUrl, ''), type: 'messageReaction' })).toMatchObject({
      kind: 'ignore',
    });
  });

  it('welcomes when the bot itself was added', () => {
    expect(parseActivity(botAdded(serviceUrl, 'personal')).kind).toBe('welcome');
    expect(parseActivity(botAdded(serviceUrl, 'channel', { membersAdded: [{ id: ANNA.id }] })).kind).toBe('ignore');
  });

  it('encodes any conversation id into a key without separators of its own', () => {
    expect(teamsConversationKey('t', 'a:b;c=d')).toBe(`teams:t:${Buffer.from('a:b;c=d').toString('base64url')}`);
    expect(parseTeamsConversationKey(teamsConversationKey('t', 'a:b;c=d'))).toEqual({
      tenant: 't',
      conversationId: 'a:b;c=d',
    });
  });
});
