import type { TurnContext } from 'botbuilder';
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
