import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as swedishStemmer } from '@orama/stemmers/swedish';
import type { Locale } from '../../core/model.ts';
import { asksYesOrNo } from '../../core/qa/answer-shape.ts';

/**
 * How text becomes search terms, the same way for indexed passages and for questions: lower case, split on
 * anything that is not a letter or digit, drop function words, Snowball-stem, fold å/ä/ö (people type
 * "foreningsbidrag" too), and map a few synonyms onto one form. Small word lists, no ranking of our own.
 */

// Function words, question words and chat filler. Swedish "e" is informal "är"; "vs"/"mot"/"kontra" only
// join the things being compared, which stay in the query.
const STOP_WORDS: Record<Locale, ReadonlySet<string>> = {
  sv: new Set(
    `och i att det som en ett på är e av för med till den de har inte om var vad vadå hur vem vilka vilken vilket
    när varför kan ska skall måste får fick finns fanns man vi jag du ni dom vår vårt våra er ert era min mitt mina
    din ditt dina dem han hon sig sin sitt sina så då nu också även eller men från under efter vid mot
    hos än bara egentligen ungefär typ liksom ju väl nån något någon några nåt alla allt mycket många denna
    detta dessa där här blir bli blev varit vara gör göra gjorde görs behöver dvs osv el eg iofs sen sedan inom
    utan mer mest hit dit hej tack snälla undrar fundering fråga frågor berätta säg förklara veta vet vill skulle
    kunna borde ska hmm okej ok enligt samt ta tar själv själva ens ingen inget inga menas betyder in ut upp ner bort iväg oss mig dig henne honom hans hennes deras redan fortfarande gäller mellan säger sa sagt åt
    står ändå snabb snabbt ba asså lite`.split(
      /\s+/,
    ),
  ),
  en: new Set(
    `a an the and or of to in on for with by at from is are was were be been being do does did done what whats how
    who whom which when why where can could should must may might will would shall have has had we our ours us i me
    my you your they them their it its this that these those there here as if then than so just about any some into
    also not no isn t s d ll re ve m between please hi hello thanks tell explain know want need really
    actually basically like kind sort anyway ok okay get got does up came come mean means but other under say says said
    even stand stands doing quick q qq btw fyi pls plz wondering wonder curious`.split(
      /\s+/,
    ),
  ),
};

// Informal spellings and synonyms, mapped to the word the knowledge uses; applied before stemming.
const WORD_MAP: Record<Locale, Readonly<Record<string, string>>> = {
  sv: {
    // "X vs Y" asks for the difference between them.
    vs: 'skillnad',
    versus: 'skillnad',
    kontra: 'skillnad',
    skl: 'skr',
    medfinansiering: 'samfinansiering',
    medfinansiera: 'samfinansiering',
    samfinansiera: 'samfinansiering',
    funkar: 'fungerar',
    skiljer: 'skillnad',
    skilja: 'skillnad',
    jämförelse: 'skillnad',
    kontrakt: 'avtal',
    ab: 'aktiebolag',
    tycker: 'anser',
    tyckte: 'anser',
    ansåg: 'anser',
    upphandlas: 'upphandling',
    upphandla: 'upphandling',
    iopen: 'iop',
    iops: 'iop',
    iopn: 'iop',
    // In IOP guidelines requirements, conditions and criteria are the same thing, named three ways.
    krav: 'kriterier',
    kraven: 'kriterier',
    villkor: 'kriterier',
    villkoren: 'kriterier',
    krävs: 'kriterier',
    org: 'organisation',
    orgs: 'organisationer',
    kräver: 'kriterier',
    // Officials write the bodies' abbreviations; the knowledge spells them out.
    ks: 'kommunstyrelsen',
    kf: 'kommunfullmäktige',
  },
  en: {
    vs: 'difference',
    versus: 'difference',
    // Snowball stems "registration" and "register" differently.
    registration: 'register',
    registrations: 'register',
    skl: 'skr',
    cofunding: 'cofinancing',
    charity: 'idea',
    charities: 'idea',
    ngo: 'idea',
    ngos: 'idea',
    nonprofit: 'idea',
    subsidy: 'grant',
    subsidies: 'grant',
    tender: 'procurement',
    tendering: 'procurement',
    procure: 'procurement',
    contract: 'agreement',
    contracts: 'agreement',
    differ: 'difference',
    differs: 'difference',
    different: 'difference',
    comparison: 'difference',
    iops: 'iop',
    org: 'organisation',
    orgs: 'organisations',
    requirement: 'criteria',
    requirements: 'criteria',
    require: 'criteria',
    requires: 'criteria',
    condition: 'criteria',
    conditions: 'criteria',
    criterion: 'criteria',
  },
};

