/** Real Slack payload shapes (fixtures/*.json), with the ids a test cares about filled in. */
import appHomeOpened from './fixtures/app_home_opened.json' with { type: 'json' };
import appMention from './fixtures/app_mention.json' with { type: 'json' };
import blockActions from './fixtures/block_actions.json' with { type: 'json' };
import messageFromBot from './fixtures/message_from_bot.json' with { type: 'json' };
import messageIm from './fixtures/message_im.json' with { type: 'json' };
import messageThreadReply from './fixtures/message_thread_reply.json' with { type: 'json' };
import slashCommandFields from './fixtures/slash_command.json' with { type: 'json' };

let counter = 0;

/** A fresh Slack timestamp (`seconds.micros`), unique within the test run. */
export function nextTs(): string {
  counter += 1;
  return `${1700001000 + counter}.${String(counter).padStart(6, '0')}`;
}

function nextEventId(): string {
  counter += 1;
  return `Ev${String(counter).padStart(10, '0')}`;
}

interface MessageOptions {
  text?: string;
  ts?: string;
  threadTs?: string;
  channel?: string;
  user?: string;
  eventId?: string;
  team?: string;
}

function envelope<T extends { event: Record<string, unknown>; event_id: string; team_id: string }>(
  fixture: T,
  o: MessageOptions,
): T {
  const copy = structuredClone(fixture);
  const ts = o.ts ?? nextTs();
  Object.assign(copy.event, { ts, event_ts: ts });
  if (o.text !== undefined) copy.event.text = o.text;
  if (o.channel) copy.event.channel = o.channel;
  if (o.user) copy.event.user = o.user;
  if (o.threadTs) copy.event.thread_ts = o.threadTs;
  copy.event_id = o.eventId ?? nextEventId();
  if (o.team) copy.team_id = o.team;
  return copy;
}

/** `app_mention`: someone wrote `@IOP-assistenten …` in a channel. */
export function mentionEvent(o: MessageOptions = {}) {
  return envelope(appMention, { ...o, text: o.text ?? '<@UBOT> hej' });
}

/** `message.im`: a direct message to the bot. */
export function dmEvent(o: MessageOptions = {}) {
  return envelope(messageIm, { channel: 'D1', ...o });
}

/** `message.channels`: a reply in a channel thread, no mention. */
export function threadReplyEvent(o: MessageOptions & { threadTs: string }) {
  return envelope(messageThreadReply, o);
}

/** A message the bot itself posted (Slack sends those to the app too). */
export function botMessageEvent(o: MessageOptions = {}) {
  return envelope(messageFromBot, o);
}

/** `app_home_opened` for the Home tab. */
export function homeOpenedEvent(
  o: { user?: string; tab?: 'home' | 'messages'; channel?: string; eventId?: string } = {},
) {
  const copy = structuredClone(appHomeOpened);
  if (o.user) copy.event.user = o.user;
  if (o.channel) copy.event.channel = o.channel;
  if (o.tab) copy.event.tab = o.tab;
  copy.event_id = o.eventId ?? nextEventId();
  return copy;
}

/** `/iop <text>` form fields. */
export function slashCommand(o: {
  text: string;
  responseUrl: string;
  channel?: string;
  channelName?: string;
  user?: string;
}) {
  return {
    ...slashCommandFields,
    text: o.text,
    response_url: o.responseUrl,
    channel_id: o.channel ?? slashCommandFields.channel_id,
    channel_name: o.channelName ?? (o.channel?.startsWith('D') ? 'directmessage' : slashCommandFields.channel_name),
    user_id: o.user ?? slashCommandFields.user_id,
    trigger_id: `${nextTs()}.trigger`,
  };
}

/** A `block_actions` payload: `actionId` pressed on message `messageTs` (or in the App Home with `inHome`). */
export function buttonPress(o: {
  actionId: string;
  value: string;
  messageTs?: string;
  channel?: string;
  threadTs?: string;
  user?: string;
  responseUrl?: string;
  isEphemeral?: boolean;
  inHome?: boolean;
}) {
  const copy = structuredClone(blockActions) as Record<string, unknown> & typeof blockActions;
  const channel = o.channel ?? 'C1';
  const messageTs = o.messageTs ?? nextTs();
  copy.user = { ...copy.user, id: o.user ?? 'U1' };
  copy.actions = [{ ...copy.actions[0]!, action_id: o.actionId, value: o.value, action_ts: nextTs() }];
  if (o.responseUrl) copy.response_url = o.responseUrl;
  if (o.inHome) {
    const { channel: _c, message: _m, ...rest } = copy;
    return { ...rest, container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home' } };
  }
  copy.channel = { ...copy.channel, id: channel };
  const container: Record<string, unknown> = {
    type: 'message',
    message_ts: messageTs,
    channel_id: channel,
    is_ephemeral: o.isEphemeral ?? false,
  };
  if (o.threadTs) container.thread_ts = o.threadTs;
  copy.container = container as typeof copy.container;
  const message: Record<string, unknown> = { ...copy.message, ts: messageTs };
  if (o.threadTs) message.thread_ts = o.threadTs;
  else delete message.thread_ts;
  copy.message = message as typeof copy.message;
  return copy;
}
