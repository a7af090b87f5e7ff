// Small talk: thanks, greetings, a thumbs up, a goodbye, a rude remark. It deserves a short friendly reply, not
// "I don't know" with advice on how to phrase a question, and it is no unanswered question for content owners.
import { LOCALES, type Locale } from '../model.ts';

/** What kind of small talk a message is; the reply depends on it. */
export type SmallTalkKind = 'thanks' | 'greeting' | 'goodbye' | 'praise' | 'rude' | 'about' | 'neverMind';

export interface SmallTalk {
  kind: SmallTalkKind;
  /** The language the words give away; undefined for an emoji or a word both languages use ("ok"). */
  language?: Locale;
}

type WordKind = Exclude<SmallTalkKind, 'about' | 'neverMind'>;
type Vocabulary = Record<WordKind, string>;

// Words that make a message small talk, by kind. Several kinds in one message: the first kind listed wins
// ("tack, bra svar" is thanks). Rude words are matched as word starts too ("skitbot", "värdelösa").
const WORDS: Record<Locale, Vocabulary> = {
  sv: {
    rude: `värdelös värdelöst värdelösa dålig dåligt dåliga dum dumt dumma korkad korkat idiot idiotisk skit skitbot
      skräp kass kasst usel uselt urusel meningslös meningslöst oanvändbar pinsam fattar inget begriper`,
    thanks: 'tack tackar tacksam tusen',
    goodbye: 'hejdå adjö ajö vi hörs ses trevlig trevligt helg helgen sommar jul ha',
    greeting: `hej hejsan hallå halla tjena tja tjabba morsning mornin morgon godmorgon goddag godkväll god dag kväll
      morrn morron`,
    praise: `ok okej okey toppen perfekt grymt grym super kanon utmärkt fint fin bra jättebra klockrent klart
      snyggt härligt najs hjälpte hjälpsam toppen haha hehe hihi lol snabb snabbare smart smartare imponerande`,
  },
  en: {
    rude: `useless stupid dumb rubbish crap terrible awful worthless sucks suck idiot idiotic pointless pathetic
      garbage trash hopeless`,
    thanks: 'thanks thank thx ty cheers appreciated appreciate',
    goodbye: 'bye goodbye later cya weekend have day',
    greeting: 'hi hello hey hiya morning afternoon evening howdy',
    praise: `ok okay great good nice perfect cool awesome excellent helpful helped brilliant lovely super fine
      wonderful fantastic haha lol faster smarter impressive`,
  },
};

// Words that may stand beside small-talk words without turning the message into a question ("tack så mycket
// för hjälpen", "you're useless", "thanks, that helped").
const FILLER: Record<Locale, string> = {
  sv: `du är e det var så mycket jättemycket för hjälpen svaret svar den en ett ju ba bara verkligen riktigt helt
    väldigt och men nu då igen mig dig iop-assistenten assistenten bot boten vilken vilket vad ni allihop alla
    på god gud herregud asså alltså än vår våra er iaf ändå typ`,
  en: `you you're youre are r u is it that this was the a an so very much for help answer your really quite
    and but now again i me bot assistant what such such a thank-you all good lol there man guys re pretty`,
};

const RUDE_STEMS = ['skit', 'värdelös', 'usel', 'idiot', 'useless', 'stupid', 'crap'];

// Questions about the assistant itself ("vem pratar jag med?", "are you a bot?", "what can you do?"): people are
// told plainly that they talk to an automated assistant and what it can do. Short messages only, so "vad kan du
// säga om statsstöd?" stays a question about state aid.
const ABOUT: Record<Locale, RegExp> = {
  sv: /^(hej[,!.\s]*|hallå[,!.\s]*)?(vem|vad) (är|e) (du|ni)\b|\bvem (pratar|talar|chattar|skriver) jag med\b|^(hej[,!.\s]*)?(är|e) du (en )?(bot|robot|människa|ai|chattbot|riktig|på riktigt|en person)\b|^(hej[,!.\s]*)?vad kan (du|ni)( hjälpa (mig )?(till )?med| göra| svara på)?\s*[?!.]*$/u,
  en: /^((hi|hey|hello)[,!.\s]*)?who (are|r) (you|u)\b|\bwho am i (talking|speaking|chatting|writing) (to|with)\b|^((hi|hey|hello)[,!.\s]*)?what (are|r) (you|u)\s*[?!.]*$|^((hi|hey|hello)[,!.\s]*)?are (you|u) (a )?(bot|robot|human|person|real|ai|chatbot)\b|^((hi|hey|hello)[,!.\s]*)?what can (you|u)( help (me )?with| do)?\s*[?!.]*$/u,
};
const MAX_ABOUT_WORDS = 8;

