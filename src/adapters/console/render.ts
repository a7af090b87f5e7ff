import type { Block, Button, Reply } from '../../core/model.ts';
import { formatReplyText, withoutUserTextMarks as plain } from '../../core/user-text.ts';

/** A button as printed, remembered so that typing its number or label presses it. */
export interface PrintedButton extends Button {
  number: number;
  messageId: string;
}

export interface RenderedReply {
  lines: string[];
  buttons: PrintedButton[];
}

const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/**
 * Turns light formatting (`*bold*`) into ANSI on a terminal, and into plain text in a pipe; people's text (marked
 * by the core) is printed as typed.
 */
function inline(text: string, styled: boolean): string {
  return formatReplyText(
    text,
    (own) => own.replace(/\*([^*\n]+)\*/g, (_m, inner: string) => (styled ? `${BOLD}${inner}${RESET}` : inner)),
    (theirs) => theirs,
  );
}

function renderBlock(block: Block, styled: boolean, nextNumber: () => number, messageId: string, out: RenderedReply) {
  switch (block.type) {
    case 'heading':
      out.lines.push(styled ? `${BOLD}${plain(block.text)}${RESET}` : `== ${plain(block.text)} ==`);
      break;
    case 'text':
      out.lines.push(inline(block.text, styled));
      break;
    case 'fields':
      for (const field of block.fields)
        out.lines.push(`  ${inline(field.label, styled)}: ${inline(field.value, styled)}`);
      break;
    case 'context':
      for (const item of block.items.map(plain)) out.lines.push(styled ? `${DIM}  ${item}${RESET}` : `  ${item}`);
      break;
    case 'divider':
      out.lines.push('---');
      break;
    case 'buttons': {
      const printed = block.buttons.map((button) => ({
        ...button,
        label: plain(button.label),
        number: nextNumber(),
        messageId,
      }));
      out.buttons.push(...printed);
      out.lines.push(printed.map((b) => `[${b.number}] ${b.label}`).join('  '));
      break;
    }
  }
}

/** Renders one reply as terminal lines; buttons are numbered from `firstNumber`. */
export function renderReply(
  reply: Reply,
  options: { styled: boolean; messageId: string; firstNumber: number; updatedLabel: string },
): RenderedReply {
  const out: RenderedReply = { lines: [], buttons: [] };
  let number = options.firstNumber;
  if (reply.placement.kind === 'update') out.lines.push(options.updatedLabel);
  for (const block of reply.blocks) renderBlock(block, options.styled, () => number++, options.messageId, out);
  if (reply.attachment) out.lines.push(`📎 ${reply.attachment.filename}`);
  return out;
}

/** Finds the button a typed line means: its number, or its label (case-insensitive). */
export function findPressedButton(line: string, buttons: PrintedButton[]): PrintedButton | undefined {
  const text = line.trim();
  if (/^\d+$/.test(text)) return buttons.find((b) => b.number === Number(text));
  const folded = text.toLowerCase();
  return buttons.find((b) => b.label.toLowerCase() === folded);
}
