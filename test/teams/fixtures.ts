/**
 * Activities in the shapes Teams really sends (captured field by field from Teams payloads; ids anonymised).
 * Each builder takes the Bot Connector stand-in's serviceUrl and optional overrides.
 */
import { randomUUID } from 'node:crypto';

export const TENANT_ID = '5c8f3a1e-2b7d-4e9a-9c61-0f4d2a7b8e13';
export const BOT_APP_ID = '00000000-0000-0000-0000-000000000000';
export const BOT = { id: `28:${BOT_APP_ID}`, name: 'IOP-assistenten' };
export const ANNA = {
  id: '29:1Gk3JxLr-wTq0pD8uX7nV2sY5bH9cM4eA6fZ1iK3oL8mN0qR2tU4vW6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6',
  name: 'Anna Andersson',
  aadObjectId: 'b1f7c2d4-6e8a-4c0e-9f1b-3d5a7c9e1f2b',
};
export const BERTIL = {
  id: '29:1Hx9KyMs-zUr1qE9vY8oW3tZ6cI0dN5fB7gA2jL4pM9nO1rS3uV5wX7yZ9aB1cD3eF5gH7iJ9kL1mN3oP5qR7',
  name: 'Bertil Berg',
  aadObjectId: 'c2a8d3e5-7f9b-4d1f-8a2c-4e6b8d0f2a3c',
};
export const PERSONAL_CONVERSATION = `a:1${'Gk3JxLrwTq0pD8uX7nV2sY5bH9cM4eA6fZ1iK3oL8mN0qR2tU4vW6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6'}`;
export const CHANNEL = '19:7d3e9c2b1a0f4e5d8c6b7a9f0e1d2c3b@thread.tacv2';
export const TEAM = '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2';
export const GROUP_CHAT = '19:2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c1e@thread.v2';

let counter = 0;
/** Teams message ids are millisecond timestamps; invokes and updates have `f:` ids. */
export const messageId = () => `${1732266000000 + ++counter}`;
const invokeId = () => `f:${randomUUID().replaceAll('-', '').slice(0, 19)}`;

type Overrides = Record<string, unknown>;

function clientInfo(locale: string, timezone: string) {
  return { locale, country: locale.slice(-2), platform: 'Web', timezone, type: 'clientInfo' };
}

function common(serviceUrl: string, locale = 'sv-SE', timezone = 'Europe/Stockholm') {
  return {
    timestamp: '2026-11-22T09:00:00.123Z',
    localTimestamp: '2026-11-22T10:00:00.123+01:00',
    channelId: 'msteams',
    serviceUrl,
    recipient: BOT,
    locale,
    localTimezone: timezone,
  };
}

/** A message in the personal (1:1) chat with the bot. */
export function personalMessage(serviceUrl: string, text: string, overrides: Overrides = {}) {
  return {
    text,
    textFormat: 'plain',
    type: 'message',
    id: messageId(),
    ...common(serviceUrl),
    from: ANNA,
    conversation: { conversationType: 'personal', tenantId: TENANT_ID, id: PERSONAL_CONVERSATION },
    entities: [clientInfo('sv-SE', 'Europe/Stockholm')],
    channelData: { tenant: { id: TENANT_ID } },
    ...overrides,
  };
}

/** A channel post (or thread reply) that @mentions the bot; the conversation id carries `;messageid=<root>`. */
export function channelMention(serviceUrl: string, text: string, overrides: Overrides & { root?: string } = {}) {
  const id = messageId();
  const { root = id, ...rest } = overrides;
  return {
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    type: 'message',
    id,
    ...common(serviceUrl),
    from: ANNA,
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT_ID,
      id: `${CHANNEL};messageid=${root}`,
    },
    entities: [
      { mentioned: { id: BOT.id, name: BOT.name }, text: `<at>${BOT.name}</at>`, type: 'mention' },
      clientInfo('sv-SE', 'Europe/Stockholm'),
    ],
    channelData: {
      teamsChannelId: CHANNEL,
      teamsTeamId: TEAM,
      channel: { id: CHANNEL },
      team: { id: TEAM },
      tenant: { id: TENANT_ID },
    },
    ...rest,
  };
}

/** A message in a group chat that mentions the bot. */
export function groupChatMention(serviceUrl: string, text: string, overrides: Overrides = {}) {
  return {
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    type: 'message',
    id: messageId(),
    ...common(serviceUrl),
    from: ANNA,
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: TENANT_ID, id: GROUP_CHAT },
    entities: [
      { mentioned: { id: BOT.id, name: BOT.name }, text: `<at>${BOT.name}</at>`, type: 'mention' },
      clientInfo('sv-SE', 'Europe/Stockholm'),
    ],
    channelData: { tenant: { id: TENANT_ID } },
    ...overrides,
  };
}

/** An `Action.Execute` press on one of our cards (`replyToId` = the card's message id). */
export function cardAction(
  serviceUrl: string,
  press: { verb: string; value: string; replyToId: string; conversation?: Overrides; from?: Overrides },
  overrides: Overrides = {},
) {
  return {
    name: 'adaptiveCard/action',
    type: 'invoke',
    id: invokeId(),
    ...common(serviceUrl),
    from: press.from ?? ANNA,
    conversation: press.conversation ?? {
      conversationType: 'personal',
      tenantId: TENANT_ID,
      id: PERSONAL_CONVERSATION,
    },
    entities: [clientInfo('sv-SE', 'Europe/Stockholm')],
    channelData: { tenant: { id: TENANT_ID }, source: { name: 'message' }, legacy: { replyToId: press.replyToId } },
    replyToId: press.replyToId,
    value: { action: { type: 'Action.Execute', verb: press.verb, data: { value: press.value } }, trigger: 'manual' },
    ...overrides,
  };
}

/** The bot was added: installed in personal scope (`personal`) or to a team (`channel`, the General channel). */
export function botAdded(serviceUrl: string, where: 'personal' | 'channel', overrides: Overrides = {}) {
  const conversation =
    where === 'personal'
      ? { conversationType: 'personal', tenantId: TENANT_ID, id: PERSONAL_CONVERSATION }
      : { isGroup: true, conversationType: 'channel', tenantId: TENANT_ID, id: TEAM };
  return {
    membersAdded: [{ id: BOT.id }],
    type: 'conversationUpdate',
    timestamp: '2026-11-22T09:00:00.123Z',
    id: invokeId(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: ANNA.id, aadObjectId: ANNA.aadObjectId },
    conversation,
    recipient: BOT,
    channelData:
      where === 'personal'
        ? { tenant: { id: TENANT_ID } }
        : {
            team: { id: TEAM, name: 'Socialförvaltningen', aadGroupId: randomUUID() },
            eventType: 'teamMemberAdded',
            tenant: { id: TENANT_ID },
          },
    ...overrides,
  };
}

/** Conversation reference of the personal chat, as addresses carry it. */
export function channelThread(root: string) {
  return { isGroup: true, conversationType: 'channel', tenantId: TENANT_ID, id: `${CHANNEL};messageid=${root}` };
}

export function groupChat() {
  return { isGroup: true, conversationType: 'groupChat', tenantId: TENANT_ID, id: GROUP_CHAT };
}
