/**
 * Posts rendered replies where their placement says (model.ts):
 * - `reply`: in the conversation's thread (a DM's main stream has none; a slash command in a channel starts one);
 * - `top-level`: a new message in the channel; later replies of the same batch go into its thread;
 * - `update`: chat.update of the message a button was on (response_url when that message was ephemeral);
 * - `private`: ephemeral to the person who acted.
 */
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { Attachment, Reply } from '../../core/model.ts';
import { renderReply } from './render.ts';
import { slackUserOf } from './conversation-key.ts';
import { type SlackMessage, type SlackMetadata, type SlackWebApi, slackErrorOf } from './web-api.ts';

/** Where a batch of replies goes, and what the triggering interaction offers to answer with. */
export interface Destination {
  team: string;
  channel: string;
  /** Thread for `reply` placement; undefined posts into the main stream (a DM, or a channel for slash commands). */
  threadTs?: string;
  isDm: boolean;
  /** The Slack user who acted (ephemeral replies, DM for private files). */
  user?: string;
  /** response_url of a slash command or button press. */
  responseUrl?: string;
  /**
   * Slash commands in a channel have no message to thread under: the first reply posted becomes the thread root
   * and later replies of the batch go into its thread (as if the command had been a message).
   */
  startsThread?: boolean;
  /** ts of the ephemeral message a button was on; updating it goes through response_url. */
  ephemeralMessageTs?: string;
  /** Localised hint for when the bot is not in the channel (asked lazily: it costs a store read). */
  notInChannelHint?: () => Promise<string>;
  /** Attached to the first message posted (a reminder's delivery id, so a later attempt can find it). */
  metadata?: SlackMetadata;
}

/** What a delivery did, for bookkeeping. */
export interface DeliveryReport {
  /** Channel threads the bot now takes part in (not DMs). */
  threads: string[];
  /** Every thread a message was posted in, DMs' included (a post there ends the thread's "thinking" status). */
  postedIn: string[];
  posted: number;
}

const NOT_MEMBER = new Set(['not_in_channel', 'channel_not_found']);
const SLACK_USER_ID = /^[UW][A-Z0-9]{1,30}$/;

/**
 * Slack user ids to mention, from the core's platform-qualified ids (`slack:<team>:<user>`; user ids are unique
 * across an Enterprise Grid, so the team part is not needed). Anything else is left out, never pasted as mrkdwn.
 */
function mentionIds(reply: Reply): string[] {
  return (reply.mentions ?? []).map((m) => slackUserOf(m) ?? '').filter((u) => SLACK_USER_ID.test(u));
}

/** Creates the delivery function over the Web API. */
export function createDelivery(web: SlackWebApi, logger: CoreLogger) {
  return async function deliver(replies: Reply[], dest: Destination, nonce: string): Promise<DeliveryReport> {
    let thread = dest.threadTs;
    let metadata = dest.metadata;
    const threads = new Set<string>();
    const postedIn = new Set<string>();
    let posted = 0;

    async function post(message: SlackMessage, threadTs: string | undefined): Promise<string> {
      posted++;
      const result = await web.postMessage({
        channel: dest.channel,
        threadTs,
        ...message,
        ...(metadata ? { metadata } : {}),
      });
      metadata = undefined;
      if (!dest.isDm) threads.add(threadTs ?? result.ts);
      if (threadTs) postedIn.add(threadTs);
      return result.ts;
    }

    async function respond(messages: SlackMessage[], replaceFirst: boolean): Promise<void> {
      for (const [index, message] of messages.entries()) {
        posted++;
        const replace = replaceFirst && index === 0;
        await web.respond(dest.responseUrl!, {
          ...(replace ? { replace_original: true } : { response_type: 'ephemeral', replace_original: false }),
          ...message,
        });
      }
    }

    /**
     * Posts in the channel (continuations of a new top-level message go into its thread); if the bot is not a
     * member and a response_url exists, answers ephemerally instead.
     */
    async function postOrRespond(messages: SlackMessage[], threadTs: string | undefined, topLevel = false) {
      let first: string | undefined;
      try {
        for (const message of messages) {
          const ts = await post(message, topLevel && first ? first : threadTs);
          first ??= ts;
        }
        return first;
      } catch (error) {
        if (!dest.responseUrl || first || !NOT_MEMBER.has(slackErrorOf(error))) throw error;
        const hint = (await dest.notInChannelHint?.()) ?? '';
        const tail = hint ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: hint }] }] : [];
        const [head, ...rest] = messages;
        if (head)
          await respond(
            [{ text: head.text, blocks: [...head.blocks, ...tail] as SlackMessage['blocks'] }, ...rest],
            false,
          );
        return undefined;
      }
    }

    async function sendPrivate(messages: SlackMessage[]): Promise<void> {
      if (dest.responseUrl) return respond(messages, false);
      if (!dest.user) {
        await postOrRespond(messages, thread);
        return;
      }
      for (const message of messages) {
        posted++;
        await web.postEphemeral({ channel: dest.channel, user: dest.user, threadTs: thread, ...message });
      }
    }

    async function upload(attachment: Attachment, privately: boolean, threadTs: string | undefined): Promise<void> {
      const channel = privately && dest.user ? await web.openDm(dest.user) : dest.channel;
      const threadOf = channel === dest.channel ? threadTs : undefined;
      const bytes = attachment.encoding === 'base64';
      const content = bytes ? Buffer.from(attachment.content, 'base64') : attachment.content;
      await web.uploadFile({ channel, threadTs: threadOf, filename: attachment.filename, content });
      // The Markdown beside a Word document stays available.
      const text = attachment.textVersion;
      if (text) await web.uploadFile({ channel, threadTs: threadOf, filename: text.filename, content: text.content });
    }

    for (const [index, reply] of replies.entries()) {
      const messages = renderReply(reply, {
        nonce: `${nonce}-${index}`,
        mentionUserIds: mentionIds(reply),
        onProblem: (problem) => logger.warn({ problem }, 'slack render dropped content'),
      });
      const placement = reply.placement;
      switch (placement.kind) {
        case 'reply': {
          const startThread = Boolean(dest.startsThread && !thread);
          const root = await postOrRespond(messages, thread, startThread);
          if (startThread && root) thread = root;
          break;
        }
        case 'top-level': {
          const root = await postOrRespond(messages, undefined, true);
          if (root) thread = root;
          break;
        }
        case 'update': {
          const [head, ...rest] = messages;
          if (!head) break;
          if (placement.messageId && placement.messageId === dest.ephemeralMessageTs && dest.responseUrl) {
            await respond(messages, true);
          } else if (placement.messageId) {
            posted++;
            await web.update({ channel: dest.channel, ts: placement.messageId, ...head });
            if (rest.length > 0) await postOrRespond(rest, thread);
          } else {
            await postOrRespond(messages, thread);
          }
          break;
        }
        case 'private':
          await sendPrivate(messages);
          break;
      }
      if (reply.attachment) await upload(reply.attachment, placement.kind === 'private', thread);
    }
    return { threads: [...threads], postedIn: [...postedIn], posted };
  };
}

/** Posts replies to a Slack destination. */
export type Deliver = ReturnType<typeof createDelivery>;
