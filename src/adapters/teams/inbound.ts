/**
 * Bot Framework Activities from Teams → the core's Turn. This is a trust boundary: every field we read is
 * checked with zod, and anything we do not understand becomes `ignore` with a reason for the log.
 */
import { type FileConsent, fileConsentSchema } from './file-consent.ts';
import { z } from 'zod';
import { ANSWER_ACTIONS } from '../../core/action-ids.ts';
import { isKnownTimeZone } from '../../core/reminders/time/wall-clock.ts';
import type { ConversationAddress, Locale, Turn, TurnInput } from '../../core/model.ts';
import { channelConversationId, teamsConversationKey, teamsUserId } from './conversation-key.ts';
import type { TeamsReference } from './conversation-reference-store.ts';

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

const entity = z
  .object({
    type: z.string().optional(),
    text: z.string().optional(),
    mentioned: z.object({ id: z.string() }).passthrough().optional(),
    timezone: z.string().optional(),
    localTimezone: z.string().optional(),
    locale: z.string().optional(),
  })
  .passthrough();

/** The parts of an Activity the adapter reads; the rest passes through untouched. */
export const activitySchema = z
  .object({
    type: z.string(),
    id: z.string().min(1).optional(),
    name: z.string().optional(),
    channelId: z.string().min(1),
    serviceUrl: z.string().url(),
    from: account,
    recipient: account,
    conversation: z
      .object({
        id: z.string().min(1),
        conversationType: z.string().optional(),
        tenantId: z.string().optional(),
        isGroup: z.boolean().optional(),
      })
      .passthrough(),
    text: z.string().optional(),
    locale: z.string().optional(),
    localTimezone: z.string().optional(),
    replyToId: z.string().optional(),
    entities: z.array(entity).optional(),
    channelData: z
      .object({ tenant: z.object({ id: z.string() }).optional() })
      .passthrough()
      .optional(),
    membersAdded: z.array(account).optional(),
    value: z.unknown().optional(),
  })
  .passthrough();
export type InboundActivity = z.infer<typeof activitySchema>;

/** `value` of an `adaptiveCard/action` invoke from one of our cards: verb = action id, data = { value }. */
const cardActionSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().regex(/^[a-z][\w-]*:[\w-]+$/i),
    data: z.object({ value: z.string().max(2000) }).passthrough(),
  }),
});

/**
 * `value` of a `message/submitAction` invoke from Teams' own feedback controls. `feedback` is a JSON string with
 * the comment box's text (`{"feedbackText": "…"}`), though older clients sent the text or an object.
 */
const feedbackActionSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    feedback: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  }),
});

// Comments are read by content owners; a longer text is somebody pasting, not commenting.
const MAX_COMMENT_CHARS = 1_000;

/** The comment someone wrote in Teams' feedback box, if any. */
export function feedbackComment(feedback: string | Record<string, unknown> | undefined): string | undefined {
  let value: unknown = feedback;
  if (typeof feedback === 'string') {
    try {
      value = JSON.parse(feedback);
    } catch {
      value = feedback;
    }
  }
  const text =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && 'feedbackText' in value
        ? (value as { feedbackText: unknown }).feedbackText
        : undefined;
  const trimmed = typeof text === 'string' ? text.trim().slice(0, MAX_COMMENT_CHARS) : '';
  return trimmed || undefined;
}

/** What an inbound activity means to us. */
export type Inbound =
  | { kind: 'turn'; turn: Turn; reference: TeamsReference }
  /**
   * A rating with Teams' own feedback controls on the answer posted as `messageId`. The turn is the vote as a
   * feedback action whose value (the answer id) the adapter fills in from answer-messages.ts.
   */
  | { kind: 'feedback'; turn: Turn; reference: TeamsReference; messageId: string }
  | { kind: 'welcome'; turn: Turn; reference: TeamsReference }
  /** The answer to a file consent card (`cardId`): the turn says who and where; no core turn is run for it. */
  | { kind: 'file-consent'; turn: Turn; reference: TeamsReference; consent: FileConsent; cardId?: string }
  | { kind: 'ignore'; reason: string };

/** The tenant of an activity: the conversation says it, older payloads only in channelData. */
export function tenantOf(activity: InboundActivity): string {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? 'no-tenant';
}

/** Where a Teams activity happened, as the core sees it. */
export function addressOf(activity: InboundActivity, reference: TeamsReference): ConversationAddress {
  const tenant = tenantOf(activity);
  return {
    platform: 'teams',
    key: teamsConversationKey(tenant, activity.conversation.id),
    channelKey: teamsConversationKey(tenant, channelConversationId(activity.conversation.id)),
    isPrivate: activity.conversation.conversationType === 'personal',
    reference: reference as Record<string, unknown>,
  };
}

/** True in a team channel, where threads exist; 1:1 and group chats have none. */
export function isChannel(conversation: { conversationType?: string; id: string }): boolean {
  if (conversation.conversationType) return conversation.conversationType === 'channel';
  return /@thread\.(tacv2|skype)/.test(conversation.id);
}

/** The reference a proactive message needs later (including serviceUrl, which differs per region). */
export function referenceOf(activity: InboundActivity): TeamsReference {
  // Every field was checked by activitySchema, as teamsReferenceSchema would check it: no second parse.
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: {
      id: activity.conversation.id,
      conversationType: activity.conversation.conversationType,
      tenantId: tenantOf(activity),
      isGroup: activity.conversation.isGroup,
    },
    bot: { id: activity.recipient.id, name: activity.recipient.name },
    user: { id: activity.from.id, name: activity.from.name, aadObjectId: activity.from.aadObjectId },
  };
}

