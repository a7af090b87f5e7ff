import type { Parser, ParsingComponents, ParsingResult, Refiner } from 'chrono-node';
import { wordParser } from './chrono-helpers.ts';
import { TAG_ASSUMED_TIME, TAG_RELATIVE_DATE } from './tags.ts';
import { WORD_END, WORD_START } from './vocabulary.ts';
import type { WallTime } from '../time/wall-clock.ts';

// Parts of the day a reminder may name instead of a clock time, in both languages: "på torsdag eftermiddag",
// "på eftermiddagen", "efter lunch", "i slutet av dagen", "in the afternoon", "at lunch", "by end of day".
// Chrono en knows "tomorrow morning", "Friday afternoon" and "tonight" itself (refiners.ts moves its hours);
// chrono sv knows none of them.

/** A part of the day, named instead of a clock time. */
export type DayPart =
  | 'early'
  | 'morning'
  | 'forenoon'
  | 'before-lunch'
  | 'lunch'
  | 'after-lunch'
  | 'afternoon'
  | 'end-of-day'
  | 'evening';

// Hours for a working day (chrono's own choice of 06:00 for "morning" is early for a reminder).
const DAY_PART_HOURS: Record<DayPart, number> = {
  early: 7,
  morning: 8,
  forenoon: 9,
  'before-lunch': 11,
  lunch: 12,
  'after-lunch': 13,
  afternoon: 15,
  'end-of-day': 16,
  evening: 19,
};

// A clock hour typed together with a later part of the day is on the afternoon side: "kl 3 på eftermiddagen" is
// 15:00, "kl 8 i kväll" 20:00. Only hours that make sense for that part move; "eftermiddag kl 14" stays 14:00.
const AFTERNOON_SIDE: Partial<Record<DayPart, { from: number; to: number }>> = {
  lunch: { from: 1, to: 2 },
  'after-lunch': { from: 1, to: 5 },
  afternoon: { from: 1, to: 7 },
  'end-of-day': { from: 1, to: 7 },
  evening: { from: 4, to: 11 },
};

const DAY_PART_PREFIX = 'iop/day-part/';
// Chrono en's own tags for the parts of the day it reads.
const CHRONO_DAY_PARTS: Record<string, DayPart> = {
  'casualReference/morning': 'morning',
  'casualReference/afternoon': 'afternoon',
  'casualReference/evening': 'evening',
  'casualReference/tonight': 'evening',
};

/** The part of the day a result names, if any. */
export function readDayPart(tags: ReadonlySet<string>): DayPart | null {
  for (const tag of tags) {
    if (tag.startsWith(DAY_PART_PREFIX)) return tag.slice(DAY_PART_PREFIX.length) as DayPart;
    const chrono = CHRONO_DAY_PARTS[tag];
    if (chrono) return chrono;
  }
  return null;
}

/** The hour a part of the day stands for. */
export function dayPartHour(part: DayPart): number {
  return DAY_PART_HOURS[part];
}

/** Marks `components` with a part of the day; gives it that part's hour unless a clock time is already there. */
export function applyDayPart(components: ParsingComponents, part: DayPart): ParsingComponents {
  components.addTag(`${DAY_PART_PREFIX}${part}`);
  if (components.isCertain('hour')) return components;
  return components.assign('hour', DAY_PART_HOURS[part]).assign('minute', 0).addTag(TAG_ASSUMED_TIME);
}

/** A typed clock time read in the light of a part of the day: 3 in the afternoon is 15:00. */
export function clockInDayPart(time: WallTime, part: DayPart | null): WallTime {
  const side = part ? AFTERNOON_SIDE[part] : undefined;
  if (!side || time.hour < side.from || time.hour > side.to) return time;
  return { ...time, hour: time.hour + 12 };
}

const SV_DAY_PARTS: Record<string, DayPart> = {
  bitti: 'early',
  morgon: 'morning',
  morgonen: 'morning',
  förmiddag: 'forenoon',
  förmiddagen: 'forenoon',
  fm: 'forenoon',
  lunch: 'lunch',
  lunchen: 'lunch',
  lunchtid: 'lunch',
  lunchtiden: 'lunch',
  eftermiddag: 'afternoon',
  eftermiddagen: 'afternoon',
  em: 'afternoon',
  kväll: 'evening',
  kvällen: 'evening',
};

