import type { Parser, ParsingComponents, ParsingContext } from 'chrono-node';
import { dateComponents, referenceWallClock, wordParser } from './chrono-helpers.ts';
import { applyDayPart, svDayPart } from './part-of-day.ts';
import { TAG_BACKWARD, TAG_IMPOSSIBLE, TAG_RELATIVE_DATE, TAG_RELATIVE_TIME } from './tags.ts';
import { type DurationUnit, numberValue, SV_NUMBER, SV_UNIT, svUnit, WORD_END, WORD_START } from './vocabulary.ts';
import { addDays, addMonthsClamped } from '../time/wall-clock.ts';

// What chrono's sv locale (2.10) misses and these parsers add:
// - "om två veckor", "om 3 dagar", "om en timme", "om 1 timme och 30 minuter", "om en halvtimme", "om en kvart",
//   "nästa vecka/månad/år": chrono sv only knows "efter 2 veckor" / "nästa 2 veckor", with digits or its own
//   number words (no "ett par", "några").
// - "kl 9", "kl. 9.30", "klockan 14", "14:30": chrono sv has no time-of-day parser at all.
// - "i morgon", "i övermorgon", "i dag", "i går" (with a space), "i morgon eftermiddag", "ikväll": chrono sv knows
//   only the one-word forms, computes them in the machine's time zone instead of the reference's, and leaves
//   "övermorgon" on today.

const MS_PER_MINUTE = 60_000;
const UNIT_MINUTES: Partial<Record<DurationUnit, number>> = { minute: 1, hour: 60, day: 1440, week: 10080 };
// Anything beyond this many months is far past the limit of a few years; capping keeps date arithmetic finite.
const MAX_MONTHS = 120_000;

type Duration = Partial<Record<DurationUnit, number>>;

const PART = `(${SV_NUMBER})\\s*(${SV_UNIT})`;
const RELATIVE = new RegExp(
  `${WORD_START}(?:om\\s+(?:${PART}(?:(?:\\s*,\\s*|\\s+och\\s+)${PART})*|(en\\s+halvtimme|en\\s+halvtimma|en\\s+kvart|ett\\s+halvår))|(nästa|kommande)\\s+(vecka|månad|år))${WORD_END}`,
  'iu',
);
const PART_GLOBAL = new RegExp(`(${SV_NUMBER})\\s*(${SV_UNIT})${WORD_END}`, 'giu');

function durationOf(match: RegExpMatchArray): Duration | null {
  const special = match[5]?.toLowerCase().replace(/\s+/g, ' ');
  if (special === 'en halvtimme' || special === 'en halvtimma') return { minute: 30 };
  if (special === 'en kvart') return { minute: 15 };
  if (special === 'ett halvår') return { month: 6 };
  const nextUnit = match[7] ? svUnit(match[7]) : null;
  if (nextUnit) return { [nextUnit]: 1 };
  const duration: Duration = {};
  for (const part of match[0].matchAll(PART_GLOBAL)) {
    const count = numberValue(part[1] ?? '');
    const unit = svUnit(part[2] ?? '');
    if (count === null || unit === null) return null;
    duration[unit] = (duration[unit] ?? 0) + count;
  }
  return Object.keys(duration).length > 0 ? duration : null;
}

