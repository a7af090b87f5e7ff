/**
 * Where each reply goes in Teams (the core's Placement, translated). Channels have threads: replies go into
 * the turn's thread and `top-level` starts a new post. Personal and group chats have no threads, so the
 * replies to a button press there are folded into the card the button was on, which updates itself.
 */
import type { Reply } from '../../core/model.ts';
import { channelConversationId } from './conversation-key.ts';
import { takeNativeSurfaces } from './native-surfaces.ts';
import { translator } from '../../core/i18n/translator.ts';
import type { Attachment } from '../../core/model.ts';
import type { FileMessage } from './render.ts';
import { chatCard } from './chat-card.ts';
import { segmentOf } from './invoke-plan.ts';
import { cardMessage, type Mentioned, type OutgoingMessage, renderReply, type TeamsMessage } from './render.ts';

/** Posts and edits messages over the Bot Connector. */
export interface Outbox {
  /** Posts into `conversationId` (as a reply to `replyToId` when given); resolves with the new activity id. */
  post(conversationId: string, message: OutgoingMessage, replyToId?: string): Promise<string | undefined>;
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
  /**
   * Offers a file (a Word document) with Teams' file consent card: only in a personal chat, the one place a bot can
   * send files. Without it the reply's text version (Markdown) is shown, with a note where to get the file.
   */
  offerFile?: (file: Attachment, locale: Reply['locale']) => Promise<FileMessage | undefined>;
}

/**
 * A reply whose file cannot be sent here: where bots cannot send files (group chats, channels) the Markdown is
 * shown, with a note saying the Word document comes in a personal chat.
 */
function withFileNote(reply: Reply): Reply {
  if (reply.attachment?.encoding !== 'base64') return reply;
  const note = translator(reply.locale ?? 'sv')('teams.file.offer');
  return { ...reply, blocks: [...reply.blocks, { type: 'context', items: [note] }] };
}

/** Sends replies in order, honouring each one's placement. Returns the ids of the messages posted. */
export async function deliver(replies: Reply[], target: DeliveryTarget, outbox: Outbox): Promise<string[]> {
  const posted: string[] = [];
  // Where `reply` placements go; a `top-level` post in a channel moves later replies into its thread.
  let thread = target.conversationId;
  let replyToId = target.replyToId;
  const post = async (conversationId: string, message: OutgoingMessage, to?: string) => {
    const id = await outbox.post(conversationId, message, to);
    if (id) posted.push(id);
    return id;
  };

  for (const original of replies) {
    const file = original.attachment?.encoding === 'base64' ? original.attachment : undefined;
    const offer = file && target.offerFile ? await target.offerFile(file, original.locale) : undefined;
    const reply = offer ? { ...original, attachment: undefined } : withFileNote(original);
    const mentioned = (reply.mentions ?? []).flatMap((id) => target.mention?.(id) ?? []);
    // Citations, suggested actions and feedback controls exist in personal and group chats, not in channels.
    // A reply with a short form (a checklist result) is a compact card in chats, as it is when a press adds it.
    const messages =
      reply.compact && !target.channel && mentioned.length === 0
        ? [cardMessage(chatCard([segmentOf(reply)], translator(reply.locale ?? 'sv')), reply.fallbackText)]
        : renderReply(reply, mentioned, { native: !target.channel });
    const [first, ...rest] = messages;
    if (!first) {
      if (offer) await post(thread, offer, replyToId);
      continue;
    }
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
    if (offer) await post(thread, offer, replyToId);
    const answerId = first.channelData?.feedbackLoop ? takeNativeSurfaces(reply.blocks).answerId : undefined;
    if (firstId && answerId && target.answerPosted) await target.answerPosted(firstId, answerId);
  }
  return posted;
}
