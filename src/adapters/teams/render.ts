/**
 * The core's Reply → Teams messages: an Adaptive Card 1.5 (text blocks, fact sets, Action.Execute buttons with
 * the same action ids as Slack), or a plain markdown message when a reply is only prose. Long replies are split
 * so each card stays under Teams' ~28 KB limit.
 */
import type { Attachment, Block, Button, Reply } from '../../core/model.ts';
import { plainText } from '../../core/reply.ts';
import { cleanUserText, formatReplyText, withoutUserTextMarks } from '../../core/user-text.ts';
import { citationEntity, suggestedActions, takeNativeSurfaces } from './native-surfaces.ts';

/** An Adaptive Card as JSON. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  fallbackText?: string;
  [key: string]: unknown;
}

type CardElement = Record<string, unknown> & { type: string };

/** One outgoing Teams message, before the Bot Framework envelope (conversation, from, …) is added. */
export interface TeamsMessage {
  type: 'message';
  text?: string;
  textFormat?: 'markdown' | 'plain';
  summary?: string;
  attachments?: Array<{ contentType: 'application/vnd.microsoft.card.adaptive'; content: AdaptiveCard }>;
  /** Citation pills (a schema.org Message entity) in personal and group chats. */
  entities?: Array<Record<string, unknown>>;
  /** `feedbackLoop` turns on Teams' own 👍/👎 with a comment box. */
  channelData?: { feedbackLoop?: { type: 'default' } };
  suggestedActions?: { actions: Array<{ type: 'imBack'; title: string; value: string }> };
}

/** A message with one of Teams' file cards (file-consent.ts): a consent card offering a file, an info card showing one. */
export interface FileMessage {
  type: 'message';
  attachments: Array<{
    contentType: 'application/vnd.microsoft.teams.card.file.consent' | 'application/vnd.microsoft.teams.card.file.info';
    name: string;
    contentUrl?: string;
    content: Record<string, unknown>;
  }>;
}

/** Anything the adapter posts. */
export type OutgoingMessage = TeamsMessage | FileMessage;

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
// Teams refuses cards over ~28 KB; the envelope (ids, serviceUrl, channelData) needs room as well.
const CARD_BUDGET_BYTES = 24_000;
// A single text block is cut well below the budget so that splitting never produces an empty remainder.
const CHUNK_BYTES = 8_000;
// Teams shows at most a handful of buttons side by side; more wrap into further rows.
const BUTTONS_PER_ROW = 5;
const SUMMARY_CHARS = 200;

const bytes = (value: unknown) => Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');

/**
 * Someone's text as literal Adaptive Card / Teams markdown: no link, emphasis, code, list or heading can start in
 * it. Markdown's own backslash escapes do that (Teams honours them on desktop, web and mobile); `<` and `>` become
 * entities as everywhere, and `&` where it would start one. A line break in it is a space, as Teams shows a single
 * line break anyway, so that no line of it can start a list or heading.
 */
export function escapeTeamsMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/^(\s*)([#+-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * The core's light formatting → Adaptive Card / Teams markdown: `*bold*` → `**bold**`, `• ` items → `- `,
 * and paragraph breaks, since a single newline is not a line break in Teams markdown. People's text in it (marked
 * by the core) is escaped instead, so that it shows exactly as typed.
 */
export function teamsMarkdown(text: string): string {
  return formatReplyText(text, ownMarkdown, escapeTeamsMarkdown);
}

function ownMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let out = '';
  let previousWasItem = false;
  for (const raw of lines) {
    const item = /^\s*[•\-*]\s+(.*)$/.exec(raw);
    const line = (item ? `- ${item[1]}` : raw).replace(
      /(^|[^*\w])\*([^*\s](?:[^*\n]*[^*\s])?)\*(?=[^*\w]|$)/g,
      '$1**$2**',
    );
    if (out === '') out = line;
    else if (item && previousWasItem) out += `\r${line}`;
    else out += `\n\n${line}`;
    previousWasItem = Boolean(item);
  }
  // Teams renders card and message text as HTML: "<namn>" would vanish as an unknown tag.
  return (
    out
      .trim()
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Bare URLs (source links) become links; Adaptive Cards do not link them by themselves. (U+E002 starts the
      // slot of someone's text, which is never part of a link.)
      .replace(/(^|\s)(https?:\/\/[^\s)\]\uE002]+[^\s)\].,;:\uE002])/g, '$1[$2]($2)')
  );
}

/** Splits text into pieces of at most `maxBytes`, at paragraph, then line, then word boundaries. */
export function splitText(text: string, maxBytes = CHUNK_BYTES): string[] {
  if (bytes(text) <= maxBytes) return [text];
  for (const separator of ['\n\n', '\n', ' ']) {
    const parts = text.split(separator);
    if (parts.length < 2) continue;
    const pieces: string[] = [];
    let current = '';
    for (const part of parts) {
      const candidate = current ? `${current}${separator}${part}` : part;
      if (bytes(candidate) <= maxBytes) current = candidate;
      else {
        if (current) pieces.push(current);
        current = part;
      }
    }
    if (current) pieces.push(current);
    return pieces.flatMap((piece) => splitText(piece, maxBytes));
  }
  // One unbroken run of characters: cut by characters.
  const half = Math.ceil(text.length / 2);
  return [...splitText(text.slice(0, half), maxBytes), ...splitText(text.slice(half), maxBytes)];
}

