import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { ConversationAddress, Reply } from '../../core/model.ts';
import type { Messenger, SendOutcome } from '../../core/ports/messenger.ts';
import type { Deliver, Destination } from './delivery.ts';
import { type SlackMetadata, type SlackWebApi, slackErrorOf } from './web-api.ts';

/** What the Slack adapter stores in `address.reference` (read back from Redis, so validated). */
const referenceSchema = z.object({
  v: z.literal(1).optional(),
  team: z.string().min(1),
  channel: z.string().min(1).optional(),
  threadTs: z.string().optional(),
  user: z.string().min(1).optional(),
});
type SlackReference = z.infer<typeof referenceSchema>;

/** Slack errors that retrying cannot fix: the conversation or the person is gone, or we may not post there. */
export const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'restricted_action',
  'invalid_blocks',
  'msg_too_long',
]);

/** The metadata a delivery's first message carries: the app's own marker, invisible to people. */
function deliveryMetadata(deliveryId: string): SlackMetadata {
  return { event_type: 'iop_delivery', event_payload: { delivery_id: deliveryId } };
}

// Look back a little before the attempt started: Slack's clock and ours may differ by some seconds.
const CLOCK_SKEW_S = 60;

export interface SlackMessengerDeps {
  web: SlackWebApi;
  deliver: Deliver;
  logger: CoreLogger;
}

/**
 * Posts reminders (and other proactive replies) into a stored Slack conversation: the original thread (the core
 * adds the owner as a mention) or the DM. Replies placed `private` go to the owner's DM, since an ephemeral message
 * out of the blue is easily missed.
 */
export function createSlackMessenger(deps: SlackMessengerDeps): Messenger {
  /** The adapter's stored reference in `address`, or why it cannot be used. */
  function referenceOf(address: ConversationAddress): { ref: SlackReference } | { reason: string } {
    if (address.platform !== 'slack') return { reason: 'not a Slack conversation' };
    const parsed = referenceSchema.safeParse(address.reference);
    return parsed.success ? { ref: parsed.data } : { reason: 'unreadable Slack conversation reference' };
  }

  /** The conversation to post in: the stored channel, or the DM with the stored user. */
  async function channelOf(ref: SlackReference): Promise<string | undefined> {
    return ref.channel ?? (ref.user ? deps.web.openDm(ref.user) : undefined);
  }

  async function send(
    address: ConversationAddress,
    replies: Reply[],
    options: { deliveryId?: string } = {},
  ): Promise<SendOutcome> {
    const reference = referenceOf(address);
    if ('reason' in reference) return { status: 'failed', permanent: true, reason: reference.reason };
    const { ref } = reference;
    try {
      const dm = async () => (ref.user ? deps.web.openDm(ref.user) : undefined);
      const channel = await channelOf(ref);
      if (!channel) return { status: 'failed', permanent: true, reason: 'no channel or user to deliver to' };
      const base: Destination = {
        team: ref.team,
        channel,
        threadTs: ref.threadTs,
        isDm: address.isPrivate,
        user: ref.user,
        ...(options.deliveryId ? { metadata: deliveryMetadata(options.deliveryId) } : {}),
      };
      const shared = replies.filter((r) => r.placement.kind !== 'private');
      const personal = replies
        .filter((r) => r.placement.kind === 'private')
        .map((r): Reply => ({ ...r, placement: { kind: 'reply' } }));
      const nonce = randomUUID().slice(0, 8);
      if (shared.length > 0) await deps.deliver(shared, base, nonce);
      if (personal.length > 0) {
        const dmChannel = (address.isPrivate ? channel : await dm()) ?? channel;
        const threadTs = dmChannel === channel ? ref.threadTs : undefined;
        await deps.deliver(
          personal,
          { ...base, channel: dmChannel, threadTs, isDm: true, user: undefined },
          `${nonce}p`,
        );
      }
      return { status: 'delivered' };
    } catch (error) {
      const reason = slackErrorOf(error);
      const permanent = PERMANENT_ERRORS.has(reason);
      deps.logger.warn({ reason, permanent, conversation: address.key }, 'slack proactive delivery failed');
      return { status: 'failed', permanent, reason };
    }
  }

  /** Looks in the conversation (its thread, or the channel or DM) for a message carrying the delivery's marker. */
  async function wasDelivered(address: ConversationAddress, deliveryId: string, since: Date): Promise<boolean> {
    const reference = referenceOf(address);
    if ('reason' in reference) return false;
    const { ref } = reference;
    const channel = await channelOf(ref);
    if (!channel) return false;
    return deps.web.hasMessageWithMetadata({
      channel,
      ...(ref.threadTs ? { threadTs: ref.threadTs } : {}),
      oldest: String(Math.max(0, Math.floor(since.getTime() / 1000) - CLOCK_SKEW_S)),
      metadata: deliveryMetadata(deliveryId),
    });
  }

  return { send, wasDelivered };
}
