import type { Parser, ParsingComponents, ParsingContext } from 'chrono-node';
import { wordParser } from './chrono-helpers.ts';
import { TAG_BARE_NUMBER, tagMonthDay, tagRecurrence } from './tags.ts';
import type { Frequency } from './types.ts';
import {
  EN_NUMBER,
  EN_WEEKDAYS,
  numberValue,
  ORDINAL_WORD,
  SV_UNIT,
  ordinalValue,
  SV_WEEKDAYS,
  WORD_END,
  WORD_START,
} from './vocabulary.ts';

// Chrono has no notion of repetition in any locale: these parsers add "varje måndag", "varannan vecka",
// "årligen", "en gång per år", "every month", "every other week", … They yield results that carry the rule as
// a tag and no date of their own; a weekday ("varje *måndag*") or date ("varje år *den 1 mars*") next to them
// is left for chrono to parse, and the resolver combines the two.
// They also add a marker for "om 3" / "in 3": a number without a unit, which chrono silently ignores.

const FREQ_BY_UNIT: Record<string, Frequency> = {
  dag: 'daily',
  dagen: 'daily',
  vecka: 'weekly',
  veckan: 'weekly',
  månad: 'monthly',
  månaden: 'monthly',
  år: 'yearly',
  året: 'yearly',
  day: 'daily',
  days: 'daily',
  week: 'weekly',
  weeks: 'weekly',
  month: 'monthly',
  months: 'monthly',
  year: 'yearly',
  years: 'yearly',
};

const FREQ_BY_ADVERB: Record<string, Frequency> = {
  dagligen: 'daily',
  veckovis: 'weekly',
  månadsvis: 'monthly',
  månatligen: 'monthly',
  årligen: 'yearly',
  årsvis: 'yearly',
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  yearly: 'yearly',
  annually: 'yearly',
};

function recurrence(context: ParsingContext, freq: Frequency, interval: number, monthDay?: string): ParsingComponents {
  const components = context.createParsingComponents();
  tagRecurrence(components, freq, interval);
  const day = monthDay === undefined ? null : Number(monthDay);
  if (day !== null && day >= 1 && day <= 31) tagMonthDay(components, day);
  return components;
}

function weekdayRecurrence(context: ParsingContext, weekday: number, interval: number): ParsingComponents {
  const components = context.createParsingComponents({ weekday });
  tagRecurrence(components, 'weekly', interval);
  return components;
}

const ORDINAL = `(?:${ORDINAL_WORD}|\\d{1,2}(?::?e)?)`;
const SV_UNIT_WORD = '(dagen|dag|veckan|vecka|månaden|månad|året|år)';
const SV_MONTH_NAMES =
  'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec';
// "varje månad den 15" (but not "varje år den 1 mars", where the date is chrono's to parse).
const SV_MONTH_DAY = `(?:\\s+den\\s+(\\d{1,2})(?::?[ea])?(?!\\s*(?:${SV_MONTH_NAMES})${WORD_END}))`;
const SV_PLURAL_WEEKDAYS = SV_WEEKDAYS.map((d) => `${d}ar`).join('|');

const SV_PATTERNS: Array<{ pattern: RegExp; extract: (c: ParsingContext, m: RegExpMatchArray) => ParsingComponents }> =
  [
    {
      // "varje vecka", "varje månad den 15"
      pattern: new RegExp(`${WORD_START}varje\\s+${SV_UNIT_WORD}${SV_MONTH_DAY}?${WORD_END}`, 'iu'),
      extract: (c, m) => recurrence(c, FREQ_BY_UNIT[m[1]!.toLowerCase()]!, 1, m[2]),
    },
    {
      // "den 15 varje månad", "den 15:e i varje månad"
      pattern: new RegExp(`${WORD_START}den\\s+(\\d{1,2})(?::?[ea])?\\s+(?:i\\s+)?varje\\s+månad${WORD_END}`, 'iu'),
      extract: (c, m) => recurrence(c, 'monthly', 1, m[1]),
    },
    {
      // "varannan vecka", "vartannat år", "var tredje månad", "var 14:e dag"
      pattern: new RegExp(
        `${WORD_START}(?:(varannan|vartannat)|vart?\\s+(${ORDINAL}))\\s+${SV_UNIT_WORD}${SV_MONTH_DAY}?${WORD_END}`,
        'iu',
      ),
      extract: (c, m) => {
        const interval = m[1] ? 2 : (ordinalValue(m[2] ?? '') ?? 1);
        return recurrence(c, FREQ_BY_UNIT[m[3]!.toLowerCase()]!, Math.max(1, interval), m[4]);
      },
    },
    {
      // "en gång per år", "en gång i månaden", "en gång om året"
      pattern: new RegExp(`${WORD_START}en\\s+gång\\s+(?:per|i|om)\\s+${SV_UNIT_WORD}${WORD_END}`, 'iu'),
      extract: (c, m) => recurrence(c, FREQ_BY_UNIT[m[1]!.toLowerCase()]!, 1),
    },
    {
      pattern: new RegExp(`${WORD_START}(dagligen|veckovis|månadsvis|månatligen|årligen|årsvis)${WORD_END}`, 'iu'),
      extract: (c, m) => recurrence(c, FREQ_BY_ADVERB[m[1]!.toLowerCase()]!, 1),
    },
    {
      // "varje måndag", "varannan fredag": only the lead word; chrono parses the weekday after it.
      pattern: new RegExp(
        `${WORD_START}(varje|varannan|var\\s+${ORDINAL})(?=\\s+(?:på\\s+)?(?:${SV_WEEKDAYS.join('|')})${WORD_END})`,
        'iu',
      ),
      extract: (c, m) => {
        const lead = m[1]!.toLowerCase();
        const interval = lead === 'varje' ? 1 : lead === 'varannan' ? 2 : ordinalValue(lead.split(/\s+/u)[1] ?? '');
        return recurrence(c, 'weekly', Math.max(1, interval ?? 1));
      },
    },
    {
      // "på måndagar", "alla fredagar": chrono does not know the plural.
      pattern: new RegExp(`${WORD_START}(?:på\\s+|alla\\s+)?(${SV_PLURAL_WEEKDAYS})${WORD_END}`, 'iu'),
      extract: (c, m) => weekdayRecurrence(c, SV_PLURAL_WEEKDAYS.split('|').indexOf(m[1]!.toLowerCase()), 1),
    },
  ];

