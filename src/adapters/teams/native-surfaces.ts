/**
 * What Teams shows natively in personal and group chats, taken out of a reply's blocks: the source list as
 * citation pills (`[1]` markers in the text, a schema.org Message entity), follow-up questions as suggested
 * actions, and 👍/👎 as Teams' own feedback controls with a comment box. Channels get none of these (Teams does
 * not support citations or feedback controls there), so they keep the blocks as they are.
 */
import { SAY_ACTION } from '../../core/action-ids.ts';
import type { Block, Button, Citation } from '../../core/model.ts';
import { withoutUserTextMarks } from '../../core/user-text.ts';

// Teams shows at most three suggested actions and accepts at most ten citations per message.
const MAX_SUGGESTIONS = 3;
const MAX_CITATIONS = 10;

/** The blocks left to draw, and what Teams shows around them. */
export interface NativeSurfaces {
  blocks: Block[];
  citations: Citation[];
  /** Buttons that say their value, shown as suggested actions (imBack). */
  suggestions: Button[];
  /** The answer the feedback controls rate. */
  answerId?: string;
}

const markers = (cites: number[], count: number) =>
  cites
    .filter((n) => n >= 1 && n <= count)
    .map((n) => `[${n}]`)
    .join('');

/** The answer a reply's feedback buttons rate, if it has them (what Teams' own controls stand in for). */
export function feedbackAnswerId(blocks: Block[]): string | undefined {
  const feedback = blocks.find((b) => b.type === 'buttons' && b.role === 'feedback');
  return feedback?.type === 'buttons' ? feedback.buttons[0]?.value : undefined;
}

/** Separates the native surfaces from the blocks; a reply without any comes back unchanged. */
export function takeNativeSurfaces(blocks: Block[]): NativeSurfaces {
  const sourceList = blocks.find((b) => b.type === 'context' && b.citations && b.citations.length > 0);
  const citations = sourceList?.type === 'context' ? (sourceList.citations ?? []).slice(0, MAX_CITATIONS) : [];
  const out: NativeSurfaces = { blocks: [], citations, suggestions: [] };
  for (const block of blocks) {
    if (block === sourceList) continue;
    if (block.type === 'buttons' && block.role === 'feedback') {
      out.answerId = block.buttons[0]?.value;
      continue;
    }
    if (block.type === 'buttons' && block.role === 'suggestions') {
      const rest: Button[] = [];
      for (const button of block.buttons) {
        if (button.actionId === SAY_ACTION && out.suggestions.length < MAX_SUGGESTIONS) out.suggestions.push(button);
        else rest.push(button);
      }
      if (rest.length > 0) out.blocks.push({ type: 'buttons', buttons: rest });
      continue;
    }
    if (block.type === 'text' && block.cites && citations.length > 0) {
      const cited = markers(block.cites, citations.length);
      out.blocks.push({ type: 'text', text: cited ? `${block.text} ${cited}` : block.text });
      continue;
    }
    out.blocks.push(block);
  }
  return out;
}

/** The schema.org Message entity Teams draws citation pills from; `position` matches a `[n]` in the text. */
export function citationEntity(citations: Citation[]): Record<string, unknown> {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: citations.map((c, i) => ({
      '@type': 'Claim',
      position: i + 1,
      appearance: {
        '@type': 'DigitalDocument',
        name: c.title,
        abstract: c.abstract,
        ...(c.url ? { url: c.url } : {}),
      },
    })),
  };
}

/** Suggested actions: pressing one sends its value as the person's own message. */
export function suggestedActions(buttons: Button[]) {
  return {
    actions: buttons.map((b) => ({
      type: 'imBack' as const,
      title: withoutUserTextMarks(b.label),
      value: withoutUserTextMarks(b.value),
    })),
  };
}
