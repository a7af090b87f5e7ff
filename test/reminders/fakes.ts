import type { ConversationAddress, Platform, Reply } from '../../src/core/model.ts';
import type { Messenger, SendOutcome } from '../../src/core/ports/messenger.ts';
import { plainText } from '../../src/core/reply.ts';

/** One message a fake messenger was asked to post. */
export interface SentMessage {
  address: ConversationAddress;
  replies: Reply[];
  text: string;
  deliveryId?: string;
}

/** What a platform has shown, shared by the messengers of several instances, so that it can say what arrived. */
export class FakePlatform {
  readonly arrived = new Set<string>();
}

/**
 * A messenger we own for tests: records what it was asked to send, and answers with scripted outcomes
 * (`failNext`) or by a function (e.g. one that never resolves, like a worker killed mid-send).
 */
export class RecordingMessenger implements Messenger {
  readonly sent: SentMessage[] = [];
  readonly attempts: SentMessage[] = [];
  private readonly scripted: SendOutcome[] = [];
  behaviour?: (address: ConversationAddress, replies: Reply[], deliveryId?: string) => Promise<SendOutcome>;
  /** Present when the messenger can look on its platform (a shared FakePlatform), like Slack's. */
  wasDelivered?: (address: ConversationAddress, deliveryId: string, since: Date) => Promise<boolean>;

  constructor(
    readonly platform: Platform = 'console',
    private readonly shown?: FakePlatform,
  ) {
    if (shown) this.wasDelivered = async (_address, deliveryId) => shown.arrived.has(deliveryId);
  }

  /** The next sends answer with these outcomes, in order; then sends succeed again. */
  failNext(...outcomes: SendOutcome[]): void {
    this.scripted.push(...outcomes);
  }

  async send(
    address: ConversationAddress,
    replies: Reply[],
    options: { deliveryId?: string } = {},
  ): Promise<SendOutcome> {
    const { deliveryId } = options;
    const message = { address, replies, text: replies.map((r) => plainText(r.blocks)).join('\n'), deliveryId };
    this.attempts.push(message);
    const outcome =
      this.scripted.shift() ??
      (this.behaviour ? await this.behaviour(address, replies, deliveryId) : { status: 'delivered' as const });
    if (outcome.status === 'delivered') {
      this.sent.push(message);
      if (deliveryId) this.shown?.arrived.add(deliveryId);
    }
    return outcome;
  }
}

/** Resolves after `ms` of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}
