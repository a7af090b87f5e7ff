/**
 * Where each reply goes in Teams (the core's Placement, translated). Channels have threads: replies go into
 * the turn's thread and `top-level` starts a new post. Personal and group chats have no threads, so the
 * replies to a button press there are folded into the card the button was on, which updates itself.
 */
import type { Reply } from '../../core/model.ts';
import { channelConversationId } from './conversation-key.ts';
import { takeNativeSurfaces } from './native-surfaces.ts';
import { type Mentioned, renderReply, type TeamsMessage } from './render.ts';

/** Posts and edits messages over the Bot Connector. */
export interface Outbox {
  /** Posts into `conversationId` (as a reply to `replyToId` when given); resolves with the new activity id. */
  post(conversationId: string, message: TeamsMessage, replyToId?: string): Promise<string | undefined>;
  update(conversationId: string, activityId: string, message: TeamsMessage): Promise<void>;
}

/** The conversation replies are delivered into. */
export interface DeliveryTarget {
  /** The turn's conversation id (a channel thread carries `;messageid=<root>`). */
  conversationId: string;
  channel: boolean;
  /** The activity being answered, so a channel reply lands in its thread. */
  replyToId?: string;
  /** Who a reply's `mentions` (platform-qualified user ids) are, when known; unknown people are not mentioned. */
  mention?: (userId: string) => Mentioned | undefined;
  /**
   * Told the message id of each answer posted with Teams' own feedback controls, whose invoke names only the
   * message (see answer-messages.ts).
   */
  answerPosted?: (messageId: string, answerId: string) => Promise<void>;
}

/** Sends replies in order, honouring each one's placement. Returns the ids of the messages posted. */
export async function deliver(replies: Reply[], target: DeliveryTarget, outbox: Outbox): Promise<string[]> {
  const posted: string[] = [];
  // Where `reply` placements go; a `top-level` post in a channel moves later replies into its thread.
  let thread = target.conversationId;
  let replyToId = target.replyToId;
  const post = async (conversationId: string, message: TeamsMessage, to?: string) => {
    const id = await outbox.post(conversationId, message, to);
    if (id) posted.push(id);
    return id;
  };

  for (const reply of replies) {
    const mentioned = (reply.mentions ?? []).flatMap((id) => target.mention?.(id) ?? []);
    // Citations, suggested actions and feedback controls exist in personal and group chats, not in channels.
    const messages = renderReply(reply, mentioned, { native: !target.channel });
    const [first, ...rest] = messages;
    if (!first) continue;
    const { placement } = reply;
    let firstId: string | undefined;
    if (placement.kind === 'update') {
      await outbox.update(target.conversationId, placement.messageId, first);
      firstId = placement.messageId;
    } else if (placement.kind === 'top-level' && target.channel) {
      const channel = channelConversationId(target.conversationId);
      firstId = await post(channel, first);
      if (firstId) {
        thread = `${channel};messageid=${firstId}`;
        replyToId = undefined;
      }
    } else {
      firstId = await post(thread, first, replyToId);
    }
    for (const message of rest) await post(thread, message, replyToId);
    const answerId = first.channelData?.feedbackLoop ? takeNativeSurfaces(reply.blocks).answerId : undefined;
    if (firstId && answerId && target.answerPosted) await target.answerPosted(firstId, answerId);
  }
  return posted;
}
