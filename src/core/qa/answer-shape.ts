// The shape of an answer: the direct answer first, short, with the rest of the section one click away; a
// yes or no only where it answers the question that was asked.
import type { Locale } from '../model.ts';

// A section this short is shown whole; a longer one shows its lead sentences and keeps the rest for "Visa mer".
const WHOLE_CHARS = 800;
const LEAD_CHARS = 550;
// A list reads badly cut mid-way: a list section is shown whole up to this length, else cut between lines.
const WHOLE_LIST_CHARS = 900;
const LIST_LEAD_CHARS = 650;
// The part answering the second half of a two-part question is kept shorter.
const PART_LEAD_CHARS = 320;

const LIST_LINE = /^\s*(\d+\.|[-•*])\s/m;
export const SENTENCE_BREAK = /(?<=[.!?:])\s+(?=[\p{Lu}\d”"(])/u;

/** Marks, in an answer's `more`, a section shown as the second part of a question (its lead is shorter). */
export const PART_PREFIX = 'part:';

/** What is shown of a section, and what stays behind "Visa mer" (empty when nothing does). */
export interface Shown {
  shown: string;
  rest: string;
}

function byLines(text: string, maxChars: number): Shown {
  const lines = text.split('\n');
  let shown = '';
  let i = 0;
  for (; i < lines.length; i++) {
    const next = shown ? `${shown}\n${lines[i]}` : (lines[i] ?? '');
    if (shown && next.length > maxChars) break;
    shown = next;
  }
  return { shown: shown.trimEnd(), rest: lines.slice(i).join('\n').trim() };
}

function bySentences(text: string, maxChars: number): Shown {
  const sentences = text.split(SENTENCE_BREAK);
  let shown = '';
  let i = 0;
  for (; i < sentences.length; i++) {
    const next = shown ? `${shown} ${sentences[i]}` : (sentences[i] ?? '');
    if (shown && next.length > maxChars) break;
    shown = next;
  }
  return { shown, rest: sentences.slice(i).join(' ').trim() };
}

/** The lead of a section as shown in an answer (`part`: the second half of a two-part question), and the rest. */
export function splitForDisplay(text: string, kind: 'main' | 'part' = 'main'): Shown {
  const list = LIST_LINE.test(text);
  if (kind === 'part') return list ? byLines(text, PART_LEAD_CHARS) : bySentences(text, PART_LEAD_CHARS);
  if (text.length <= (list ? WHOLE_LIST_CHARS : WHOLE_CHARS)) return { shown: text, rest: '' };
  return list ? byLines(text, LIST_LEAD_CHARS) : bySentences(text, LEAD_CHARS);
}

// Questions answered with yes or no start with a verb ("Får kommunen …?", "Is an IOP …?"), perhaps after chat
// filler ("snabb fråga –", "quick q:").
const YES_NO_START: Record<Locale, RegExp> = {
  // With and without å/ä/ö: "maste vi upphandla", "ar det lagligt" are typed as often.
  sv: /^(är|ar|e|kan|får|far|måste|maste|finns|behöver|behover|ska|skall|bör|bor|gäller|galler|räknas|raknas|har|blir|krävs|kravs|går|gar|omfattas|ingår|ingar|passar|stämmer|stammer|löper|loper|innebär|innebar|hindrar|tillåter|tillater)(?![\p{L}\p{N}])/u,
  en: /^(is|are|can|could|do|does|did|must|should|may|might|has|have|will|would|shall|was|were|need)\b/u,
};
const LEADING_FILLER =
  /^((snabb|kort|liten) fråga|fråga|undrar|ba|bara|liksom|typ|asså|alltså|hej|hejsan|tja|quick (q|question)|question|just wondering|hi|hey|so|ok|okej)\b[\s,:;–—-]*/iu;
const YES_NO_LEAD = /^(Ja|Nej|Yes|No)\b[,.:;–—-]*\s*/u;

/** True when the question asks for a yes or a no. */
export function asksYesOrNo(question: string, language: Locale): boolean {
  let text = question.trim().toLowerCase();
  for (let i = 0; i < 4; i++) {
    const stripped = text.replace(LEADING_FILLER, '');
    if (stripped === text) break;
    text = stripped;
  }
  return YES_NO_START[language].test(text);
}

/**
 * A section that starts "Nej, …" answers its own question. That "Nej" is kept only when the asker asked a
 * yes/no question and the section's question is that question (a close match); otherwise it would answer
 * another question, so the answer starts with what follows it.
 */
export function directLead(text: string, options: { yesNoAsked: boolean; closeMatch: boolean }): string {
  if (!YES_NO_LEAD.test(text) || (options.yesNoAsked && options.closeMatch)) return text;
  const rest = text.replace(YES_NO_LEAD, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