const EN_UNIT_WORD = '(days?|weeks?|months?|years?)';
const EN_MONTH_DAY = '(?:\\s+on\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\s+of))';
const EN_PLURAL_WEEKDAYS = EN_WEEKDAYS.map((d) => `${d}s`).join('|');

const EN_PATTERNS: Array<{ pattern: RegExp; extract: (c: ParsingContext, m: RegExpMatchArray) => ParsingComponents }> =
  [
    {
      // "every month", "each week", "every month on the 15th"
      pattern: new RegExp(`${WORD_START}(?:every|each)\\s+${EN_UNIT_WORD}${EN_MONTH_DAY}?${WORD_END}`, 'iu'),
      extract: (c, m) => recurrence(c, FREQ_BY_UNIT[m[1]!.toLowerCase()]!, 1, m[2]),
    },
    {
      // "every other week", "every third month", "every 2 weeks"
      pattern: new RegExp(
        `${WORD_START}every\\s+(${ORDINAL_WORD}|${EN_NUMBER})\\s+${EN_UNIT_WORD}${EN_MONTH_DAY}?${WORD_END}`,
        'iu',
      ),
      extract: (c, m) => {
        const interval = ordinalValue(m[1]!) ?? numberValue(m[1]!) ?? 1;
        return recurrence(c, FREQ_BY_UNIT[m[2]!.toLowerCase()]!, Math.max(1, interval), m[3]);
      },
    },
    {
      // "the 15th of every month"
      pattern: new RegExp(
        `${WORD_START}(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+of\\s+(?:every|each)\\s+month${WORD_END}`,
        'iu',
      ),
      extract: (c, m) => recurrence(c, 'monthly', 1, m[1]),
    },
    {
      pattern: new RegExp(`${WORD_START}once\\s+(?:a|per|every)\\s+(day|week|month|year)${WORD_END}`, 'iu'),
      extract: (c, m) => recurrence(c, FREQ_BY_UNIT[m[1]!.toLowerCase()]!, 1),
    },
    {
      pattern: new RegExp(`${WORD_START}(daily|weekly|monthly|yearly|annually)${WORD_END}`, 'iu'),
      extract: (c, m) => recurrence(c, FREQ_BY_ADVERB[m[1]!.toLowerCase()]!, 1),
    },
    {
      // "every Monday", "every other Friday": only the lead words; chrono parses the weekday.
      pattern: new RegExp(
        `${WORD_START}(every|each|every\\s+${ORDINAL_WORD})(?=\\s+(?:${EN_WEEKDAYS.join('|')})${WORD_END})`,
        'iu',
      ),
      extract: (c, m) => {
        const words = m[1]!.toLowerCase().split(/\s+/u);
        return recurrence(c, 'weekly', Math.max(1, ordinalValue(words[1] ?? '') ?? 1));
      },
    },
    {
      // "on Mondays"
      pattern: new RegExp(`${WORD_START}(?:on\\s+)?(${EN_PLURAL_WEEKDAYS})${WORD_END}`, 'iu'),
      extract: (c, m) => weekdayRecurrence(c, EN_PLURAL_WEEKDAYS.split('|').indexOf(m[1]!.toLowerCase()), 1),
    },
  ];

/** Parsers for Swedish repeat phrases. */
export const svRecurrenceParsers: Parser[] = SV_PATTERNS.map(({ pattern, extract }) => wordParser(pattern, extract));
/** Parsers for English repeat phrases. */
export const enRecurrenceParsers: Parser[] = EN_PATTERNS.map(({ pattern, extract }) => wordParser(pattern, extract));

function bareNumberParser(lead: string, number: string, units: string): Parser {
  const pattern = new RegExp(
    `${WORD_START}${lead}\\s+(?:${number})${WORD_END}(?!\\s*(?:${units})${WORD_END})(?!\\s*[:./]\\d)`,
    'iu',
  );
  return wordParser(pattern, (context) => context.createParsingComponents().addTag(TAG_BARE_NUMBER));
}

// Only digits and words from two up: "om en" / "in a" are too common in ordinary text to flag.
const SV_BARE_NUMBER = '\\d{1,6}|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv';
const EN_BARE_NUMBER = '\\d{1,6}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const EN_UNITS = 'seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|fortnights?';

/** "om 3" without a unit: a number of what? The resolver ignores it when a date is given elsewhere. */
export const svBareNumberParser: Parser = bareNumberParser('om', SV_BARE_NUMBER, `${SV_UNIT}|halvtimme|kvart`);
/** "in 3" without a unit. */
export const enBareNumberParser: Parser = bareNumberParser('in', EN_BARE_NUMBER, EN_UNITS);
