/**
 * The card a checklist run lives in in a personal or group chat, which has no threads: one card that updates
 * itself with every press. It stays compact: the newest part (the open question with its progress, or the
 * result) in view, the answered questions folded into one toggle (each as one line with its change buttons), and
 * a result in its short form (recommendation, reasons, doubtful answers) with the full account behind a toggle.
 * Folding uses `Action.ToggleVisibility` over hidden containers, so nothing needs a round trip to open.
 */
import type { Translate } from '../../core/i18n/translator.ts';
import type { Block } from '../../core/model.ts';
import type { Segment } from './card-memory.ts';
import { type AdaptiveCard, cardElements, newCard } from './render.ts';

type CardElement = AdaptiveCard['body'][number];

/** A toggle button and the hidden container it opens. */
function folded(id: string, label: string, body: CardElement[]): CardElement[] {
  return [
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.ToggleVisibility', title: label, targetElements: [id] }],
    },
    { type: 'Container', id, isVisible: false, items: body },
  ];
}

/** What the full form adds to the short one: its buttons and the blocks both share are in view already. */
function beyond(blocks: Block[], compact: Block[]): Block[] {
  const shown = new Set(compact.map((b) => JSON.stringify(b)));
  return blocks.filter((b) => b.type !== 'buttons' && !shown.has(JSON.stringify(b)));
}

/** Marks the first element of a part with a separator line above it, as a divider does. */
function separated(elements: CardElement[], first: boolean): CardElement[] {
  if (first || !elements[0]) return elements;
  return [{ ...elements[0], separator: true, spacing: 'Medium' }, ...elements.slice(1)];
}

/**
 * The body of a chat card made of `segments`, oldest first. `open` is an answered part just changed from the
 * folded list: it stays in view in its full form, in its place, so the person sees the question they changed and
 * its new answer (the next press folds it again).
 */
export function chatCardBody(segments: Segment[], t: Translate, open?: Segment): CardElement[] {
  const body: CardElement[] = [];
  let answered: Segment[] = [];
  let folds = 0;
  const flush = () => {
    if (answered.length === 0) return;
    const items = answered.flatMap((s, i) => separated(cardElements(s.compact ?? s.blocks), i === 0));
    body.push(
      ...separated(
        folded(`fold-${folds++}`, t('teams.card.answered', { count: answered.length }), items),
        body.length === 0,
      ),
    );
    answered = [];
  };
  segments.forEach((segment, i) => {
    const newest = i === segments.length - 1;
    if (segment.compact && !newest && segment !== open) {
      answered.push(segment);
      return;
    }
    flush();
    const elements =
      segment.compact && newest
        ? [
            ...cardElements(segment.compact),
            ...folded(
              `fold-${folds++}`,
              t('teams.card.showAll'),
              cardElements(beyond(segment.blocks, segment.compact)),
            ),
          ]
        : cardElements(segment.blocks);
    body.push(...separated(elements, body.length === 0));
  });
  flush();
  return body;
}

/** The chat card for `segments`, with the fallback text of all of them; `open` as for chatCardBody. */
export function chatCard(segments: Segment[], t: Translate, open?: Segment): AdaptiveCard {
  return newCard(chatCardBody(segments, t, open), segments.map((s) => s.fallbackText).join('\n'));
}
