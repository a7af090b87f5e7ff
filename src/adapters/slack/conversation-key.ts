/**
 * The Slack conversation key codec: the one place that writes (and reads) the core's keys for Slack places
 * (design.md: `slack:<team>:<channel>:<thread_ts>`) and its platform-qualified user ids (`slack:<team>:<user>`).
 */

/** Where a thread lives. */
export interface SlackThreadPlace {
  team: string;
  channel: string;
  /** Undefined for a DM's (or a channel's) main stream, which is keyed `main`. */
  threadTs?: string;
}

/** `slack:<team>:<channel>`: the channel a conversation is in. */
export function slackChannelKey(team: string, channel: string): string {
  return `slack:${team}:${channel}`;
}

/** `slack:<team>:<channel>:<thread_ts>`, or `…:main` for a main stream. */
export function slackConversationKey(place: SlackThreadPlace): string {
  return `${slackChannelKey(place.team, place.channel)}:${place.threadTs ?? 'main'}`;
}

/** `slack:<team>:<user>:home`: a user's App Home, which is not a conversation anyone posts in. */
export function slackHomeKey(team: string, user: string): string {
  return `slack:${team}:${user}:home`;
}

/** Platform-qualified user id, as the core knows Slack users. */
export function slackUserId(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** The Slack user id inside a platform-qualified id; undefined for another platform's user. */
export function slackUserOf(userId: string): string | undefined {
  return userId.startsWith('slack:') ? userId.split(':').pop() : undefined;
}
