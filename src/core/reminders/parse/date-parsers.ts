import type { Parser } from 'chrono-node';
import { referenceWallClock, wordParser } from './chrono-helpers.ts';
import { TAG_IMPOSSIBLE } from './tags.ts';
import { EN_MONTH, monthValue, WORD_END, WORD_START } from './vocabulary.ts';

// Chrono en in its British setting reads a number after a month name as a year when it could be one: "March 15"
// became March 2015 and "February 30" February 2030 ("too far ahead" instead of "that date does not exist").
const EN_MONTH_DAY = new RegExp(
  `${WORD_START}(${EN_MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?${WORD_END}(?![:.]\\d)`,
  'iu',
);

/** "March 15", "Feb 30", "April 31st, 2027": the day of a month, never a two-digit year. */
export const enMonthDayParser: Parser = wordParser(EN_MONTH_DAY, (context, match) => {
  const month = monthValue(match[1] ?? '');
  const day = Number(match[2]);
  // "you may 2 …": the verb, not the month, unless written as a name.
  if (month === null || day < 1 || match[1] === 'may') return null;
  const components = context.createParsingComponents({ month, day });
  // A day the month does not have makes the date invalid; impossibleDateRefiner then names it.
  if (match[3]) components.assign('year', Number(match[3]));
  else components.imply('year', referenceWallClock(context).year);
  return components;
});

// Day/month with a day above 31 or a month above 12 ("32/1", "13/13"): chrono skips it silently, so the user would
// hear "no time found". Limited to numbers that look like a slip of the finger, not a score like "50/50".
const SLASH_OUT_OF_RANGE = /(\d{1,2})\/(\d{1,2})(?:\/(?:\d{4}|\d{2}))?(?![\p{L}\p{N}]|\/\d)/u;

/** "32/1", "13/13": a day/month date that does not exist. */
export const slashOutOfRangeParser: Parser = wordParser(SLASH_OUT_OF_RANGE, (context, match) => {
  const day = Number(match[1]);
  const month = Number(match[2]);
  const before = context.text[(match.index ?? 0) - 1];
  if (before !== undefined && /[/.:-]/u.test(before)) return null;
  const plausible = day >= 1 && day <= 39 && month >= 1 && month <= 19;
  if (!plausible || (day <= 31 && month <= 12)) return null;
  return context.createParsingComponents({ day: 1, month: 1 }).addTag(TAG_IMPOSSIBLE);
});
