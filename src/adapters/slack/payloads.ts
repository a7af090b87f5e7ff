/**
 * The shapes of the Slack payloads the adapter reads (events, slash commands, block actions), checked with zod at
 * the edge. Only the fields we use are listed; the rest passes through.
 */
import { z } from 'zod';

/** A Slack id (team, channel, user, trigger). */
const id = z.string().min(1).max(255);
/** A Slack timestamp, `seconds.micros`. */
const ts = z.string().regex(/^\d+(\.\d+)?$/, 'not a Slack timestamp');

export const appMentionEvent = z.object({
  type: z.literal('app_mention'),
  user: id.optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts,
  channel: id,
  thread_ts: ts.optional(),
});

export const messageEvent = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: id,
  channel_type: z.string().optional(),
  user: id.optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts,
  thread_ts: ts.optional(),
});

export const homeOpenedEvent = z.object({
  type: z.literal('app_home_opened'),
  user: id,
  /** The bot's DM with the user (the Messages tab). */
  channel: id.optional(),
  tab: z.string().optional(),
});

export const eventCallback = z.object({
  type: z.literal('event_callback'),
  team_id: id,
  event_id: id,
  event: z.object({ type: z.string() }).passthrough(),
});

export const slashCommand = z.object({
  command: z.string().startsWith('/'),
  text: z.string().default(''),
  team_id: id,
  user_id: id,
  channel_id: id,
  channel_name: z.string().optional(),
  response_url: z.string().url(),
  trigger_id: id,
});

const blockAction = z.object({
  action_id: id,
  action_ts: ts,
  value: z.string().optional(),
  selected_option: z.object({ value: z.string() }).optional(),
});

export const blockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id, team_id: id.optional() }),
  team: z.object({ id }).nullable().optional(),
  container: z
    .object({
      type: z.string(),
      message_ts: ts.optional(),
      channel_id: id.optional(),
      thread_ts: ts.optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .passthrough(),
  channel: z.object({ id }).optional(),
  message: z.object({ ts, thread_ts: ts.optional() }).passthrough().optional(),
  response_url: z.string().url().optional(),
  actions: z.array(blockAction).min(1),
});
