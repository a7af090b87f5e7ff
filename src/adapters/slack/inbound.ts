/**
 * Slack payloads → what the adapter acts on, and the core's Turn. zod at the edge (payloads.ts): the receiver
 * answers 400 to anything that does not parse here, and listeners only see validated shapes. Also the pieces of
 * the Turn: conversation addresses (keys from conversation-key.ts) and Slack's encoded text as plain text.
 */
import type { z } from 'zod';
import type { ConversationAddress, Turn } from '../../core/model.ts';
import { slackChannelKey, slackConversationKey } from './conversation-key.ts';
import type { Destination } from './delivery.ts';
import {
  appMentionEvent,
  blockActions,
  eventCallback,
  homeOpenedEvent,
  messageEvent,
  slashCommand,
} from './payloads.ts';
import { coreFeedbackAction, FEEDBACK_ACTION_ID } from './feedback-buttons.ts';
import { coreActionId } from './render.ts';

/** Where a message-like payload happened, as the adapter needs it to answer and to build keys. */
export interface SlackPlace {
  team: string;
  channel: string;
  isDm: boolean;
  /** Thread the conversation lives in; undefined for a DM's main stream (and channel-level slash commands). */
  threadTs?: string;
}

/** A validated inbound payload. */
export type SlackInbound =
  | {
      kind: 'message';
      via: 'mention' | 'message';
      eventId: string;
      place: SlackPlace;
      user: string;
      ts: string;
      /** True when the message itself is a thread reply (not the root). */
      inThread: boolean;
      text: string;
    }
  | { kind: 'home'; eventId: string; team: string; user: string }
  /** The Messages tab opened: `channel` is the user's DM with the bot. */
  | { kind: 'messages-tab'; eventId: string; team: string; user: string; channel: string }
  | { kind: 'command'; place: SlackPlace; user: string; text: string; responseUrl: string; triggerId: string }
  | {
      kind: 'action';
      team: string;
      user: string;
      actionId: string;
      value: string;
      actionTs: string;
      /** Undefined when the button was in the App Home view. */
      place?: SlackPlace;
      messageTs?: string;
      isEphemeral: boolean;
      responseUrl?: string;
    }
  | { kind: 'ignore'; reason: string };

export type ParseResult = { ok: true; inbound: SlackInbound } | { ok: false; reason: string };

/** Envelope types Slack may send that we acknowledge and otherwise leave alone. */
const ACKNOWLEDGED_TYPES = new Set([
  'app_rate_limited',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
]);

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

function parseEvent(envelope: z.infer<typeof eventCallback>): ParseResult {
  const team = envelope.team_id;
  const eventId = envelope.event_id;
  const raw = envelope.event;
  if (raw.type === 'app_mention' || raw.type === 'message') {
    const parsed = raw.type === 'app_mention' ? appMentionEvent.safeParse(raw) : messageEvent.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: `${raw.type}: ${issues(parsed.error)}` };
    const event = parsed.data;
    const subtype = 'subtype' in event ? event.subtype : undefined;
    // Edits, joins, bot posts and our own messages are not someone talking to us.
    if (event.bot_id || !event.user || (subtype && subtype !== 'thread_broadcast' && subtype !== 'file_share')) {
      return {
        ok: true,
        inbound: { kind: 'ignore', reason: `${raw.type} from a bot or with subtype ${subtype ?? '-'}` },
      };
    }
    const isDm = 'channel_type' in event && event.channel_type === 'im';
    return {
      ok: true,
      inbound: {
        kind: 'message',
        via: raw.type === 'app_mention' ? 'mention' : 'message',
        eventId,
        place: { team, channel: event.channel, isDm, threadTs: event.thread_ts ?? (isDm ? undefined : event.ts) },
        user: event.user,
        ts: event.ts,
        inThread: event.thread_ts !== undefined && event.thread_ts !== event.ts,
        text: event.text ?? '',
      },
    };
  }
  if (raw.type === 'app_home_opened') {
    const parsed = homeOpenedEvent.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: `app_home_opened: ${issues(parsed.error)}` };
    const { tab, user, channel } = parsed.data;
    if (tab === 'messages') {
      return channel
        ? { ok: true, inbound: { kind: 'messages-tab', eventId, team, user, channel } }
        : { ok: true, inbound: { kind: 'ignore', reason: 'messages tab opened without a channel' } };
    }
    if (tab !== undefined && tab !== 'home') {
      return { ok: true, inbound: { kind: 'ignore', reason: `${tab} tab opened` } };
    }
    return { ok: true, inbound: { kind: 'home', eventId, team, user: parsed.data.user } };
  }
  return { ok: true, inbound: { kind: 'ignore', reason: `event ${raw.type} not handled` } };
}

