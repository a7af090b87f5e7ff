import type { Block, Button, Placement, Reply } from './model.ts';
import { formatReplyText } from './user-text.ts';

const REPLY: Placement = { kind: 'reply' };

/**
 * Plain text of blocks, for the fallback every platform wants (notifications, screen readers). The assistant's
 * `*` and `_` formatting goes; people's text stays as they wrote it, without its marks.
 */
export function plainText(blocks: Block[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'heading' || block.type === 'text') lines.push(block.text);
    else if (block.type === 'fields') for (const field of block.fields) lines.push(`${field.label}: ${field.value}`);
    else if (block.type === 'context') lines.push(...block.items);
  }
  return formatReplyText(
    lines.join('\n'),
    (own) => own.replace(/[*_]/g, ''),
    (theirs) => theirs,
  );
}

/** A reply made of blocks, with its fallback text derived from them. */
export function blocksReply(blocks: Block[], placement: Placement = REPLY): Reply {
  return { blocks, fallbackText: plainText(blocks), placement };
}

/** A reply with one paragraph of text and, optionally, buttons under it. */
export function textReply(text: string, buttons: Button[] = [], placement: Placement = REPLY): Reply {
  const blocks: Block[] = [{ type: 'text', text }];
  if (buttons.length > 0) blocks.push({ type: 'buttons', buttons });
  return blocksReply(blocks, placement);
}
