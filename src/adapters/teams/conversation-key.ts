/**
 * The Teams conversation key codec: the one place that writes (and reads) the core's keys for Teams conversations
 * (design.md: `teams:<tenant>:<base64url(conversationId)>`; Teams ids hold `:` and `;`, so they are encoded) and its
 * platform-qualified user ids (`teams:<tenant>:<aadObjectId or id>`).
 */

const PREFIX = 'teams:';

/** Channel threads are `<channel id>;messageid=<root id>`; the channel itself is the part before. */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0] ?? conversationId;
}

/** `teams:<tenant>:<base64url(conversationId)>`. */
export function teamsConversationKey(tenant: string, conversationId: string): string {
  return `${PREFIX}${tenant}:${Buffer.from(conversationId, 'utf8').toString('base64url')}`;
}

/** The tenant and Teams conversation id a key was made from; undefined for anything else. */
export function parseTeamsConversationKey(key: string): { tenant: string; conversationId: string } | undefined {
  if (!key.startsWith(PREFIX)) return undefined;
  const rest = key.slice(PREFIX.length);
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return undefined;
  return {
    tenant: rest.slice(0, colon),
    conversationId: Buffer.from(rest.slice(colon + 1), 'base64url').toString('utf8'),
  };
}

/** Platform-qualified user id, as the core knows Teams users. */
export function teamsUserId(tenant: string, user: string): string {
  return `${PREFIX}${tenant}:${user}`;
}

/** The bare Teams user id (aadObjectId or id) inside a platform-qualified one; undefined for another platform's. */
export function teamsUserOf(userId: string): string | undefined {
  if (!userId.startsWith(PREFIX)) return undefined;
  const parts = userId.split(':');
  return parts.length > 2 ? parts.slice(2).join(':') : undefined;
}