/** The part of the day a Swedish word names ("eftermiddagen" → afternoon), or null. */
export function svDayPart(word: string): DayPart | null {
  return SV_DAY_PARTS[word.toLowerCase()] ?? null;
}

const SV_LUNCH = 'lunchen|lunchtiden|lunchtid|lunch';
const SV_ON_ITS_OWN = new RegExp(
  `${WORD_START}(?:(?:på|under|vid|mot|framåt)\\s+(morgonen|förmiddagen|${SV_LUNCH}|eftermiddagen|kvällen)` +
    `|(efter|före|innan)\\s+(?:${SV_LUNCH})` +
    `|(?:(?:i|vid|mot|före|innan)\\s+slutet\\s+av\\s+(?:arbets)?dagen|(?:vid|före|innan|mot)\\s+dagens\\s+slut))${WORD_END}`,
  'iu',
);

/** "på eftermiddagen", "vid lunch", "efter lunch", "i slutet av dagen": a time of day without a date. */
export const svDayPartParser: Parser = wordParser(SV_ON_ITS_OWN, (context, match) => {
  const lunch = match[2]?.toLowerCase();
  const part: DayPart =
    (match[1] ? svDayPart(match[1]) : null) ??
    (lunch === 'efter' ? 'after-lunch' : lunch !== undefined ? 'before-lunch' : 'end-of-day');
  return applyDayPart(context.createParsingComponents(), part);
});

// A bare part of the day right after a date or time: "torsdag eftermiddag", "på fredag em", "3 mars kväll".
// Bare "lunch" is left out: in "på fredag lunch med Anna" it is what the reminder is about.
const SV_AFTER_DATE =
  /^\s*,?\s*(?:på\s+)?(bitti|morgonen|morgon|förmiddagen|förmiddag|fm|eftermiddagen|eftermiddag|em|kvällen|kväll)(?![\p{L}\p{N}-])/iu;

function namesDayOrTime(result: ParsingResult): boolean {
  const { start } = result;
  return (
    start.isCertain('day') ||
    start.isCertain('weekday') ||
    start.isCertain('hour') ||
    result.tags().has(TAG_RELATIVE_DATE)
  );
}

/** Takes a bare part of the day after a date or time into that result ("nästa torsdag eftermiddag"). */
export const svDayPartAfterDateRefiner: Refiner = {
  refine: (context, results) => {
    const kept: ParsingResult[] = [];
    for (const result of [...results].sort((a, b) => a.index - b.index)) {
      const previous = kept.at(-1);
      // A result the previous one grew over ("på morgonen" after "på fredag") is part of it now.
      if (previous && result.index < previous.index + previous.text.length) continue;
      kept.push(result);
      if (!namesDayOrTime(result) || readDayPart(result.tags())) continue;
      const match = SV_AFTER_DATE.exec(context.text.slice(result.index + result.text.length));
      const part = match ? svDayPart(match[1] ?? '') : null;
      if (!match || !part) continue;
      result.text += match[0];
      applyDayPart(result.start, part);
    }
    return kept;
  },
};

const EN_LUNCH = 'lunchtime|lunch';
const EN_ON_ITS_OWN = new RegExp(
  `${WORD_START}(?:(?:in|during)\\s+the\\s+(morning|afternoon|evening)` +
    `|(?:at|over|during)\\s+(?:${EN_LUNCH})` +
    `|(after|before)\\s+(?:${EN_LUNCH})` +
    `|((?:(?:at|by|before|towards?|until)\\s+)?(?:the\\s+)?end\\s+of\\s+(?:the\\s+)?(?:(?:work(?:ing)?|business)\\s+)?day|(?:by\\s+)?eod))${WORD_END}`,
  'iu',
);
const EN_DAY_PARTS: Record<string, DayPart> = { morning: 'morning', afternoon: 'afternoon', evening: 'evening' };

/** "in the afternoon", "at lunch", "after lunch", "by end of day": a time of day without a date. */
export const enDayPartParser: Parser = wordParser(EN_ON_ITS_OWN, (context, match) => {
  const lunch = match[2]?.toLowerCase();
  let part: DayPart = 'lunch';
  if (match[1]) part = EN_DAY_PARTS[match[1].toLowerCase()] ?? 'afternoon';
  else if (lunch) part = lunch === 'after' ? 'after-lunch' : 'before-lunch';
  else if (match[3]) part = 'end-of-day';
  return applyDayPart(context.createParsingComponents(), part);
});