function parseAction(body: unknown): ParseResult {
  const parsed = blockActions.safeParse(body);
  if (!parsed.success) return { ok: false, reason: `block_actions: ${issues(parsed.error)}` };
  const payload = parsed.data;
  const action = payload.actions[0]!;
  const team = payload.team?.id ?? payload.user.team_id;
  if (!team) return { ok: false, reason: 'block_actions: no team' };
  const value = action.value ?? action.selected_option?.value ?? '';
  const pressed =
    action.action_id === FEEDBACK_ACTION_ID
      ? coreFeedbackAction(value)
      : { actionId: coreActionId(action.action_id), value };
  const channel = payload.container.channel_id ?? payload.channel?.id;
  const messageTs = payload.container.message_ts ?? payload.message?.ts;
  const threadTs = payload.container.thread_ts ?? payload.message?.thread_ts;
  const isDm = channel?.startsWith('D') ?? false;
  const place: SlackPlace | undefined =
    payload.container.type === 'view' || !channel
      ? undefined
      : { team, channel, isDm, threadTs: threadTs ?? (isDm ? undefined : messageTs) };
  return {
    ok: true,
    inbound: {
      kind: 'action',
      team,
      user: payload.user.id,
      actionId: pressed.actionId,
      value: pressed.value,
      actionTs: action.action_ts,
      place,
      messageTs,
      isEphemeral: payload.container.is_ephemeral === true,
      responseUrl: payload.response_url,
    },
  };
}

// The receiver validates a request before Bolt sees it, and Bolt hands the listeners the same body object: the
// result is remembered per body, so each payload is parsed once.
const parsedBodies = new WeakMap<object, ParseResult>();

/** Validates a parsed request body (JSON event, form-encoded command, or interactivity `payload`), once per body. */
export function parseInbound(body: unknown): ParseResult {
  if (typeof body !== 'object' || body === null) return parseBody(body);
  let parsed = parsedBodies.get(body);
  if (!parsed) {
    parsed = parseBody(body);
    parsedBodies.set(body, parsed);
  }
  return parsed;
}

function parseBody(body: unknown): ParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, reason: 'body is not an object' };
  const record = body as Record<string, unknown>;
  if (record.type === 'event_callback') {
    const envelope = eventCallback.safeParse(body);
    return envelope.success
      ? parseEvent(envelope.data)
      : { ok: false, reason: `event_callback: ${issues(envelope.error)}` };
  }
  if (record.type === 'block_actions') return parseAction(body);
  if (typeof record.type === 'string' && ACKNOWLEDGED_TYPES.has(record.type)) {
    return { ok: true, inbound: { kind: 'ignore', reason: `${record.type} not handled` } };
  }
  if ('command' in record) {
    const parsed = slashCommand.safeParse(body);
    if (!parsed.success) return { ok: false, reason: `slash command: ${issues(parsed.error)}` };
    const c = parsed.data;
    const isDm = c.channel_name === 'directmessage' || c.channel_id.startsWith('D');
    return {
      ok: true,
      inbound: {
        kind: 'command',
        place: { team: c.team_id, channel: c.channel_id, isDm },
        user: c.user_id,
        text: `${c.command} ${c.text}`.trim(),
        responseUrl: c.response_url,
        triggerId: c.trigger_id,
      },
    };
  }
  // Not String(record.type): a hostile body's `type` may be an object that cannot become a string.
  const type =
    typeof record.type === 'string' ? record.type : record.type === undefined ? 'missing' : typeof record.type;
  return { ok: false, reason: `unrecognised payload (type ${type.slice(0, 40)})` };
}

