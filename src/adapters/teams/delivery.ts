/**
 * Where each reply goes in Teams (the core's Placement, translated). Channels have threads: replies go into
 * the turn's thread and `top-level` starts a new post. Personal and group chats have no threads, so the
 * replies to a button press there are folded into the card the button was on, which updates itself.
 */
import type { Reply } from '../../core/model.ts';
import { channelConversationId } from './conversation-key.ts';
import { feedbackAnswerId } from './native-surfaces.ts';
import { type MessageKey, translator } from '../../core/i18n/translator.ts';
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

/** How a reply's Word document reaches the person here. */
type FileRoute = 'offered' | 'unavailable' | 'elsewhere';

const FILE_TEXT: Record<FileRoute, MessageKey> = {
  // A file consent card follows the text, then the Markdown.
  offered: 'teams.file.exported.offered',
  // A personal chat whose file could not be kept for the consent card: the Markdown only.
  unavailable: 'teams.file.exported.unavailable',
  // Group chats and channels, where bots cannot send files: the Markdown, and where the file can be had.
  elsewhere: 'teams.file.exported.elsewhere',
};

/**
 * A reply carrying a Word document, as Teams sends it: the document goes by consent card (personal chat) or not
 * at all, and its Markdown version is shown as a card; so the reply's text is replaced by one saying exactly that.
 */
export function fileReply(reply: Reply, route: FileRoute): Reply {
  const file = reply.attachment;
  if (file?.encoding !== 'base64' || !file.textVersion) return { ...reply, attachment: undefined };
  const t = translator(reply.locale ?? 'sv');
  const caseName = file.subject ?? file.filename.replace(/\.[^.]+$/, '');
  const text = t(FILE_TEXT[route], { caseName });
  return {
    ...reply,
    blocks: [{ type: 'text', text }, ...reply.blocks.filter((b) => b.type !== 'text' && b.type !== 'heading')],
    fallbackText: text,
    attachment: file.textVersion,
  };
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
    const route = offer ? 'offered' : target.offerFile ? 'unavailable' : 'elsewhere';
    const reply = file ? fileReply(original, route) : original;
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
    // The consent card right below the text that explains it, then the rest (the Markdown).
    if (offer) await post(thread, offer, replyToId);
    for (const message of rest) await post(thread, message, replyToId);
    const answerId = first.channelData?.feedbackLoop ? feedbackAnswerId(reply.blocks) : undefined;
    if (firstId && answerId && target.answerPosted) await target.answerPosted(firstId, answerId);
  }
  return posted;
}
