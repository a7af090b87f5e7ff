import type { TeamsAdapter as BotFrameworkAdapter } from '@microsoft/teams-ai';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { TeamsReference } from './conversation-reference-store.ts';
import type { Outbox } from './delivery.ts';
import type { TeamsMessage } from './render.ts';

/** The slice of botframework-connector's ConversationsOperations that we call. */
interface ConnectorConversations {
  sendToConversation(conversationId: string, activity: object): Promise<{ id?: string }>;
  replyToActivity(conversationId: string, activityId: string, activity: object): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: object): Promise<unknown>;
}

/** An Outbox plus the typing indicator, bound to one conversation's connector client. */
export interface ConnectorOutbox extends Outbox {
  typing(conversationId: string): Promise<void>;
}

/**
 * Posts through the connector client of a turn (inbound or proactive). The client outlives the turn, which lets
 * card-press follow-ups go out after the invoke response has been returned.
 */
export function connectorOutbox(context: TurnContext, reference: TeamsReference): ConnectorOutbox {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as
    | { conversations: ConnectorConversations }
    | undefined;
  if (!client) throw new Error('the turn has no Bot Connector client');
  const { conversations } = client;
  const envelope = (conversationId: string) => ({
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    from: reference.bot,
    recipient: reference.user,
    conversation: { ...reference.conversation, id: conversationId },
  });
  return {
    async post(conversationId, message: TeamsMessage, replyToId) {
      const activity = { ...message, ...envelope(conversationId) };
      const response = replyToId
        ? await conversations.replyToActivity(conversationId, replyToId, { ...activity, replyToId })
        : await conversations.sendToConversation(conversationId, activity);
      return response?.id;
    },
    async update(conversationId, activityId, message) {
      await conversations.updateActivity(conversationId, activityId, {
        ...message,
        ...envelope(conversationId),
        id: activityId,
      });
    },
    async typing(conversationId) {
      await conversations.sendToConversation(conversationId, { type: 'typing', ...envelope(conversationId) });
    },
  };
}

/**
 * Runs `work` with an outbox into a stored conversation, outside any inbound turn (reminders). Rejects when the
 * work fails. The seam the messenger posts through, so only this file knows how the SDK continues a conversation.
 */
export type ContinueConversation = (
  reference: TeamsReference,
  work: (outbox: ConnectorOutbox) => Promise<void>,
) => Promise<void>;

function toConversationReference(reference: TeamsReference): Partial<ConversationReference> {
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    conversation: {
      ...reference.conversation,
      conversationType: reference.conversation.conversationType ?? '',
      isGroup: reference.conversation.isGroup ?? false,
      name: '',
    },
    bot: { ...reference.bot, name: reference.bot.name ?? '' },
    user: reference.user ? { ...reference.user, name: reference.user.name ?? '' } : undefined,
  };
}

/** Proactive turns over botbuilder's `continueConversationAsync`, as the bot with `appId` ('' without auth). */
export function continueConversationWith(
  adapter: Pick<BotFrameworkAdapter, 'continueConversationAsync'>,
  appId: string,
): ContinueConversation {
  return async (reference, work) => {
    // The adapter's onTurnError would swallow a failure inside the turn; carry it out instead.
    let failure: unknown;
    await adapter.continueConversationAsync(appId, toConversationReference(reference), async (context) => {
      await work(connectorOutbox(context, reference)).catch((error: unknown) => {
        failure = error;
      });
    });
    if (failure) throw failure;
  };
}