// Snowball removes one suffix, so Swedish "skillnaden" → "skillnad" but "skillnad" → "skilln". Stemming a
// Swedish word until it stops changing puts both on the same term.
// Snowball keeps the definite neuter ending: "avtalet", "beslutet", "bidraget" stay apart from "avtal",
// "beslut", "bidrag". It is taken off a longer word (a short one like "ett" or "det" is no such form).
const DEFINITE_NEUTER = /^(.{4,}[^aeiouyåäö])et$/u;

const STEM: Record<Locale, (word: string) => string> = {
  sv: (word) => {
    const once = swedishStemmer(word);
    const twice = once === word ? once : swedishStemmer(once);
    return twice.replace(DEFINITE_NEUTER, '$1');
  },
  en: englishStemmer,
};

// Words that by themselves put a question inside the IOP field; a question with none of them has to match the
// knowledge closely to be answered (so "bygglov för attefallshus" is declined rather than half-matched). One word
// each: "fine" or "state" alone would put a parking fine inside the field.
const DOMAIN_WORDS: Record<Locale, string> = {
  sv: `iop idéburet idéburen idéburna partnerskap civilsamhället föreningsbidrag upphandling upphandlas lou lov
    upphandlingsskadeavgift direktupphandling statsstöd sgei nesgi sgi altmark altmarkkriterierna minimis
    kammarkollegiet överenskommelse samfinansiering motprestation detaljreglering detaljstyra riktlinje riktlinjer
    forum skr skl mucf famna fremia välfärd alingsås alingsåsfallet kriterier ök lök sou`,
  en: `iop idea partnership partnerships civil grant grants procurement procured lou lov aid sgei nesgi sgi altmark
    minimis kammarkollegiet agreement cofinancing consideration guideline guidelines forum skr skl mucf famna fremia
    welfare alingsås criteria sou`,
};

// Field words that municipal work outside IOP uses every day ("upphandla ett ärendesystem", "a framework
// agreement", "våra riktlinjer för …"): they put a question in the field, but only a narrower word makes it an IOP
// question when no section matches it well.
const BROAD_DOMAIN_WORDS: Record<Locale, string> = {
  sv: 'upphandling upphandlas upphandla lou lov direktupphandling överenskommelse riktlinje riktlinjer kriterier välfärd',
  en: 'procurement procured procure lou lov agreement agreements guideline guidelines criteria welfare grant grants aid',
};

