// Words our chrono extensions understand. Regex fragments are strings so that parsers can compose them;
// every pattern is compiled with the `iu` flags (case-insensitive, Unicode-aware for å/ä/ö).

/** Start of a word: not preceded by a letter or digit. */
export const WORD_START = '(?<![\\p{L}\\p{N}])';
/** End of a word: not followed by a letter or digit. */
export const WORD_END = '(?![\\p{L}\\p{N}])';

/** Swedish counting words; chrono's sv list has them but no "ett par"/"några", and its 30 is misspelt. */
const SV_NUMBER_WORDS: Record<string, number> = {
  en: 1,
  ett: 1,
  'ett par': 2,
  par: 2,
  två: 2,
  tre: 3,
  några: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  åtta: 8,
  nio: 9,
  tio: 10,
  elva: 11,
  tolv: 12,
  tretton: 13,
  fjorton: 14,
  femton: 15,
  sexton: 16,
  sjutton: 17,
  arton: 18,
  nitton: 19,
  tjugo: 20,
  trettio: 30,
};

const EN_NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'a couple of': 2,
  'a few': 3,
};

function alternation(words: Iterable<string>): string {
  // Longest first, so "ett par" wins over "ett" and "tretton" over "tre".
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, '\\s+'))
    .join('|');
}

/** Any count: digits (bounded so huge inputs stay cheap) or a Swedish number word. */
export const SV_NUMBER = `(?:\\d{1,6}|${alternation(Object.keys(SV_NUMBER_WORDS))})`;
/** Any count in English. */
export const EN_NUMBER = `(?:\\d{1,6}|${alternation(Object.keys(EN_NUMBER_WORDS))})`;

/** The value of a count matched by SV_NUMBER or EN_NUMBER, or null. */
export function numberValue(word: string): number | null {
  const key = word.toLowerCase().replace(/\s+/g, ' ');
  if (/^\d+$/.test(key)) return Number(key);
  return SV_NUMBER_WORDS[key] ?? EN_NUMBER_WORDS[key] ?? null;
}

/** Units of a relative time ("om 3 dagar"). */
export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const SV_UNITS: Record<string, DurationUnit> = {
  min: 'minute',
  minut: 'minute',
  minuter: 'minute',
  tim: 'hour',
  timme: 'hour',
  timma: 'hour',
  timmar: 'hour',
  dag: 'day',
  dagar: 'day',
  dygn: 'day',
  vecka: 'week',
  veckor: 'week',
  månad: 'month',
  månader: 'month',
  år: 'year',
};

/** Any Swedish duration unit. */
export const SV_UNIT = `(?:${alternation(Object.keys(SV_UNITS))})`;

/** The unit matched by SV_UNIT, or null. */
export function svUnit(word: string): DurationUnit | null {
  return SV_UNITS[word.toLowerCase()] ?? null;
}

/** Swedish weekday names, 0 = Sunday (full forms only: chrono's 2-letter ones collide with "to", "on"). */
export const SV_WEEKDAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'] as const;
/** English weekday names, 0 = Sunday. */
export const EN_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Swedish and English ordinals used for "var tredje vecka" / "every third week". */
const ORDINALS: Record<string, number> = {
  annan: 2,
  annat: 2,
  andra: 2,
  tredje: 3,
  fjärde: 4,
  femte: 5,
  sjätte: 6,
  other: 2,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
};

/** Any ordinal word of ORDINALS. */
export const ORDINAL_WORD = `(?:${alternation(Object.keys(ORDINALS))})`;

/** The value of an ordinal ("tredje" → 3, "14:e" → 14), or null. */
export function ordinalValue(word: string): number | null {
  const key = word.toLowerCase();
  const digits = /^(\d{1,3})/.exec(key);
  if (digits) return Number(digits[1]);
  return ORDINALS[key] ?? null;
}

const SV_MONTHS: Record<string, number> = {
  januari: 1,
  februari: 2,
  mars: 3,
  april: 4,
  maj: 5,
  juni: 6,
  juli: 7,
  augusti: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};

const EN_MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Any Swedish month name or abbreviation. */
export const SV_MONTH = `(?:${alternation(Object.keys(SV_MONTHS))})`;
/** Any English month name or abbreviation. */
export const EN_MONTH = `(?:${alternation(Object.keys(EN_MONTHS))})`;

/** The month (1–12) a name matched by SV_MONTH or EN_MONTH stands for, or null. */
export function monthValue(word: string): number | null {
  const key = word.toLowerCase();
  return SV_MONTHS[key] ?? EN_MONTHS[key] ?? null;
}
