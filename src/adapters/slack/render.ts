/**
 * Reply → Block Kit. Every piece of text is escaped (`&`, `<`, `>`), so nothing the core passes through — a
 * reminder text, a case name — can become `<!channel>`, a mention or a disguised link (mrkdwn links only exist as
 * `<url|text>`). The core's light formatting (`*bold*`, `_italic_`, `• ` lists) is already mrkdwn; people's text
 * (marked by the core) loses its marks and is left as typed. Knowledge text goes into `markdown` blocks instead, so
 * that its lists, links and tables render as written; text with a person's words in it never does. Long replies are
 * split across messages within Slack's limits.
 */
import type { types } from '@slack/bolt';
import type { Block, Button, Reply } from '../../core/model.ts';
import { formatReplyText, userTextSpans, withoutUserTextMarks } from '../../core/user-text.ts';
import { feedbackBlock } from './feedback-buttons.ts';
import type { SlackBlock, SlackMessage } from './web-api.ts';

/** Slack's documented limits, plus a total per message well below where long messages start failing. */
export const LIMITS = {
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextItems: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  buttonsPerBlock: 25,
  /** A markdown block's text; all markdown blocks of one message together may not exceed it either. */
  markdownText: 12_000,
  blocksPerMessage: 50,
  charsPerMessage: 12_000,
  fallbackText: 3000,
} as const;

/** Separates a repeated action id from its counter; Slack wants action ids unique within a block. */
const DUPLICATE_MARK = '~';

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The core's marks around a person's words and its slot characters (core/user-text.ts); most text has none of
// them and skips the span walk.
const USER_TEXT_MARK = /[\uE000-\uE003]/;
const boldAsMrkdwn = (own: string) => own.replace(/\*\*([^*\n]+)\*\*/g, '*$1*');

/** Our `**bold**` (Markdown habit) to Slack's `*bold*`, in the assistant's own text only; then escaped. */
function mrkdwn(text: string): string {
  if (!USER_TEXT_MARK.test(text)) return escapeMrkdwn(boldAsMrkdwn(text));
  return escapeMrkdwn(formatReplyText(text, boldAsMrkdwn, (theirs) => theirs));
}

/**
 * Knowledge text for a `markdown` block: standard Markdown, so the core's `*bold*` becomes `**bold**`; lists, links
 * and tables stay as written. Not escaped: it is the knowledge's own text, and nobody's words reach it (see below).
 */
function markdown(text: string): string {
  return text.replace(/(?<![*\w])\*([^*\n]+)\*(?![*\w])/g, '**$1**');
}

/** Whether a person's words are in the text (then it stays in mrkdwn, where they are escaped). */
const hasUserText = (text: string) => USER_TEXT_MARK.test(text) && userTextSpans(text).some((span) => span.user);

/** Text for a plain_text field (headers, button labels): no mrkdwn there, only the marks to remove. */
const plain = withoutUserTextMarks;

/** The core's action id from a Slack action_id (undoes the duplicate counter). */
export function coreActionId(slackActionId: string): string {
  const mark = slackActionId.lastIndexOf(DUPLICATE_MARK);
  return mark > 0 && /^\d+$/.test(slackActionId.slice(mark + 1)) ? slackActionId.slice(0, mark) : slackActionId;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const amp = text.lastIndexOf('&', cut);
  if (amp >= 0 && amp > cut - 6 && !text.slice(amp, cut).includes(';')) cut = amp; // never cut an &amp; in half
  return `${text.slice(0, cut)}…`;
}

/** Splits escaped text into pieces of at most `max`, preferring paragraph, line and word boundaries. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) {
      cut = max;
      const amp = rest.lastIndexOf('&', cut - 1);
      if (amp >= 0 && amp > cut - 6 && !rest.slice(amp, cut).includes(';')) cut = amp;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

export interface RenderOptions {
  /** Unique per render, so block ids differ between a message and its update (Slack asks for that). */
  nonce: string;
  /** Slack user ids to mention at the start of the reply. */
  mentionUserIds?: string[];
  /** Called for content that had to be dropped (e.g. a button value over 2,000 characters). */
  onProblem?: (problem: string) => void;
}

function buttonElements(buttons: Button[], onProblem: (p: string) => void): types.Button[] {
  const seen = new Map<string, number>();
  const elements: types.Button[] = [];
  for (const button of buttons) {
    const count = (seen.get(button.actionId) ?? 0) + 1;
    seen.set(button.actionId, count);
    const actionId = count === 1 ? button.actionId : `${button.actionId}${DUPLICATE_MARK}${count}`;
    if (actionId.length > LIMITS.actionId || button.actionId.includes(DUPLICATE_MARK)) {
      onProblem(`button "${button.label}" dropped: action id not usable in Slack`);
      continue;
    }
    if (button.value.length > LIMITS.buttonValue) {
      onProblem(`button "${button.label}" dropped: value longer than ${LIMITS.buttonValue} characters`);
      continue;
    }
    elements.push({
      type: 'button',
      action_id: actionId,
      text: { type: 'plain_text', text: truncate(plain(button.label), LIMITS.buttonText), emoji: true },
      ...(button.value ? { value: button.value } : {}),
      ...(button.style ? { style: button.style } : {}),
    });
  }
  return elements;
}