/** Folds diacritics after stemming, so "foreningsbidrag" and "föreningsbidrag" meet. */
function fold(term: string): string {
  return term.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

/** Splits text into lower-case words; hyphenated words ("IOP-avtal") become their parts. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

// Stemming is the costly step and questions reuse words, so terms are remembered (bounded).
const termCache: Record<Locale, Map<string, string | null>> = { sv: new Map(), en: new Map() };
const MAX_CACHED_TERMS = 50_000;

/** One word as a search term in `language`, or null for a function word. */
export function analyseWord(word: string, language: Locale): string | null {
  const cache = termCache[language];
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const term = termOf(word, language);
  if (cache.size >= MAX_CACHED_TERMS) cache.clear();
  cache.set(word, term);
  return term;
}

// Function words typed without their diacritics ("ar" for "är", "nar" for "när") are still function words; a
// word typed with them ("år") is itself.
const FOLDED_STOP_WORDS: Record<Locale, ReadonlySet<string>> = {
  sv: new Set([...STOP_WORDS.sv].map((w) => fold(w))),
  en: STOP_WORDS.en,
};

function termOf(word: string, language: Locale): string | null {
  const lower = word.toLowerCase();
  // Single letters are genitive endings ("SKR:s") and list markers, not words.
  if (STOP_WORDS[language].has(lower) || /^\p{L}$/u.test(lower)) return null;
  if (lower === fold(lower) && FOLDED_STOP_WORDS[language].has(lower)) return null;
  const mapped = WORD_MAP[language][lower] ?? lower;
  if (STOP_WORDS[language].has(mapped)) return null;
  // Numbers (dates, SFS numbers, amounts) are kept as they are.
  if (/^\p{N}+$/u.test(mapped)) return mapped;
  return fold(STEM[language](mapped));
}

/** Each search term of a text with the word it came from, in order, duplicates kept. */
export function analyseWords(text: string, language: Locale): Array<{ word: string; term: string }> {
  const out: Array<{ word: string; term: string }> = [];
  // Multi-word synonyms first, so "co-financing" is one term before the tokenizer splits it.
  const prepared =
    language === 'en'
      ? text.replace(/\bco-(financ|fund)\w*/gi, 'cofinancing').replace(/\bnon-profit/gi, 'nonprofit')
      : text;
  for (const word of tokenize(prepared)) {
    const term = analyseWord(word, language);
    if (term) out.push({ word, term });
  }
  return out;
}

/** All search terms of a text, in order, duplicates kept (the index counts them). */
export function analyse(text: string, language: Locale): string[] {
  return analyseWords(text, language).map((w) => w.term);
}

// What the field's abbreviations stand for, searched alongside them in "what is X?" questions.
const ABBREVIATIONS: Record<Locale, Readonly<Record<string, string>>> = {
  sv: {
    iop: 'idéburet offentligt partnerskap',
    lou: 'lagen om offentlig upphandling',
    lov: 'lagen om valfrihetssystem',
    sgi: 'tjänster av allmänt intresse',
    sgei: 'tjänster av allmänt ekonomiskt intresse',
    nesgi: 'icke-ekonomiska tjänster av allmänt intresse',
    ök: 'överenskommelse med civilsamhället',
    lök: 'lokal överenskommelse med civilsamhället',
    skr: 'Sveriges Kommuner och Regioner',
  },
  en: {
    iop: 'idea-based public partnership',
    lou: 'Public Procurement Act',
    lov: 'Act on System of Choice',
    sgi: 'services of general interest',
    sgei: 'services of general economic interest',
    nesgi: 'non-economic services of general interest',
    skr: 'Swedish Association of Local Authorities and Regions',
  },
};

/** Search terms of what the abbreviations among `words` stand for. */
export function expandAbbreviations(text: string, language: Locale): string[] {
  return tokenize(text).flatMap((word) => {
    const long = ABBREVIATIONS[language][word];
    return long ? analyse(long, language) : [];
  });
}

const domainTerms: Record<Locale, ReadonlySet<string>> = {
  sv: new Set(analyse(DOMAIN_WORDS.sv, 'sv')),
  en: new Set(analyse(DOMAIN_WORDS.en, 'en')),
};

const broadDomainTerms: Record<Locale, ReadonlySet<string>> = {
  sv: new Set(analyse(BROAD_DOMAIN_WORDS.sv, 'sv')),
  en: new Set(analyse(BROAD_DOMAIN_WORDS.en, 'en')),
};

/** True for a field word that is also everyday municipal vocabulary (see BROAD_DOMAIN_WORDS). */
export function isBroadDomainTerm(term: string, language: Locale): boolean {
  return broadDomainTerms[language].has(term);
}

// Verbs and words of asking that name no topic ("vilka krav ställer …", "hur funkar …", "räcker det med …").
// They still match, but weigh little: rare as they may be in the knowledge, they must not decide the topic.
const GENERIC_WORDS: Record<Locale, string> = {
  sv: `ställer ställa ställs ställde fungerar fungera innebär innebära betyder betyda handlar handla använda använder
    används hitta hittar hittade tänker tänka brukar brukade kör köra ordna ordnar sköta sköter hantera hanterar
    räcker räcka skjuta skjuter stämmer hända händer hände hjälpa hjälper ge ger gav ta tar tog komma kommer kom gå
    går gick känna känner egen eget egna saken grej grejen sätt sättet exempelvis fall fallet situation läge
    fortsätta nämligen börja börjar började börjat gälla gällde gällt fundera funderar funderade överväga
    överväger planera planerar försöka försöker försökt försökte kollega kollegan kollegor chef chefen ekonomen
    påstår påstod påstått säger sa sade sagt hört hörde läst läste någonstans tydligen undrar undrade frågor
    frågorna ordning ungefär kolla kollar`,
  en: `does apply applies work works working mean means use used using find found think say tell need needs want get
    make made take go goes give happen happened handle run running know seem look thing things way case situation
    own consider considering wondering plan planning try tried trying colleague colleagues boss manager claims
    claimed says said heard read somewhere apparently question questions roughly order`,
};

const genericTerms: Record<Locale, ReadonlySet<string>> = {
  sv: new Set(analyse(GENERIC_WORDS.sv, 'sv')),
  en: new Set(analyse(GENERIC_WORDS.en, 'en')),
};

/** True when a search term names no topic by itself (see GENERIC_WORDS). */
export function isGenericTerm(term: string, language: Locale): boolean {
  return genericTerms[language].has(term);
}

const domainStems: Record<Locale, string[]> = {
  sv: [...domainTerms.sv].filter((t) => t.length >= 6),
  en: [...domainTerms.en].filter((t) => t.length >= 6),
};

/**
 * True when a search term belongs to the IOP field by itself (see DOMAIN_WORDS), also as the start of a compound
 * ("alingsåsmålet", "statsstödsreglerna").
 */
export function isDomainTerm(term: string, language: Locale): boolean {
  return domainTerms[language].has(term) || domainStems[language].some((stem) => term.startsWith(stem));
}

// Question words. Headings are written as the questions they answer, so "vem …?" should lean towards
// "Vem beslutar …?". They are indexed (headings only) and searched as special terms that steer a little.
const QUESTION_WORDS: Record<Locale, ReadonlySet<string>> = {
  sv: new Set(['vem', 'vilka', 'varför', 'när', 'hur', 'var']),
  en: new Set(['who', 'which', 'why', 'when', 'how', 'where']),
};

// A question word asks only where a clause starts: "när kom …?", "…, och vem …", but not "när det gäller" or
// "vad pratar man om när man säger …" in the middle of one.
const CLAUSE_WORD =
  /(?<=^\s*|[,.;:!?–—(]\s*|(?:^|\s)(?:och|samt|men|eller|typ|ba|liksom|undrar|and|but|or|so|q)\s+)(\p{L}+)/gu;

// "nar" typed for "när", "varfor" for "varför".
const FOLDED_QUESTION_WORDS: Record<Locale, ReadonlyMap<string, string>> = {
  sv: new Map([...QUESTION_WORDS.sv].map((w) => [fold(w), w])),
  en: new Map(),
};

/**
 * The question-word terms (`?vem`) of a text, and `?yesno` for a question asked to be answered yes or no
 * ("Måste vi upphandla …?" leans towards "Är IOP undantaget från LOU …?", not "Vad är skillnaden …?").
 */
export function questionTerms(text: string, language: Locale): string[] {
  const asked = [...text.toLowerCase().matchAll(CLAUSE_WORD)].flatMap((m) => {
    const word = FOLDED_QUESTION_WORDS[language].get(m[1] ?? '') ?? m[1] ?? '';
    return QUESTION_WORDS[language].has(word) ? [word] : [];
  });
  const words = [...new Set(asked)].map((w) => `?${w}`);
  return asksYesOrNo(text, language) ? [...words, '?yesno'] : words;
}

/** True when the word is a function word in the language (used to tell Swedish from English). */
export function isStopWord(word: string, language: Locale): boolean {
  return STOP_WORDS[language].has(word.toLowerCase());
}