/** Short context items sit side by side as in Slack; long ones (source lines) get a line each. */
function contextText(items: string[]): string {
  const inline = items.join(' · ');
  return inline.length <= 80 ? inline : items.map((item) => `• ${item}`).join('\n');
}

function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement[] {
  return splitText(teamsMarkdown(text)).map((piece) => ({ type: 'TextBlock', text: piece, wrap: true, ...extra }));
}

function action(button: Button): CardElement {
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  return {
    type: 'Action.Execute',
    title: withoutUserTextMarks(button.label),
    verb: button.actionId,
    data: { value: button.value },
    ...(style ? { style } : {}),
  };
}

function elementsOf(block: Block): CardElement[] {
  switch (block.type) {
    case 'heading':
      return textBlock(block.text, { weight: 'Bolder', size: 'Medium', style: 'heading' });
    case 'text':
      return textBlock(block.text);
    case 'fields': {
      const facts = block.fields.map((f) => ({ title: teamsMarkdown(f.label), value: teamsMarkdown(f.value) }));
      const sets: CardElement[] = [];
      let current: typeof facts = [];
      // The JSON of the facts so far, sized fact by fact (brackets and commas included).
      let size = 2;
      for (const fact of facts) {
        const own = bytes(fact);
        if (current.length > 0 && size + 1 + own > CHUNK_BYTES) {
          sets.push({ type: 'FactSet', facts: current });
          current = [];
          size = 2;
        }
        size += (current.length > 0 ? 1 : 0) + own;
        current.push(fact);
      }
      if (current.length > 0) sets.push({ type: 'FactSet', facts: current });
      return sets;
    }
    case 'context':
      return textBlock(contextText(block.items), { isSubtle: true, size: 'Small' });
    case 'buttons': {
      const rows: CardElement[] = [];
      for (let i = 0; i < block.buttons.length; i += BUTTONS_PER_ROW) {
        rows.push({ type: 'ActionSet', actions: block.buttons.slice(i, i + BUTTONS_PER_ROW).map(action) });
      }
      return rows;
    }
    case 'divider':
      return [];
  }
}

/** Card body elements for blocks; a divider becomes a separator line above the next element. */
export function cardElements(blocks: Block[]): CardElement[] {
  const out: CardElement[] = [];
  let separate = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separate = out.length > 0;
      continue;
    }
    const elements = elementsOf(block);
    if (separate && elements[0]) elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
    separate = false;
    out.push(...elements);
  }
  return out;
}

/** An Adaptive Card 1.5 with this body. */
export function newCard(body: CardElement[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    fallbackText: withoutUserTextMarks(fallbackText).slice(0, 2_000),
  };
}

/** Whether Teams takes this card as it is (within the size budget). */
export function fitsInOneCard(content: AdaptiveCard): boolean {
  return bytes(content) <= CARD_BUDGET_BYTES;
}

/** Cards for a reply's blocks, split so that each stays within the size budget. */
export function renderCards(blocks: Block[], fallbackText = plainText(blocks)): AdaptiveCard[] {
  const cards: AdaptiveCard[] = [];
  let body: CardElement[] = [];
  // A card's JSON is the empty card's plus each element's and a comma between them: sized element by element,
  // not by serialising the growing card again for every element.
  const empty = bytes(newCard([], fallbackText));
  let size = empty;
  for (const element of cardElements(blocks)) {
    const own = bytes(element);
    if (body.length > 0 && size + 1 + own > CARD_BUDGET_BYTES) {
      cards.push(newCard(body, fallbackText));
      body = [];
      size = empty;
    }
    size += (body.length > 0 ? 1 : 0) + own;
    body.push(element);
  }
  if (body.length > 0 || cards.length === 0) cards.push(newCard(body, fallbackText));
  return cards;
}

function summaryOf(text: string): string {
  const flat = withoutUserTextMarks(text).replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_CHARS ? `${flat.slice(0, SUMMARY_CHARS - 1)}…` : flat;
}

/** Wraps a card into a message; `summary` is what notifications and the chat list show. */
export function cardMessage(content: AdaptiveCard, summary: string): TeamsMessage {
  return {
    type: 'message',
    summary: summaryOf(summary),
    attachments: [{ contentType: CARD_CONTENT_TYPE, content }],
  };
}

type ProseBlock = Extract<Block, { type: 'text' | 'context' }>;

/** Replies that are only prose read better as ordinary chat messages than as cards. */
function isProse(blocks: Block[]): blocks is ProseBlock[] {
  return blocks.length > 0 && blocks.every((b) => b.type === 'text' || b.type === 'context');
}

