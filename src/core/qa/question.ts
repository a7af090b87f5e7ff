import { foldName, type Municipality, type MunicipalityDirectory } from '../municipalities.ts';
import { normaliseText } from '../router.ts';

/** What the assistant reads out of a question before searching. */
export interface QuestionAnalysis {
  /** The question as typed, whitespace normalised. */
  text: string;
  /** The question without the municipality names in it (those steer filters and boosts instead). */
  searchText: string;
  /**
   * What is asked: in a message of several sentences, the ones that end in a question mark ("vad är IOP? ska
   * förklara det för nämnden på tisdag" → "vad är IOP?"); otherwise the whole search text.
   */
  focusText: string;
  /** The rest of such a message, background that may steer the search but must not have to be matched. */
  asideText: string;
  /**
   * The parts of a question that asks two things ("which organisations can sign, and who owns the guideline?"),
   * each answered on its own as well; empty for a question that asks one thing.
   */
  subQuestions: string[];
  /** Municipalities the question names, in order of appearance. */
  municipalities: Municipality[];
  /** Starts or ends like a follow-up: "och i Ekerö då?", "what about procurement?". */
  followUpCue: boolean;
  /** Words left once follow-up phrasing and place names are removed ("och i Ekerö då?" → 0). */
  topicWords: number;
  /** "Does our case qualify?": the checklist is the better tool. */
  qualifies: boolean;
  /** Applying for an ordinary grant (not an IOP): someone else's business. */
  grantApplication: boolean;
  /** "What is X?" with a short X: the glossary and definitions should win. */
  definitional: boolean;
}

// JavaScript's \b only knows ASCII letters, so "\bär" would never match; this boundary knows å, ä and ö.
const BOUNDARY = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';
function re(pattern: RegExp): RegExp {
  return new RegExp(
    pattern.source.replaceAll('\\b', BOUNDARY),
    pattern.flags.includes('u') ? pattern.flags : `${pattern.flags}u`,
  );
}

const FOLLOW_UP_START = re(
  /^(och|men|än|samt|också|även|and|but|also|what about|how about|same for|samma för|hur är det (med|i|för)|hur blir det (med|i|för)|gäller (det|detta|samma) (även|också)|vad gäller)\b/,
);
const FOLLOW_UP_END = re(/\b(då|then)\s*[?!.]*$/);

// Phrasing that carries no topic of its own in a follow-up or a comparison ("Kungälv vs Ekerö").
const FOLLOW_UP_WORDS = new Set(
  `och men än samt också även i för med om hur är blir det gäller vad säger då samma sak där vs versus kontra
  jämfört jämför mot and but also what how about in for with is it the same then does say says there too as well
  compared compare against`.split(/\s+/),
);

const QUALIFY = [
  re(/\b(passar|kvalificerar|lämpar|duger|räknas)\b[^?]*\b(iop|partnerskap)/),
  re(/\b(är|blir) (vårt|vår|våra|ert|er|det här|detta)\b[^?]*\biop\b/),
  re(
    /\b(kan|får|bör|borde|ska) (vi|jag|vår förening|föreningen)\b[^?]*\b(använda|göra|teckna|ingå|köra|välja|ha)\b[^?]*\biop\b/,
  ),
  re(/\b(qualif(y|ies)|eligib(le|ility))\b/),
  re(/\b(fits?|suit(s|able)?)\b[^?]*\b(our|my|this)\b/),
  re(
    /\b(our|my|this) (case|project|idea|initiative|partnership|collaboration|activity)\b[^?]*\b(fit|count|qualify|be an? iop)\b/,
  ),
  re(/\b(can|should|could) we (use|do|sign|enter|choose|go for)\b[^?]*\biop\b/),
];

