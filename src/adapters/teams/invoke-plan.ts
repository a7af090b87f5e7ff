/**
 * How to answer a button press (`adaptiveCard/action` invoke). Teams wants the refreshed card back as the invoke
 * response within 5 s; everything else follows as ordinary messages.
 *
 * In a channel the press works as in Slack: the card is replaced and new replies go into the thread. Personal and
 * group chats have no threads, so there a checklist lives in one card that updates itself: the reply replacing
 * the pressed part takes its place and the replies that follow it (the next question, the result) join the card
 * below it, folded to stay compact (chat-card.ts). A `private` reply that changes no card ("why we ask", "already answered") becomes the invoke's
 * message response, which Teams shows under the card to the presser only.
 */
import type { Translate } from '../../core/i18n/translator.ts';
import type { Block, Reply } from '../../core/model.ts';
import type { Segment } from './card-memory.ts';
import { chatCard } from './chat-card.ts';
import { type AdaptiveCard, cardMessage, fitsInOneCard, renderCards, type TeamsMessage } from './render.ts';

/** The button that was pressed, on which card. */
export interface Press {
  cardId?: string;
  actionId: string;
  value: string;
}

/** What to do for one press. */
export interface InvokePlan {
  /** The invoke response; absent when the press changed no card (a short "done" text is returned instead). */
  card?: AdaptiveCard;
  /** Otherwise a short text for the presser only (the invoke's message response). */
  notice?: string;
  /** The card for everyone else in a group chat or channel (an invoke response only reaches the presser). */
  updateForAll?: TeamsMessage;
  /** The rest of a card too long for one (rare), posted after it. */
  overflow: TeamsMessage[];
  /** Replies delivered as ordinary messages after the invoke response. */
  followUps: Reply[];
  /** The card's new composition, to remember for the next press (personal and group chats, folded cards). */
  segments?: Segment[];
}

/** One reply as a part of a chat card. */
export const segmentOf = (reply: Reply, transient = false): Segment => ({
  blocks: reply.blocks,
  fallbackText: reply.fallbackText,
  ...(transient ? { transient } : {}),
  ...(reply.compact ? { compact: reply.compact } : {}),
});

/** The blocks of a card made of segments, a divider between each. */
export function blocksOf(segments: Segment[]): Block[] {
  return segments.flatMap((s, i): Block[] => (i === 0 ? s.blocks : [{ type: 'divider' }, ...s.blocks]));
}

const hasButton = (segment: Segment, press: Press) =>
  segment.blocks.some(
    (b) => b.type === 'buttons' && b.buttons.some((x) => x.actionId === press.actionId && x.value === press.value),
  );

/** A reply's attachment still has to be delivered when its blocks went into the card. */
const attachmentOnly = (reply: Reply): Reply[] =>
  reply.attachment ? [{ ...reply, blocks: [], placement: { kind: 'reply' } }] : [];

function fallbackOf(segments: Segment[]): string {
  return segments.map((s) => s.fallbackText).join('\n');
}

/** Drops the oldest parts until the card fits in one Adaptive Card; the newest parts matter most. */
function fitInOneCard(segments: Segment[], t: Translate, open?: Segment): { segments: Segment[]; card: AdaptiveCard } {
  let kept = segments;
  let card = chatCard(kept, t, open);
  while (kept.length > 1 && !fitsInOneCard(card)) {
    kept = kept.slice(1);
    card = chatCard(kept, t, open);
  }
  return { segments: kept, card };
}

function cardOf(segments: Segment[]): { card: AdaptiveCard; overflow: TeamsMessage[] } {
  const fallback = fallbackOf(segments);
  const [card, ...rest] = renderCards(blocksOf(segments), fallback);
  return { card: card as AdaptiveCard, overflow: rest.map((c) => cardMessage(c, fallback)) };
}

/**
 * The press changed no card. `private` texts are shown to the presser alone, under the card, as the invoke's
 * message response; anything else is delivered as messages.
 */
function noCardChange(replies: Reply[]): InvokePlan {
  const personalNote = (r: Reply) =>
    r.placement.kind === 'private' && !r.attachment && !r.blocks.some((b) => b.type === 'buttons') && r.fallbackText;
  if (replies.length > 0 && replies.every(personalNote)) {
    return { notice: replies.map((r) => r.fallbackText).join('\n\n'), overflow: [], followUps: [] };
  }
  return { overflow: [], followUps: replies };
}

function planChannel(replies: Reply[], update: Reply | undefined): InvokePlan {
  if (!update) return noCardChange(replies);
  const { card, overflow } = cardOf([segmentOf(update)]);
  return {
    card,
    updateForAll: cardMessage(card, update.fallbackText),
    overflow,
    followUps: replies.flatMap((r) => (r === update ? attachmentOnly(r) : [r])),
  };
}

/**
 * Plans the answer to a press. `remembered` is the pressed card's composition when it was folded before; the
 * pressed part is found by its button.
 */
export function planInvoke(
  replies: Reply[],
  press: Press,
  conversation: { channel: boolean; personal: boolean },
  remembered: Segment[] | null,
  t: Translate,
): InvokePlan {
  const { cardId } = press;
  const update = cardId
    ? replies.find((r) => r.placement.kind === 'update' && r.placement.messageId === cardId)
    : undefined;
  if (conversation.channel) return planChannel(replies, update);

  if (!cardId || !update) return noCardChange(replies);

  const foldable = (r: Reply) => r !== update && r.placement.kind !== 'update' && r.blocks.length > 0;
  const base = (remembered ?? []).filter((s) => !s.transient);
  const pressed = base.findIndex((s) => hasButton(s, press));
  // Without a record of the card, the replacing reply simply becomes the whole card.
  const replacing = segmentOf(update);
  const composed = pressed < 0 ? [replacing] : base.map((s, i) => (i === pressed ? replacing : s));
  const folded = replies.filter(foldable).map((r) => segmentOf(r, r.placement.kind === 'private'));
  composed.splice(Math.max(pressed, 0) + 1, 0, ...folded);
  // An answer changed from the folded list ("Ändra till …" on a part that was answered already) stays in view.
  const changed = pressed >= 0 && base[pressed]?.compact && replacing.compact ? replacing : undefined;
  const { segments, card } = fitInOneCard(composed, t, changed);

  const durable = segments.filter((s) => !s.transient);
  return {
    card,
    // Others keep seeing the card without the presser's private notes.
    updateForAll:
      !conversation.personal && durable.length > 0 ? cardMessage(chatCard(durable, t), fallbackOf(durable)) : undefined,
    overflow: [],
    followUps: replies.flatMap((r) => (r === update || foldable(r) ? attachmentOnly(r) : [r])),
    // A card of one part needs no record, unless an older record of a bigger card would mislead the next press.
    segments: segments.length > 1 || remembered ? segments : undefined,
  };
}