function relativeComponents(context: ParsingContext, duration: Duration): ParsingComponents {
  const months = Math.min((duration.year ?? 0) * 12 + (duration.month ?? 0), MAX_MONTHS);
  if (duration.hour === undefined && duration.minute === undefined) {
    // Calendar units move the wall-clock date; the resolver then sets the time, so DST never shifts it.
    const now = referenceWallClock(context);
    const date = addDays(addMonthsClamped(now, months), (duration.week ?? 0) * 7 + (duration.day ?? 0));
    return dateComponents(context, date).addTag(TAG_RELATIVE_DATE);
  }
  // Hours and minutes are elapsed time: an exact instant, pinned with the reference offset as chrono does.
  let minutes = 0;
  for (const [unit, count] of Object.entries(duration) as Array<[DurationUnit, number]>) {
    minutes += count * (UNIT_MINUTES[unit] ?? 0);
  }
  const offset = context.reference.getTimezoneOffset();
  const base = context.reference.instant.getTime() + minutes * MS_PER_MINUTE;
  const shifted = new Date(base + offset * MS_PER_MINUTE);
  const withMonths = addMonthsClamped(
    { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    months,
  );
  return context
    .createParsingComponents({
      ...withMonths,
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
      timezoneOffset: offset,
    })
    .addTag(TAG_RELATIVE_DATE)
    .addTag(TAG_RELATIVE_TIME);
}

/** "om två veckor", "om 3 dagar", "om en timme", "nästa månad". */
export const svRelativeParser: Parser = wordParser(RELATIVE, (context, match) => {
  const duration = durationOf(match);
  return duration ? relativeComponents(context, duration) : null;
});

const CLOCK = new RegExp(`${WORD_START}(?:kl\\.?|klockan)\\s*(\\d{1,2})(?:[:.](\\d{2}))?(?![\\p{N}])`, 'iu');
const BARE_CLOCK = /(?<![\p{L}\p{N}:./-])(\d{1,2}):(\d{2})(?![\p{N}:])/u;

function clockComponents(context: ParsingContext, hour: number, minute: number): ParsingComponents {
  if (hour > 23 || minute > 59) {
    return context.createParsingComponents({ hour: 0, minute: 0 }).addTag(TAG_IMPOSSIBLE);
  }
  return context.createParsingComponents({ hour, minute, second: 0, millisecond: 0 });
}

/** "kl 9", "kl. 9.30", "klockan 14" (24-hour clock, as written in Sweden: "kl 5" is 05:00). */
export const svClockParser: Parser = wordParser(CLOCK, (context, match) =>
  clockComponents(context, Number(match[1]), Number(match[2] ?? 0)),
);

/** A bare "14:30" without "kl"; chrono's en locale has this already, sv does not. */
export const svBareClockParser: Parser = {
  pattern: () => BARE_CLOCK,
  extract: (context, match) => {
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    return hour > 23 || minute > 59 ? null : clockComponents(context, hour, minute);
  },
};

const DAY_WORDS: Record<string, number> = {
  idag: 0,
  imorgon: 1,
  imorn: 1,
  iövermorgon: 2,
  övermorgon: 2,
  igår: -1,
  iförrgår: -2,
  förrgår: -2,
};

const CASUAL_DAY = new RegExp(
  `${WORD_START}(?:(i\\s*dag|i\\s*morgon|i\\s*morn|i\\s*övermorgon|övermorgon|i\\s*går|i\\s*förrgår|förrgår)` +
    `(?:\\s+(?:på\\s+)?(bitti|morgonen|morgon|förmiddagen|förmiddag|lunch|eftermiddagen|eftermiddag|kvällen|kväll))?` +
    `|i\\s*(kväll|eftermiddag|förmiddag))${WORD_END}`,
  'iu',
);

/** "i dag", "i morgon", "i går", "i morgon eftermiddag", "ikväll", "i förmiddag", computed in the user's zone. */
export const svCasualDayParser: Parser = wordParser(CASUAL_DAY, (context, match) => {
  const dayWord = (match[1] ?? 'idag').toLowerCase().replace(/\s+/g, '');
  const offsetDays = DAY_WORDS[dayWord];
  if (offsetDays === undefined) return null;
  const components = dateComponents(context, addDays(referenceWallClock(context), offsetDays));
  if (offsetDays < 0) components.addTag(TAG_BACKWARD);
  const part = svDayPart(match[2] ?? match[3] ?? '');
  return part ? applyDayPart(components, part) : components;
});

const SV_MONTHS =
  'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec';
const DAY_OUT_OF_RANGE = new RegExp(`${WORD_START}(?:den\\s+)?(3[2-9]|[4-9]\\d)\\s*(?:${SV_MONTHS})${WORD_END}`, 'iu');

/** "den 32 januari": chrono sv drops a day above 31 without a word; we call it an impossible date. */
export const svDayOutOfRangeParser: Parser = wordParser(DAY_OUT_OF_RANGE, (context) =>
  context.createParsingComponents({ day: 1, month: 1 }).addTag(TAG_IMPOSSIBLE),
);
