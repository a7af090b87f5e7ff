import type { ConversationAddress, Reply } from '../model.ts';

/** What became of a proactive message. `permanent` means retrying cannot help (channel gone, bot removed). */
export type SendOutcome = { status: 'delivered' } | { status: 'failed'; permanent: boolean; reason: string };

/**
 * Posts replies into a conversation without a turn (reminders). One per platform; `address.reference` is the
 * adapter's own data stored when the reminder was set. Never throws for a failed delivery: it returns `failed`.
 * Should give up within ~30 s so a stuck platform cannot hold a delivery longer than its lease.
 */
export interface Messenger {
  /** `deliveryId`, when given, is attached to what is posted so that `wasDelivered` can find it later. */
  send(address: ConversationAddress, replies: Reply[], options?: { deliveryId?: string }): Promise<SendOutcome>;
  /**
   * Whether a message tagged with `deliveryId` reached the conversation since `since`: after a process died
   * between a send and recording it, the next attempt asks before sending again. Optional — a platform that
   * cannot tell may then repeat that one message.
   */
  wasDelivered?(address: ConversationAddress, deliveryId: string, since: Date): Promise<boolean>;
}