// "hallå? är du där", "are you there?": someone checking that the assistant answers, a greeting.
const PRESENCE: Record<Locale, RegExp> = {
  sv: /(^|[\s,.!?])(är du där|är du vaken|funkar du|hallå\s*\?)/u,
  en: /(^|[\s,.!?])(are you there|anyone there|you there|hello\s*\?)/u,
};
// "sorry, wrong window 🙈 ignore that", "förlåt, fel chatt": nothing to answer; a short "no problem" is enough.
const NEVER_MIND: Record<Locale, RegExp> = {
  sv: /(^|[\s,.!?])(fel (fönster|chatt|kanal|tråd|person|ställe)|strunta i (det|detta)|glöm det|ignorera (det|detta)|förlåt|ursäkta|hoppsan)(?![\p{L}])/u,
  en: /(^|[\s,.!?])(wrong (window|chat|channel|thread|person|place)|ignore (that|this|it)|never ?mind|nvm|my bad|oops)(?![\p{L}])/u,
};
// Words of the IOP field: a short message with one of them asks something, however chatty ("tack, och LOU?").
const FIELD_WORD =
  /iop|partnerskap|upphandl|\blo[uv]\b|statsstöd|sgei|förening|kriteri|riktlinj|överenskommels|kammarkollegi|idéburen|ideell|bidrag|grant|procure|state aid|criteria|agreement|guideline|partnership|association/u;
// A chatty message may hold a few words outside the small-talk vocabulary ("du är snabbare än vår jurist iaf"):
// at most one in three, when at least two small-talk words make its kind clear.
const UNKNOWN_SHARE = 1 / 3;
const MIN_VOTES_WITH_UNKNOWN = 2;

/** The language whose pattern the message matches, if any. */
function languageMatching(patterns: Record<Locale, RegExp>, text: string): Locale | undefined {
  return LOCALES.find((language) => patterns[language].test(text));
}

function wordSet(text: string): Set<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}

const VOCABULARY = {
  sv: Object.fromEntries(Object.entries(WORDS.sv).map(([k, v]) => [k, wordSet(v)])) as Record<WordKind, Set<string>>,
  en: Object.fromEntries(Object.entries(WORDS.en).map(([k, v]) => [k, wordSet(v)])) as Record<WordKind, Set<string>>,
};
const FILLERS = { sv: wordSet(FILLER.sv), en: wordSet(FILLER.en) };
const KINDS: WordKind[] = ['rude', 'thanks', 'goodbye', 'greeting', 'praise'];
// Words of both languages that say nothing about which one is meant.
const NEUTRAL = new Set(['ok', 'okej', 'okay', 'super', 'bot', 'idiot']);
// Small talk is short; a longer message that happens to use only these words is still read as a question.
const MAX_WORDS = 10;

function kindOf(word: string, language: Locale): WordKind | undefined {
  const vocabulary = VOCABULARY[language];
  const exact = KINDS.find((kind) => vocabulary[kind].has(word));
  if (exact) return exact;
  return RUDE_STEMS.some((stem) => word.startsWith(stem)) ? 'rude' : undefined;
}

/**
 * The message as small talk, or undefined when it asks anything: every word must be a small-talk word or a
 * filler around one, so "tack, men vad gäller för LOU?" and "bra exempel på IOP?" stay questions.
 */
export function smallTalkOf(text: string): SmallTalk | undefined {
  const lower = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\bhej då\b/g, 'hejdå');
  const words = lower.split(/[^\p{L}'-]+/u).filter((w) => w && w !== '-' && w !== "'");
  const field = FIELD_WORD.test(lower);
  const asks = lower.includes('?');
  if (words.length <= MAX_ABOUT_WORDS) {
    const about = languageMatching(ABOUT, lower.trim());
    if (about) return { kind: 'about', language: about };
  }
  if (words.length <= MAX_WORDS && !field) {
    // "förlåt, vad menar du med …?" asks something after its apology.
    const neverMind = asks ? undefined : languageMatching(NEVER_MIND, lower);
    if (neverMind) return { kind: 'neverMind', language: neverMind };
    const presence = languageMatching(PRESENCE, lower);
    if (presence) return { kind: 'greeting', language: presence };
  }
  // Only symbols (👍, 🙏, ":)"): a reaction, read as praise. A lone "?" or digits ask something unclear instead.
  if (words.length === 0) return /\p{Extended_Pictographic}|[:;]-?[)D(]/u.test(lower) ? { kind: 'praise' } : undefined;
  if (words.length > MAX_WORDS || /\d/.test(lower)) return undefined;
  let best: { kind: SmallTalkKind; language?: Locale; votes: number } | undefined;
  for (const language of ['sv', 'en'] as const) {
    const kinds: WordKind[] = [];
    let votes = 0;
    let unknown = 0;
    for (const word of words) {
      const kind = kindOf(word, language);
      if (kind) {
        kinds.push(kind);
        if (!NEUTRAL.has(word)) votes++;
      } else if (FILLERS[language].has(word)) {
        if (!NEUTRAL.has(word)) votes += 0.5;
      } else {
        unknown++;
      }
    }
    const fits =
      unknown === 0 ||
      (votes >= MIN_VOTES_WITH_UNKNOWN && unknown <= Math.floor(words.length * UNKNOWN_SHARE) && !field && !asks);
    if (!fits || kinds.length === 0) continue;
    const kind = KINDS.find((k) => kinds.includes(k)) as WordKind;
    if (!best || votes > best.votes) best = { kind, language: votes > 0 ? language : undefined, votes };
  }
  return best ? { kind: best.kind, ...(best.language ? { language: best.language } : {}) } : undefined;
}