/** sv-SE → sv; any other reported language → en; none reported → let the core decide. */
export function localeOf(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  return tag.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

/**
 * The client's language: activity.locale, else the clientInfo entity's (Teams leaves `locale` off some activities,
 * such as the conversationUpdate of an install, while the entity still says it).
 */
export function clientLocaleOf(activity: InboundActivity): string | undefined {
  return activity.locale ?? activity.entities?.find((e) => e.type === 'clientInfo' && e.locale)?.locale;
}

/** The client's IANA zone: activity.localTimezone, else the clientInfo entity. */
export function timeZoneOf(activity: InboundActivity): string | undefined {
  const candidates = [
    activity.localTimezone,
    ...(activity.entities ?? []).flatMap((e) => [e.localTimezone, e.timezone]),
  ];
  return candidates.find((zone): zone is string => Boolean(zone && isKnownTimeZone(zone)));
}

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Removes the bot's own `<at>…</at>` mention (channels, group chats) and the few entities Teams escapes. */
export function stripBotMention(activity: InboundActivity): string {
  let text = activity.text ?? '';
  const botMentions = (activity.entities ?? [])
    .filter((e) => e.type === 'mention' && e.mentioned?.id === activity.recipient.id && e.text)
    .map((e) => e.text as string);
  if (activity.recipient.name) botMentions.push(`<at>${activity.recipient.name}</at>`);
  for (const mention of botMentions) text = text.split(mention).join(' ');
  return text.replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m).trim();
}

function turnOf(activity: InboundActivity, reference: TeamsReference, input: TurnInput, id: string): Turn {
  const tenant = tenantOf(activity);
  const conversation = addressOf(activity, reference);
  return {
    // Activity ids are unique within a conversation, not across them, so the conversation qualifies them.
    id: `${conversation.key}:${id}`,
    conversation,
    user: {
      id: teamsUserId(tenant, activity.from.aadObjectId ?? activity.from.id),
      name: activity.from.name,
      platformLocale: localeOf(clientLocaleOf(activity)),
      platformTimeZone: timeZoneOf(activity),
    },
    input,
  };
}

/** Translates one activity; `allowedTenant` drops traffic from other tenants when the bot is single-tenant. */
export function parseActivity(raw: unknown, options: { allowedTenant?: string } = {}): Inbound {
  const parsed = activitySchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignore', reason: `unreadable activity: ${parsed.error.issues[0]?.message}` };
  const activity = parsed.data;
  if (options.allowedTenant && tenantOf(activity) !== options.allowedTenant) {
    return { kind: 'ignore', reason: 'activity from another tenant' };
  }
  const reference = referenceOf(activity);
  const id = activity.id ?? '';

  if (activity.type === 'message') {
    if (!id) return { kind: 'ignore', reason: 'message without id' };
    // Old-style Action.Submit posts carry `value` and no text; our cards use Action.Execute only.
    if (!activity.text && activity.value !== undefined) return { kind: 'ignore', reason: 'card submit without text' };
    const turn = turnOf(activity, reference, { kind: 'message', text: stripBotMention(activity) }, id);
    return { kind: 'turn', turn, reference };
  }
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = cardActionSchema.safeParse(activity.value);
    if (!id || !action.success) return { kind: 'ignore', reason: 'card action we did not send' };
    const input: TurnInput = {
      kind: 'action',
      actionId: action.data.action.verb,
      value: action.data.action.data.value,
      messageId: activity.replyToId,
    };
    return { kind: 'turn', turn: turnOf(activity, reference, input, id), reference };
  }
  if (activity.type === 'invoke' && activity.name === 'message/submitAction') {
    const feedback = feedbackActionSchema.safeParse(activity.value);
    if (!id || !feedback.success || !activity.replyToId) return { kind: 'ignore', reason: 'unreadable feedback' };
    const { reaction, feedback: text } = feedback.data.actionValue;
    const comment = feedbackComment(text);
    const input: TurnInput = {
      kind: 'action',
      actionId: reaction === 'like' ? ANSWER_ACTIONS.feedbackUp : ANSWER_ACTIONS.feedbackDown,
      value: '',
      messageId: activity.replyToId,
      ...(comment ? { comment } : {}),
    };
    const turn = turnOf(activity, reference, input, id);
    return { kind: 'feedback', turn, reference, messageId: activity.replyToId };
  }
  if (activity.type === 'invoke' && activity.name === 'fileConsent/invoke') {
    const consent = fileConsentSchema.safeParse(activity.value);
    if (!id || !consent.success) return { kind: 'ignore', reason: 'file consent for no file of ours' };
    const turn = turnOf(activity, reference, { kind: 'message', text: '' }, id);
    return { kind: 'file-consent', turn, reference, consent: consent.data, cardId: activity.replyToId };
  }
  if (activity.type === 'conversationUpdate') {
    const botAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient.id);
    if (!botAdded) return { kind: 'ignore', reason: 'membership change without the bot' };
    const turn = turnOf(activity, reference, { kind: 'message', text: '' }, id || 'welcome');
    return { kind: 'welcome', turn, reference };
  }
  return { kind: 'ignore', reason: `activity type ${activity.type}${activity.name ? `/${activity.name}` : ''}` };
}
