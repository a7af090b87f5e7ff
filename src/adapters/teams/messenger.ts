import type { CoreLogger } from '../../core/ports/logger.ts';
import type { ConversationAddress, Reply } from '../../core/model.ts';
import type { Messenger, SendOutcome } from '../../core/ports/messenger.ts';
import { withTimeout } from '../../infra/time-limit.ts';
import type { ContinueConversation } from './connector.ts';
import {
  type ConversationReferenceStore,
  type TeamsReference,
  teamsReferenceSchema,
} from './conversation-reference-store.ts';
import { teamsUserOf } from './conversation-key.ts';
import { deliver } from './delivery.ts';
import type { Mentioned } from './render.ts';
import { isChannel } from './inbound.ts';

/** Below the Messenger contract's ~30 s, so a stuck connector never outlives the delivery lease. */
const SEND_TIMEOUT_MS = 25_000;

/** Bot Connector answers that retrying cannot fix: the bot was removed, the conversation or user is gone. */
const PERMANENT_STATUSES = new Set([403, 404, 410]);

export interface TeamsMessengerDeps {
  /** Opens a proactive turn in a stored conversation (connector.ts: the one place that knows the SDK's way). */
  continueConversation: ContinueConversation;
  references: ConversationReferenceStore;
  logger: CoreLogger;
  timeoutMs?: number;
}

/** `teams:<tenant>:<aadObjectId or id>` → the people we know from the references, with their names. */
function mentionsFrom(references: Array<TeamsReference | undefined>): (userId: string) => Mentioned | undefined {
  return (userId) => {
    const bare = teamsUserOf(userId) ?? userId.split(':').at(-1) ?? '';
    for (const user of references.map((r) => r?.user)) {
      if (user?.name && (user.aadObjectId === bare || user.id === bare))
        return { id: user.aadObjectId ?? user.id, name: user.name };
    }
    return undefined;
  };
}

function statusOf(error: unknown): number | undefined {
  const status =
    (error as { statusCode?: unknown; status?: unknown } | null)?.statusCode ?? (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Proactive messages (reminders) into the conversation they were set in: the newest stored reference for the
 * conversation (its serviceUrl may have moved), else the one the reminder carries.
 */
export function createTeamsMessenger(deps: TeamsMessengerDeps): Messenger {
  return {
    async send(address: ConversationAddress, replies: Reply[]): Promise<SendOutcome> {
      if (address.platform !== 'teams')
        return { status: 'failed', permanent: true, reason: 'not a Teams conversation' };
      const stored = await deps.references.find(address.key).catch((error: unknown) => {
        deps.logger.warn({ err: error, key: address.key }, 'could not read the stored Teams reference');
        return null;
      });
      const carried = teamsReferenceSchema.safeParse(address.reference).data;
      const reference = stored ?? carried;
      if (!reference) return { status: 'failed', permanent: true, reason: 'no Teams conversation reference' };
      try {
        const target = {
          conversationId: reference.conversation.id,
          channel: isChannel(reference.conversation),
          // The reference a reminder carries names its owner (who set it there); the stored one the latest speaker.
          mention: mentionsFrom([carried, stored ?? undefined]),
        };
        const sending = deps.continueConversation(reference, async (outbox) => {
          await deliver(replies, target, outbox);
        });
        const timeoutMs = deps.timeoutMs ?? SEND_TIMEOUT_MS;
        await withTimeout(sending, timeoutMs, `no answer from the Bot Connector within ${timeoutMs} ms`);
        return { status: 'delivered' };
      } catch (error) {
        const status = statusOf(error);
        const reason = `${status ? `HTTP ${status}: ` : ''}${(error as Error)?.message ?? String(error)}`.slice(0, 500);
        return { status: 'failed', permanent: status !== undefined && PERMANENT_STATUSES.has(status), reason };
      }
    },
  };
}