// Asking how to apply for a grant: "söka"/"apply", or "how do we get" one. A bare "få"/"get" is not enough: "does
// the municipality get VAT compensation for grants?" is a question about grants, not an application.
const GRANT_APPLICATION = [
  re(/\b(söka|söker|sök|ansöka|ansöker|ansökan)\b[^?]*\b(\p{L}*bidrag\p{L}*|stöd|pengar)\b/u),
  re(/\bhur\b[^?]*\b(få|får)\b[^?]*\b(\p{L}*bidrag\p{L}*|stöd|pengar)\b/u),
  // "apply for a grant", not "do the state-aid rules apply to a small grant".
  re(/\b(apply|applying)\b(?!\s+to\b)[^?]*\b(grants?|funding|subsid(y|ies))\b/),
  re(/\bapplication\b[^?]*\b(grants?|funding|subsid(y|ies))\b/),
  re(/\bhow\b[^?]*\b(get|obtain)\b[^?]*\b(grants?|funding|subsid(y|ies))\b/),
];
const IOP_WORDS = re(/\b(iop|partnerskap\p{L}*|partnership|idéburet offentligt)/u);

const DEFINITIONAL = re(
  /^(vad (är|e|betyder|menas med|innebär|står) |what( is|'s| are| does| do)\b|define\b|definition\b)/,
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// Looking a word up folds it (Unicode normalisation); questions repeat the same words, so lookups are remembered.
// Keyed by the directory's content (its identity), so a knowledge reload with new municipalities starts afresh.
const lookups = new WeakMap<object, Map<string, Municipality | null>>();
const MAX_CACHED_WORDS = 20_000;

/**
 * True when `a` is at most one slip from `b`: the same, one letter changed, added or dropped, or two adjacent
 * letters swapped ("Ekeör" for "Ekerö"). Runs for every name of about the word's length whenever a question has
 * a word not seen before, so it compares letters instead of filling an edit-distance table.
 */
function oneSlipApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    let i = 0;
    while (a[i] === b[i]) i++;
    // One letter changed, or two adjacent ones swapped; the rest must be the same.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.slice(i + 1) === short.slice(i);
}

const foldedNames = new WeakMap<object, Array<{ name: string; municipality: Municipality }>>();

/** A municipality whose name is one slip from the word; only for words of five letters or more. */
function nearName(directory: MunicipalityDirectory, word: string): Municipality | undefined {
  const folded = foldName(word).replace(/s$/, '');
  if (folded.length < 5 || folded.includes(' ')) return undefined;
  let names = foldedNames.get(directory.identity());
  if (!names) {
    names = directory.all().flatMap((m) => [m.name, m.id].map((name) => ({ name: foldName(name), municipality: m })));
    foldedNames.set(directory.identity(), names);
  }
  return names.find(({ name }) => oneSlipApart(name, folded))?.municipality;
}

function lookUp(directory: MunicipalityDirectory, words: string): Municipality | undefined {
  let cache = lookups.get(directory.identity());
  if (!cache) {
    cache = new Map();
    lookups.set(directory.identity(), cache);
  }
  let found = cache.get(words);
  if (found === undefined) {
    found = directory.find(words) ?? nearName(directory, words) ?? null;
    if (cache.size >= MAX_CACHED_WORDS) cache.clear();
    cache.set(words, found);
  }
  return found ?? undefined;
}

/** Finds municipality names (one or two words, genitive allowed) and returns them with the text without them. */
function findMunicipalities(text: string, directory: MunicipalityDirectory): { found: Municipality[]; rest: string } {
  const tokens = text.split(/(\s+)/);
  const found: Municipality[] = [];
  const keep = tokens.map(() => true);
  const wordAt = (i: number) => (tokens[i] ?? '').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/[’']s$/u, '');
  for (let i = 0; i < tokens.length; i += 2) {
    const one = wordAt(i);
    if (one.length < 3) continue;
    const two = i + 2 < tokens.length ? `${one} ${wordAt(i + 2)}` : undefined;
    const byTwo = two ? lookUp(directory, two) : undefined;
    const match = byTwo ?? lookUp(directory, one);
    if (!match) continue;
    keep[i] = false;
    if (byTwo) keep[i + 2] = false;
    if (!found.some((m) => m.id === match.id)) found.push(match);
  }
  const rest = tokens
    .filter((_, i) => keep[i])
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return { found, rest };
}

// A sentence ends at . ! or ? followed by a letter (not "2 kap. 1 §", not "t.ex." mid-sentence).
const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{L}"”'(])/u;
// Fewer words than this in the asking sentences is too little to search on alone ("varför?").
const MIN_FOCUS_WORDS = 3;

// "…, och vem …", "… and how …", "…, och måste …", "…, what …" (a list of questions), or a second question sentence:
// where a question asks a second thing. After a bare comma only a question word counts ("Om de vill, kan vi …?"
// is one question).
const SUB_QUESTION_SPLIT = re(
  /,?\s+(?:och|samt|and)\s+(?=(?:vem|vad|hur|när|varför|vilka|vilken|vilket|måste|kan|får|behöver|finns|ska|who|what|how|when|why|where|which|must|can|do|does|is|are|should)\b)|,\s+(?=(?:vem|vad|hur|när|varför|vilka|vilken|vilket|who|what|how|when|why|where|which)\s)|(?<=\?)\s+/,
);

function subQuestionsOf(focus: string): string[] {
  const parts = focus
    .split(SUB_QUESTION_SPLIT)
    .map((p) => p.trim())
    .filter((p) => words(p).length >= 2);
  return parts.length > 1 ? parts : [];
}

// A sentence typed without its question mark still asks when it opens with a question word ("och över vilken
// period räknas taket"). A verb first is no sign in chat, where the subject is often left out ("ska förklara det
// för nämnden").
const ASKS_WITHOUT_MARK = re(
  /^(?:(?:och|samt|men|and|but|also)\s+)?(?:(?:(?:över|under|i|på|för|till|med|om|in|on|over|for|to|with|about|from)\s+)?(?:vem|vad|hur|när|varför|vilka|vilken|vilket|who|what|how|when|why|which|where))\s/i,
);

/** The sentences that ask, and the background around them. */
function focusOf(text: string): { focus: string; aside: string } {
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
  const asks = (s: string) => /\?\s*$/.test(s) || ASKS_WITHOUT_MARK.test(s);
  const asking = sentences.filter(asks);
  if (asking.length === 0 || asking.length === sentences.length) return { focus: text, aside: '' };
  const focus = asking.join(' ');
  if (words(focus).length < MIN_FOCUS_WORDS) return { focus: text, aside: '' };
  return { focus, aside: sentences.filter((s) => !asks(s)).join(' ') };
}

/** Reads places, follow-up phrasing and intent out of a question; no search yet. */
export function analyseQuestion(question: string, directory: MunicipalityDirectory): QuestionAnalysis {
  const text = normaliseText(question);
  const lower = text.toLowerCase();
  const { found, rest } = findMunicipalities(text, directory);
  const { focus, aside } = focusOf(rest);
  const restLower = focus.toLowerCase();
  const topicWords = words(restLower).filter((w) => !FOLLOW_UP_WORDS.has(w)).length;
  const mentionsIop = IOP_WORDS.test(lower);
  const followUpCue = FOLLOW_UP_START.test(restLower) || FOLLOW_UP_END.test(restLower);
  return {
    text,
    searchText: rest,
    focusText: focus,
    asideText: aside,
    subQuestions: subQuestionsOf(focus),
    municipalities: found,
    followUpCue,
    topicWords,
    qualifies: QUALIFY.some((re) => re.test(lower)),
    grantApplication: !mentionsIop && GRANT_APPLICATION.some((re) => re.test(lower)),
    // "What is X?" with a short X, or a bare term ("SGEI", "IOP?"), asks for a definition.
    definitional:
      (DEFINITIONAL.test(lower) && words(restLower).length <= 6) || (words(restLower).length <= 1 && !followUpCue),
  };
}