/** Slack's encoded message text → what the person typed: mentions, channels and links as plain text. */
export function plainTextOf(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, user: string, label?: string) =>
      user === botUserId ? '' : `@${label ?? user}`,
    )
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, channel: string, label?: string) => `#${label || channel}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => label ?? '@group')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<(mailto:)?([^<>|]+)\|([^<>]+)>/g, (_m, _mailto, url: string, label: string) =>
      label === url ? label : `${label} (${url})`,
    )
    .replace(/<(?:mailto:)?([^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** The key of a place: `slack:<team>:<channel>:<thread_ts>`, `main` for a DM's (or channel's) main stream. */
export function conversationOf(place: SlackPlace, user: string): ConversationAddress {
  return {
    platform: 'slack',
    key: slackConversationKey(place),
    channelKey: slackChannelKey(place.team, place.channel),
    isPrivate: place.isDm,
    reference: {
      v: 1,
      team: place.team,
      channel: place.channel,
      ...(place.threadTs ? { threadTs: place.threadTs } : {}),
      user,
    },
  };
}

/** A Slack payload as the core's Turn, all but the user's profile (a lookup), and where its answers go. */
export interface SlackTurn {
  turn: Omit<Turn, 'user'>;
  /** Whose profile completes the turn. */
  team: string;
  user: string;
  destination: Destination;
}

type TurnInbound = Extract<SlackInbound, { kind: 'message' | 'command' | 'action' }>;

/**
 * The turn of a message, slash command or button press. `place` overrides where an action is answered (a press in
 * the App Home is answered in the bot's DM, which the adapter looks up).
 */
export function slackTurnOf(inbound: TurnInbound, options: { botUserId?: string; place?: SlackPlace } = {}): SlackTurn {
  switch (inbound.kind) {
    case 'message': {
      const { place, user } = inbound;
      const conversation = conversationOf(place, user);
      // The message, not the event, is the delivery id: its app_mention and message events and every retry of
      // either are one turn, answered once.
      const id = `slack-msg:${place.team}:${place.channel}:${inbound.ts}`;
      const input = { kind: 'message' as const, text: plainTextOf(inbound.text, options.botUserId) };
      const destination = {
        team: place.team,
        channel: place.channel,
        threadTs: place.threadTs,
        isDm: place.isDm,
        user,
      };
      return { turn: { id, conversation, input }, team: place.team, user, destination };
    }
    case 'command': {
      const { place, user } = inbound;
      const conversation = conversationOf(place, user);
      const id = `slack-command:${place.team}:${inbound.triggerId}`;
      const input = { kind: 'message' as const, text: inbound.text };
      const destination = {
        team: place.team,
        channel: place.channel,
        isDm: place.isDm,
        user,
        responseUrl: inbound.responseUrl,
        startsThread: !place.isDm,
      };
      return { turn: { id, conversation, input }, team: place.team, user, destination };
    }
    case 'action': {
      const place = options.place ?? inbound.place;
      if (!place) throw new Error('a button press outside a conversation needs a place to answer in');
      const fromHome = options.place !== undefined;
      const conversation = conversationOf(place, inbound.user);
      const id = `slack-action:${inbound.team}:${inbound.user}:${inbound.actionTs}`;
      const input = {
        kind: 'action' as const,
        actionId: inbound.actionId,
        value: inbound.value,
        messageId: fromHome ? undefined : inbound.messageTs,
      };
      const destination: Destination = fromHome
        ? { ...place, user: inbound.user }
        : {
            team: place.team,
            channel: place.channel,
            threadTs: place.threadTs,
            isDm: place.isDm,
            user: inbound.user,
            responseUrl: inbound.responseUrl,
            ephemeralMessageTs: inbound.isEphemeral ? inbound.messageTs : undefined,
          };
      return { turn: { id, conversation, input }, team: inbound.team, user: inbound.user, destination };
    }
  }
}
