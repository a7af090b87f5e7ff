import { WORD_END } from './vocabulary.ts';

/** A stretch of the input that chrono (or our extensions) read as time. */
export interface Span {
  index: number;
  length: number;
}

// A preposition left dangling in front of a removed time phrase ("ring Anna *på* …" when chrono took only the
// date, "skicka rapporten *senast på* fredag") belongs to the time, not to the reminder.
const DANGLING = /(?:(?:^|\s)(?:på|den|från|vid|senast|at|on|from))+\s*$/iu;
const LEAD_IN = [
  new RegExp(`^(?:snälla\\s+)?påminn(?:a)?\\s+(?:mig|oss|dig|er)${WORD_END}`, 'iu'),
  new RegExp(`^(?:please\\s+)?remind\\s+(?:me|us|you)${WORD_END}`, 'iu'),
  /^(?:påminnelse|reminder)\s*:/iu,
];
// Only after a lead-in: "påminn mig om mötet" is about the meeting, but a text may itself start with "Om".
const AFTER_LEAD_IN = new RegExp(`^(?:om\\s+att|om|about|that|of)${WORD_END}`, 'iu');
const INFINITIVE = new RegExp(`^(?:att|to)${WORD_END}`, 'iu');
const EDGE_PUNCTUATION = /^[\s,.;:!?–—-]+/u;

// Lead-ins removed: "påminn mig/oss", "remind me/us", "Påminnelse:", then "att", "to", and after a lead-in
// also "om att", "om", "about", "that". The first letter is kept as typed.
/** The reminder's own words: the input without its time phrases and lead-ins, trimmed. */
export function reminderText(input: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.index - b.index);
  const kept: string[] = [];
  let cursor = 0;
  for (const span of sorted) {
    if (span.index >= cursor) kept.push(input.slice(cursor, span.index).replace(DANGLING, ''));
    cursor = Math.max(cursor, span.index + span.length);
  }
  kept.push(input.slice(cursor));

  let text = kept
    .join(' ')
    .replace(/\s+/gu, ' ')
    .replace(/ ([,.;:!?])/gu, '$1')
    .trim();
  for (let changed = true; changed; ) {
    const before = text;
    text = text.replace(EDGE_PUNCTUATION, '');
    const leadIn = LEAD_IN.find((pattern) => pattern.test(text));
    if (leadIn) text = text.replace(leadIn, '').replace(EDGE_PUNCTUATION, '').replace(AFTER_LEAD_IN, '');
    text = text.replace(INFINITIVE, '').trimStart();
    changed = text !== before;
  }
  return text.replace(/[\s,;:.–—-]+$/u, '');
}
