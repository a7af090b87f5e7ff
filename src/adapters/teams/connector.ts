import type { ActivityParams, Client as ApiClient } from '@microsoft/teams.api';
import type { TeamsReference } from './conversation-reference-store.ts';
import type { Outbox } from './delivery.ts';
import type { OutgoingMessage } from './render.ts';

/** An Outbox plus the typing indicator, bound to one conversation's Bot Connector client. */
export interface ConnectorOutbox extends Outbox {
  typing(conversationId: string): Promise<void>;
}

/** The slice of the Teams SDK's API client we post through: its Bot Connector conversations, at one serviceUrl. */
export type ConnectorClient = Pick<ApiClient, 'conversations'>;

/** A Bot Connector error as the SDK's HTTP client (axios) throws it: the HTTP status, when there was an answer. */
function withStatus(error: unknown): unknown {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  if (typeof status === 'number' && (error as { statusCode?: unknown }).statusCode === undefined)
    Object.assign(error as object, { statusCode: status });
  return error;
}

/**
 * Posts through the SDK's Bot Connector client for the reference's serviceUrl (the adapter's client for an inbound
 * turn's serviceUrl, or one made for a proactive post). The client outlives the turn, which lets card-press
 * follow-ups go out after the invoke response has been returned.
 */
export function connectorOutbox(client: ConnectorClient, reference: TeamsReference): ConnectorOutbox {
  const { conversations } = client;
  // The Bot Framework envelope our activities have always carried; the SDK sends a plain object as it is.
  const envelope = (conversationId: string) => ({
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    from: reference.bot,
    recipient: reference.user,
    conversation: { ...reference.conversation, id: conversationId },
  });
  const activity = (conversationId: string, body: object) =>
    ({ ...body, ...envelope(conversationId) }) as unknown as ActivityParams;
  const call = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(withStatus(error)));
  return {
    async post(conversationId, message: OutgoingMessage, replyToId) {
      const activities = conversations.activities(conversationId);
      const sent = await call(() =>
        replyToId
          ? activities.reply(replyToId, activity(conversationId, message))
          : activities.create(activity(conversationId, message)),
      );
      return sent?.id;
    },
    async update(conversationId, activityId, message) {
      await call(() =>
        conversations
          .activities(conversationId)
          .update(activityId, activity(conversationId, { ...message, id: activityId })),
      );
    },
    async typing(conversationId) {
      await call(() => conversations.activities(conversationId).create(activity(conversationId, { type: 'typing' })));
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

/**
 * Proactive posts over the SDK: its API client (with the app's outbound token) pointed at the reference's own
 * serviceUrl, which is regional; `app.send` would use one fixed serviceUrl for every conversation.
 */
export function continueConversationWith(api: Pick<ApiClient, 'clone'>): ContinueConversation {
  return async (reference, work) => {
    await work(connectorOutbox(api.clone({ serviceUrl: reference.serviceUrl }), reference));
  };
}
