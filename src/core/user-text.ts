/**
 * Text that people typed (a reminder text, a case name, a display name, a word from a command) and that a reply
 * shows back, often to others in a channel. Two things keep it honest:
 *
 * - `cleanUserText` removes characters that are invisible or change the direction of what follows (zero-width
 *   spaces and joiners, bidi overrides and isolates, BOM, tag characters, control characters), so nobody can
 *   hide text or make "fdp.exe" read as "exe.pdf". Emoji sequences that need a joiner or tags stay intact.
 * - `userText` also marks the text, so that each renderer shows it literally: Teams escapes its Markdown (a
 *   `[Logga in](https://…)` stays text, not a link), Slack its mrkdwn control characters, the console prints it.
 *
 * The marks are two private-use characters around the text; renderers read them with `formatReplyText` and never
 * pass them on. Everything else in a reply is the assistant's own text, where `*bold*` and links are meant.
 */

import type { Turn } from './model.ts';

const OPEN = '\uE000';
const CLOSE = '\uE001';

// Invisible or direction-changing: C0/C1 controls (not tab or line breaks), soft hyphen, Arabic letter mark,
// Mongolian vowel separator, zero-width space and non-joiner, LRM/RLM, bidi embeddings and overrides (U+202A–E),
// word joiner and invisible operators (U+2060–4), bidi isolates (U+2066–9), deprecated format characters, Hangul
// fillers (used for "blank" names), BOM, interlinear annotations, and our own marks.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\uE000\uE001]/gu;
// A zero-width joiner between two emoji glues them into one picture (woman + joiner + laptop = technologist);
// anywhere else it is hidden text.
const STRAY_JOINER =
  /(?<!\p{Extended_Pictographic}|\u{FE0F}|\p{Emoji_Modifier})\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// Tag characters are invisible ASCII; their one visible use is a subdivision flag (🏴 + tag letters + cancel tag).
const TAGS = /(\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,6}\u{E007F})|[\u{E0000}-\u{E007F}]/gu;

/** Removes invisible and direction-changing characters from text a person wrote (see the module comment). */
export function cleanUserText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '')
    .replace(TAGS, (_match, flag: string | undefined) => flag ?? '');
}

/**
 * The turn with the person's message and display name cleaned, as the core's first step: nothing hidden is routed
 * on, parsed into a reminder or stored with a checklist run.
 */
export function withCleanUserText(turn: Turn): Turn {
  const name = turn.user.name === undefined ? undefined : cleanUserText(turn.user.name);
  const input = turn.input.kind === 'message' ? { ...turn.input, text: cleanUserText(turn.input.text) } : turn.input;
  return { ...turn, user: { ...turn.user, ...(name === undefined ? {} : { name }) }, input };
}

/** Text a person wrote, cleaned and marked for literal display; use it for every such value put into a reply. */
export function userText(text: string): string {
  return `${OPEN}${cleanUserText(text)}${CLOSE}`;
}

/** A piece of reply text: the assistant's own (`user: false`) or a person's, to be shown literally. */
export interface TextSpan {
  text: string;
  user: boolean;
}

const OPEN_CODE = 0xe000;
const CLOSE_CODE = 0xe001;

/** Splits reply text into the assistant's own text and people's text. An unclosed mark runs to the end. */
export function userTextSpans(text: string): TextSpan[] {
  // Most replies (every answer) carry no person's text: nothing to split.
  if (!text.includes(OPEN) && !text.includes(CLOSE)) return text ? [{ text, user: false }] : [];
  const spans: TextSpan[] = [];
  let user = false;
  let current = '';
  // Copied a stretch at a time: a mark is one UTF-16 unit, so slicing at one never splits a character.
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== OPEN_CODE && code !== CLOSE_CODE) continue;
    current += text.slice(start, i);
    start = i + 1;
    const next = code === OPEN_CODE;
    // A repeated mark (opening inside a person's text) is dropped; the span goes on.
    if (next === user) continue;
    if (current) spans.push({ text: current, user });
    current = '';
    user = next;
  }
  current += text.slice(start);
  if (current) spans.push({ text: current, user });
  return spans;
}

/** Reply text with the marks removed, for surfaces that show plain text (labels, notifications, files). */
export function withoutUserTextMarks(text: string): string {
  return text.includes(OPEN) || text.includes(CLOSE) ? text.replace(/[\uE000\uE001]/g, '') : text;
}

// Where a person's text sat while the assistant's own text was formatted: private-use characters around its index.
const SLOT = /\uE002(\d+)\uE003/g;

/**
 * Formats reply text for a platform: `own` translates the assistant's formatting in the whole text, with each
 * person's text replaced by an opaque slot (so that `*…*` around it still pairs up and no rule can match inside
 * it); `theirs` renders each person's text literally; then the slots are filled.
 */
export function formatReplyText(text: string, own: (text: string) => string, theirs: (text: string) => string): string {
  const literal: string[] = [];
  const skeleton = userTextSpans(text)
    .map((span) =>
      span.user ? `\uE002${literal.push(theirs(span.text)) - 1}\uE003` : span.text.replace(/[\uE002\uE003]/g, ''),
    )
    .join('');
  return own(skeleton).replace(SLOT, (_match, index: string) => literal[Number(index)] ?? '');
}
