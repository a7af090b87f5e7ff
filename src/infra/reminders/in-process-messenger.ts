import type { ConversationAddress, Platform, Reply } from '../../core/model.ts';
import type { Messenger, SendOutcome } from '../../core/ports/messenger.ts';

/** Receives the replies for one conversation (the console chat's `print`, a test's recorder). */
export type ReplySink = (replies: Reply[], address: ConversationAddress) => void | Promise<void>;

/**
 * Messenger within one process: conversations attach a sink by their key. With nobody attached for a key the
 * conversation is gone for good here (permanent); a sink that throws is a passing failure (retried).
 */
export class InProcessMessenger implements Messenger {
  private readonly sinks = new Map<string, ReplySink>();

  constructor(readonly platform: Platform) {}

  /** Delivers this conversation's replies to `sink` until the returned function detaches it. */
  attach(conversationKey: string, sink: ReplySink): () => void {
    this.sinks.set(conversationKey, sink);
    return () => {
      if (this.sinks.get(conversationKey) === sink) this.sinks.delete(conversationKey);
    };
  }

  async send(address: ConversationAddress, replies: Reply[]): Promise<SendOutcome> {
    if (address.platform !== this.platform) {
      return { status: 'failed', permanent: true, reason: `not a ${this.platform} conversation (${address.platform})` };
    }
    const sink = this.sinks.get(address.key);
    if (!sink) return { status: 'failed', permanent: true, reason: 'conversation not open here' };
    try {
      await sink(replies, address);
      return { status: 'delivered' };
    } catch (error) {
      return { status: 'failed', permanent: false, reason: (error as Error).message || 'sink failed' };
    }
  }
}