/** Core blocks → Slack blocks (without block ids), each with its text size for splitting. */
export function toSlackBlocks(blocks: Block[], onProblem: (p: string) => void = () => undefined): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        out.push({
          type: 'header',
          text: { type: 'plain_text', text: truncate(plain(block.text), LIMITS.headerText), emoji: true },
        });
        break;
      case 'text':
        if (block.markdown && !hasUserText(block.text)) {
          for (const piece of splitText(markdown(block.text), LIMITS.markdownText)) {
            if (piece) out.push({ type: 'markdown', text: piece });
          }
          break;
        }
        for (const piece of splitText(mrkdwn(block.text), LIMITS.sectionText)) {
          if (piece) out.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
        }
        break;
      case 'fields':
        for (let i = 0; i < block.fields.length; i += LIMITS.fieldsPerSection) {
          const fields = block.fields.slice(i, i + LIMITS.fieldsPerSection).map((field) => ({
            type: 'mrkdwn' as const,
            text: truncate(`*${mrkdwn(field.label)}*\n${mrkdwn(field.value)}`, LIMITS.fieldText),
          }));
          out.push({ type: 'section', fields });
        }
        break;
      case 'context':
        for (let i = 0; i < block.items.length; i += LIMITS.contextItems) {
          const elements = block.items
            .slice(i, i + LIMITS.contextItems)
            .filter((item) => item.trim() !== '')
            .map((item) => ({ type: 'mrkdwn' as const, text: truncate(mrkdwn(item), LIMITS.sectionText) }));
          if (elements.length > 0) out.push({ type: 'context', elements });
        }
        break;
      case 'buttons': {
        const feedback = feedbackBlock(block.buttons);
        if (feedback) {
          out.push(feedback);
          break;
        }
        for (let i = 0; i < block.buttons.length; i += LIMITS.buttonsPerBlock) {
          const elements = buttonElements(block.buttons.slice(i, i + LIMITS.buttonsPerBlock), onProblem);
          if (elements.length > 0) out.push({ type: 'actions', elements });
        }
        break;
      }
      case 'divider':
        out.push({ type: 'divider' });
        break;
    }
  }
  return out;
}

/** Characters a block contributes to a message (for keeping messages well below Slack's size limits). */
function weight(block: SlackBlock): number {
  return JSON.stringify(block).length;
}

/** Plain text of rendered blocks, for the fallback of continuation messages (already escaped). */
function fallbackOf(blocks: SlackBlock[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'header') lines.push(escapeMrkdwn(block.text.text));
    else if (block.type === 'section' && block.text) lines.push(block.text.text);
    else if (block.type === 'markdown') lines.push(escapeMrkdwn(block.text));
    else if (block.type === 'section' && block.fields) lines.push(...block.fields.map((f) => f.text));
  }
  return lines.join('\n');
}

function withMentions(blocks: SlackBlock[], userIds: string[]): SlackBlock[] {
  if (userIds.length === 0) return blocks;
  const mentions = userIds.map((id) => `<@${id}>`).join(' ');
  const [first, ...rest] = blocks;
  if (first?.type === 'section' && first.text && first.text.text.length + mentions.length < LIMITS.sectionText) {
    return [{ ...first, text: { ...first.text, text: `${mentions} ${first.text.text}` } }, ...rest];
  }
  return [{ type: 'section', text: { type: 'mrkdwn', text: mentions } }, ...blocks];
}

/**
 * Renders one reply as one or more Slack messages. The first carries the reply's own fallback text; each message
 * stays within 50 blocks and a conservative total size.
 */
export function renderReply(reply: Reply, options: RenderOptions): SlackMessage[] {
  const onProblem = options.onProblem ?? (() => undefined);
  const mentionIds = options.mentionUserIds ?? [];
  const blocks = withMentions(toSlackBlocks(reply.blocks, onProblem), mentionIds);
  const groups: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let size = 0;
  for (const block of blocks) {
    const w = weight(block);
    if (current.length > 0 && (current.length >= LIMITS.blocksPerMessage || size + w > LIMITS.charsPerMessage)) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += w;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);

  const mentionText = mentionIds.map((id) => `<@${id}> `).join('');
  let blockCounter = 0;
  return groups.map((group, index) => {
    const text =
      index === 0
        ? `${mentionText}${escapeMrkdwn(plain(reply.fallbackText))}`
        : fallbackOf(group) || escapeMrkdwn(plain(reply.fallbackText));
    return {
      text: truncate(text || ' ', LIMITS.fallbackText),
      blocks: group.map((block) => ({ ...block, block_id: `${options.nonce}-${blockCounter++}` }) as SlackBlock),
    };
  });
}
