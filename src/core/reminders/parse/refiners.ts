import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { referenceWallClock } from './chrono-helpers.ts';
import { dayPartHour, readDayPart } from './part-of-day.ts';
import { TAG_BACKWARD, TAG_IMPOSSIBLE, TAG_RELATIVE_DATE, TAG_RELATIVE_TIME } from './tags.ts';
import { daysInMonth } from '../time/wall-clock.ts';

function isLeapYear(year: number): boolean {
  return daysInMonth(year, 2) === 29;
}

// Chrono drops dates that do not exist ("31 februari", "30/2", "2027-13-01") in its last filter, so the user
// would hear "no time found". Running first, this refiner keeps them as results tagged impossible (made valid
// so the filter lets them through) and gives "29 februari" without a year its next leap year.
/** Tags impossible dates instead of letting chrono drop them; "29 februari" gets its next leap year. */
export const impossibleDateRefiner: Refiner = {
  refine: (_context, results) => {
    for (const result of results) {
      for (const components of [result.start, result.end]) {
        if (!components || components.isValidDate()) continue;
        const isLeapDay = components.get('month') === 2 && components.get('day') === 29;
        if (isLeapDay && !components.isCertain('year')) {
          let year = components.get('year') ?? 0;
          while (!isLeapYear(year)) year += 1;
          components.imply('year', year);
          continue;
        }
        result.addTag(TAG_IMPOSSIBLE);
        components.assign('day', 1).assign('month', 1).assign('hour', 0).assign('minute', 0);
      }
    }
    return results;
  },
};

// Chrono adds months with `Date#setMonth`, which rolls over: "in a month" on 31 January gives 3 March. When a
// relative month/year result lands on another day of the month than today, move it back to the end of the
// month it meant (28/29 February), as date-fns' addMonths does.
/** Clamps chrono's relative months and years to the month end instead of rolling over. */
export const monthEndRefiner: Refiner = {
  refine: (context, results) => {
    const today = referenceWallClock(context);
    for (const result of results) {
      const start = result.start;
      const tags = result.tags();
      if (!tags.has(TAG_RELATIVE_DATE) || tags.has(TAG_RELATIVE_TIME) || start.isCertain('day')) continue;
      const day = start.get('day');
      let month = start.get('month');
      let year = start.get('year');
      if (day === null || month === null || year === null || day === today.day) continue;
      month -= 1;
      if (month === 0) {
        month = 12;
        year -= 1;
      }
      const set = (component: 'day' | 'month' | 'year', value: number) =>
        start.isCertain(component) ? start.assign(component, value) : start.imply(component, value);
      set('year', year);
      set('month', month);
      set('day', daysInMonth(year, month));
    }
    return results;
  },
};

const SHORT_SV_WEEKDAYS = new Set(['må', 'ti', 'on', 'to', 'fr', 'lö', 'so', 'mån']);

// Chrono's sv weekday list includes two-letter forms ("to", "on", "fr", "må") and "mån", which turn English
// words and "i mån av tid" into weekdays. Keep only weekdays written out (or as "tis", "ons", "fre", …).
/** Drops weekdays chrono sv read from two-letter abbreviations or "mån". */
export const shortWeekdayRefiner: Refiner = {
  refine: (_context, results) =>
    results.filter((result) => {
      const onlyWeekday = result.start.isCertain('weekday') && !result.start.isCertain('day');
      if (!onlyWeekday) return true;
      const word = result.text
        .toLowerCase()
        .replace(/[^\p{L}\s]/gu, ' ')
        .trim()
        .split(/\s+/u)
        .filter((w) => !['på', 'nästa', 'förra', 'senaste', 'kommande'].includes(w));
      return !(word.length === 1 && SHORT_SV_WEEKDAYS.has(word[0] ?? ''));
    }),
};

const BACKWARD_WORDS = /(?<![\p{L}\p{N}])(förra|senaste|passerade|last|past|previous)(?![\p{L}\p{N}])/iu;

/** Tags "förra fredag" / "last Friday" so the resolver does not move them to the coming week. */
export const backwardRefiner: Refiner = {
  refine: (_context, results) => {
    for (const result of results) if (BACKWARD_WORDS.test(result.text)) result.addTag(TAG_BACKWARD);
    return results;
  },
};

/** Drops "nu"/"now" when another time is given: "i morgon, vi tar det nu" means tomorrow. */
export const nowRefiner: Refiner = {
  refine: (_context: ParsingContext, results: ParsingResult[]) => {
    const isNow = (r: ParsingResult) => r.tags().has('casualReference/now') || /^(nu|now)$/iu.test(r.text.trim());
    return results.some((r) => !isNow(r)) ? results.filter((r) => !isNow(r)) : results;
  },
};

// Our date-less results (a repeat rule, "om 3") look to chrono's en merge refiners like a bare time or a bare
// date and get merged away ("every" + "Monday" became a time). Keep them aside while chrono refines.
const stashed = new WeakMap<ParsingContext, ParsingResult[]>();

function isMarker(result: ParsingResult): boolean {
  return result.start.getCertainComponents().length === 0 && [...result.tags()].some((tag) => tag.startsWith('iop/'));
}

/** Takes our date-less results out before chrono's refiners run (pair with restoreMarkersRefiner). */
export const stashMarkersRefiner: Refiner = {
  refine: (context, results) => {
    stashed.set(context, results.filter(isMarker));
    return results.filter((r) => !isMarker(r));
  },
};

/** Puts the stashed results back, resolving overlaps as chrono does: the longer text wins. */
export const restoreMarkersRefiner: Refiner = {
  refine: (context, results) => {
    const all = [...results, ...(stashed.get(context) ?? [])].sort((a, b) => a.index - b.index);
    stashed.delete(context);
    const kept: ParsingResult[] = [];
    for (const result of all) {
      const previous = kept.at(-1);
      if (!previous || result.index >= previous.index + previous.text.length) kept.push(result);
      else if (result.text.length > previous.text.length) kept[kept.length - 1] = result;
    }
    return kept;
  },
};

// Chrono en puts "tomorrow morning" at 06:00 and "tonight" at 22:00; a reminder wants office-friendly hours,
// the same as our Swedish parts of the day.
/** Moves chrono's implied part-of-day hours to office-friendly ones. */
export const partOfDayRefiner: Refiner = {
  refine: (_context, results) => {
    for (const result of results) {
      if (result.start.isCertain('hour')) continue;
      const part = readDayPart(result.tags());
      if (part) result.start.imply('hour', dayPartHour(part)).imply('minute', 0);
    }
    return results;
  },
};