function proseMessages(blocks: ProseBlock[]): TeamsMessage[] {
  const text = teamsMarkdown(blocks.map((b) => (b.type === 'text' ? b.text : contextText(b.items))).join('\n\n'));
  return splitText(text, 20_000).map((piece) => ({ type: 'message', text: piece, textFormat: 'markdown' }));
}

function attachmentMessages(file: Attachment): TeamsMessage[] {
  // A Word document goes by file consent card, where it can go at all (delivery.ts); a text file (its Markdown
  // version) is shown as a card.
  const attachment = file.encoding === 'base64' ? file.textVersion : file;
  if (!attachment) return [];
  return renderCards([
    { type: 'heading', text: attachment.filename },
    { type: 'text', text: attachment.content },
  ]).map((c) => cardMessage(c, attachment.filename));
}

/** A person to @mention: the id Teams knows them by (AAD object id or `29:` id) and the name to show. */
export interface Mentioned {
  id: string;
  name: string;
}

/** Puts the mentions at the top of a card; Teams notifies people whose `<at>` text has a matching entity. */
function withMentions(content: AdaptiveCard, mentioned: Mentioned[]): AdaptiveCard {
  const people = mentioned.map((m) => {
    const name = cleanUserText(m.name);
    return { id: m.id, name, text: `<at>${name.replace(/[<>&]/g, '')}</at>` };
  });
  return {
    ...content,
    body: [{ type: 'TextBlock', text: people.map((p) => p.text).join(' '), wrap: true }, ...content.body],
    msteams: {
      entities: people.map((p) => ({ type: 'mention', text: p.text, mentioned: { id: p.id, name: p.name } })),
    },
  };
}

/** Where a reply is shown: Teams' own surfaces (citations, feedback controls) exist in personal and group chats. */
export interface RenderOptions {
  native?: boolean;
}

/**
 * A cited answer as one message: its text as markdown (the `[n]` markers must be in the message text for Teams to
 * draw the pills) and its remaining buttons on a card beneath.
 */
function citedMessage(blocks: Block[], fallbackText: string): TeamsMessage {
  const prose = blocks.flatMap((b): string[] => {
    if (b.type === 'heading') return [`*${b.text}*`];
    if (b.type === 'text') return [b.text];
    if (b.type === 'context') return [contextText(b.items)];
    if (b.type === 'fields') return b.fields.map((f) => `${f.label}: ${f.value}`);
    return [];
  });
  const buttons = blocks.filter((b) => b.type === 'buttons');
  const [buttonCard] = buttons.length > 0 ? renderCards(buttons, fallbackText) : [];
  return {
    type: 'message',
    text: teamsMarkdown(prose.join('\n')),
    textFormat: 'markdown',
    ...(buttonCard ? { attachments: [{ contentType: CARD_CONTENT_TYPE, content: buttonCard }] } : {}),
  };
}

/** A reply with Teams' own surfaces where it has them; see native-surfaces.ts. */
function nativeMessages(reply: Reply, mentioned: Mentioned[]): TeamsMessage[] {
  const native = takeNativeSurfaces(reply.blocks);
  if (native.citations.length === 0 && native.suggestions.length === 0 && !native.answerId) {
    return renderReply(reply, mentioned);
  }
  const messages =
    native.citations.length > 0 && mentioned.length === 0
      ? [citedMessage(native.blocks, reply.fallbackText)]
      : renderReply({ ...reply, blocks: native.blocks }, mentioned);
  const [first] = messages;
  const last = messages[messages.length - 1];
  if (!first || !last) return messages;
  if (native.citations.length > 0) first.entities = [citationEntity(native.citations)];
  if (native.answerId) first.channelData = { feedbackLoop: { type: 'default' } };
  if (native.suggestions.length > 0) last.suggestedActions = suggestedActions(native.suggestions);
  return messages;
}

/**
 * All messages for one reply, in order. The first one is what an `update` placement replaces. With `native`
 * (personal and group chats) sources, follow-ups and 👍/👎 use Teams' own surfaces.
 */
export function renderReply(reply: Reply, mentioned: Mentioned[] = [], options: RenderOptions = {}): TeamsMessage[] {
  if (options.native) return nativeMessages(reply, mentioned);
  const cards = () =>
    renderCards(reply.blocks, reply.fallbackText).map((c, i) =>
      cardMessage(i === 0 && mentioned.length > 0 ? withMentions(c, mentioned) : c, reply.fallbackText),
    );
  const messages: TeamsMessage[] =
    reply.blocks.length === 0
      ? reply.fallbackText && !reply.attachment
        ? [{ type: 'message', text: withoutUserTextMarks(reply.fallbackText) }]
        : []
      : isProse(reply.blocks) && mentioned.length === 0
        ? proseMessages(reply.blocks)
        : cards();
  if (reply.attachment) messages.push(...attachmentMessages(reply.attachment));
  return messages;
}
