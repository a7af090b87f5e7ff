/** Reading what the bot sent, the way a Teams client would show it. */
import type { ConnectorCall } from '../support/bot-connector.ts';

export interface CardAction {
  title: string;
  verb: string;
  value: string;
}

type Element = {
  type: string;
  text?: string;
  facts?: Array<{ title: string; value: string }>;
  actions?: unknown[];
  items?: Element[];
  isVisible?: boolean;
};

/** Every element of a card, containers opened (folded parts too: their buttons can be pressed once shown). */
function allElements(elements: Element[]): Element[] {
  return elements.flatMap((e) => [e, ...allElements(e.items ?? [])]);
}
export type Card = { type: string; version: string; body: Element[]; fallbackText?: string };

/** The Adaptive Card an activity carries, if any. */
export function cardOf(activity: ConnectorCall['activity'] | { value?: unknown } | undefined): Card | undefined {
  const attachment = (activity as ConnectorCall['activity'] | undefined)?.attachments?.[0];
  if (attachment?.contentType === 'application/vnd.microsoft.card.adaptive') return attachment.content as Card;
  return undefined;
}

/** Everything readable in a message: its text, or the card's text blocks and facts. */
export function textOf(source: ConnectorCall | Card | undefined): string {
  if (!source) return '';
  const card = 'activity' in source ? cardOf(source.activity) : source;
  if (!card) return 'activity' in source ? String(source.activity.text ?? '') : '';
  return allElements(card.body)
    .flatMap((e) => [e.text ?? '', ...(e.facts ?? []).map((f) => `${f.title}: ${f.value}`)])
    .filter(Boolean)
    .join('\n');
}

/** The Action.Execute buttons on a card. */
export function actionsOf(source: ConnectorCall | Card | undefined): CardAction[] {
  if (!source) return [];
  const card = 'activity' in source ? cardOf(source.activity) : source;
  return allElements(card?.body ?? [])
    .filter((e) => e.type === 'ActionSet')
    .flatMap((e) => e.actions as Array<{ type: string; title: string; verb: string; data: { value: string } }>)
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => ({ title: a.title, verb: a.verb, value: a.data.value }));
}

/** The button with this title (throws with the titles there are, so a failing test says what it saw). */
export function button(source: ConnectorCall | Card | undefined, title: string | RegExp): CardAction {
  const actions = actionsOf(source);
  const found = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!found) throw new Error(`no button ${title}; buttons: ${actions.map((a) => a.title).join(', ')}`);
  return found;
}

/** The card returned as an `adaptiveCard/action` invoke response. */
export function invokeCard(body: unknown): Card {
  const response = body as { statusCode: number; type: string; value: Card };
  if (response?.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`invoke response is not a card: ${JSON.stringify(body)}`);
  }
  return response.value;
}

/** The text lines a person sees without opening anything: hidden containers (folded parts) left out. */
export function visibleLines(card: Card): string[] {
  const walk = (elements: Element[]): string[] =>
    elements.flatMap((e) => {
      if (e.isVisible === false) return [];
      const own = [e.text ?? '', ...(e.facts ?? []).map((f) => `${f.title}: ${f.value}`)]
        .flatMap((t) => t.split(/\n\n|\r|\n/))
        .filter((t) => t.trim() !== '');
      return [...own, ...walk(e.items ?? [])];
    });
  return walk(card.body);
}
