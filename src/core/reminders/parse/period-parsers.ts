import type { Parser, ParsingComponents, ParsingContext } from 'chrono-node';
import { dateComponents, referenceWallClock, wordParser } from './chrono-helpers.ts';
import { tagIfPast, tagMonthDay, tagRecurrence } from './tags.ts';
import { EN_MONTH, monthValue, SV_MONTH, WORD_END, WORD_START } from './vocabulary.ts';
import {
  addDays,
  addMonthsClamped,
  compareWallDates,
  daysInMonth,
  type WallDate,
  weekdayOf,
} from '../time/wall-clock.ts';

// The start, middle or end of a week, a month or a year: "i slutet av månaden", "i början av nästa vecka",
// "vid månadsskiftet", "i mitten av mars", "end of the month", "start of next month", "mid-December", "early next
// week", and their repeating forms ("i slutet av varje månad", "at the end of every month"). Chrono sv reads none
// of them and chrono en only some, keeping part of the phrase in the reminder's text ("at the … to file").

type Position = 'start' | 'middle' | 'end';
type Unit = 'week' | 'month' | 'year';
/** `this`: the current period, even if the day has passed; `next`: the following one; `coming`: the first not past. */
type Which = 'this' | 'next' | 'coming';

// Weeks run Monday to Sunday, as in Sweden; their start, middle and end are the working week's Monday,
// Wednesday and Friday. A month's are the 1st, the 15th and its last day; a year's 1 January, 1 July, 31 December.
const WEEK_OFFSET: Record<Position, number> = { start: 0, middle: 2, end: 4 };
const MONTH_DAY: Record<Position, number> = { start: 1, middle: 15, end: 31 };
const YEAR_DATE: Record<Position, { month: number; day: number }> = {
  start: { month: 1, day: 1 },
  middle: { month: 7, day: 1 },
  end: { month: 12, day: 31 },
};

/** The day that `position` of the period beginning on `first` stands for. */
function anchorOf(unit: Unit, first: WallDate, position: Position): WallDate {
  if (unit === 'week') return addDays(first, WEEK_OFFSET[position]);
  if (unit === 'month') return { ...first, day: Math.min(MONTH_DAY[position], daysInMonth(first.year, first.month)) };
  return { year: first.year, ...YEAR_DATE[position] };
}

/** The first day of the week, month or year containing `date`. */
function periodStart(unit: Unit, date: WallDate): WallDate {
  if (unit === 'week') return addDays(date, -((weekdayOf(date) + 6) % 7));
  if (unit === 'month') return { year: date.year, month: date.month, day: 1 };
  return { year: date.year, month: 1, day: 1 };
}

function stepOf(unit: Unit): (first: WallDate) => WallDate {
  if (unit === 'week') return (first) => addDays(first, 7);
  return (first) => addMonthsClamped(first, unit === 'month' ? 1 : 12);
}

/**
 * The date of `position` in a period. `step` moves to the next period of the same kind (a named month steps by a
 * year). On the anchor day itself the resolver may still find the time past; the next period's anchor goes along.
 */
function periodComponents(
  context: ParsingContext,
  position: Position,
  unit: Unit,
  first: WallDate,
  which: Which,
  step: (first: WallDate) => WallDate = stepOf(unit),
): ParsingComponents {
  const today = referenceWallClock(context);
  let start = which === 'next' ? step(first) : first;
  let anchor = anchorOf(unit, start, position);
  if (which === 'coming' && compareWallDates(anchor, today) < 0) {
    start = step(start);
    anchor = anchorOf(unit, start, position);
  }
  const components = dateComponents(context, anchor);
  if (which === 'coming' && compareWallDates(anchor, today) === 0) {
    tagIfPast(components, anchorOf(unit, step(start), position));
  }
  return components;
}

/** A period named by a unit word or a month name, with an optional year after a month. */
function namedPeriod(
  context: ParsingContext,
  position: Position,
  unitWord: string,
  which: Which,
  year: string | undefined,
): ParsingComponents | null {
  const today = referenceWallClock(context);
  const month = monthValue(unitWord);
  if (month !== null) {
    const first = { year: year ? Number(year) : today.year, month, day: 1 };
    return periodComponents(context, position, 'month', first, year ? 'this' : 'coming', stepOf('year'));
  }
  const unit = UNITS[unitWord.toLowerCase()];
  return unit ? periodComponents(context, position, unit, periodStart(unit, today), which) : null;
}

/** A repeat rule on a position of every week, month or year ("i slutet av varje månad"). */
function repeatingPeriod(context: ParsingContext, position: Position, unitWord: string): ParsingComponents | null {
  const unit = UNITS[unitWord.toLowerCase()];
  if (unit === 'week') {
    const components = context.createParsingComponents({ weekday: 1 + WEEK_OFFSET[position] });
    tagRecurrence(components, 'weekly', 1);
    return components;
  }
  if (unit === 'month') {
    const components = context.createParsingComponents();
    tagRecurrence(components, 'monthly', 1);
    // 31 is clamped to each month's length when the series advances: the last day of every month.
    tagMonthDay(components, MONTH_DAY[position]);
    return components;
  }
  if (unit === 'year') {
    const components = context.createParsingComponents(YEAR_DATE[position]);
    tagRecurrence(components, 'yearly', 1);
    return components;
  }
  return null;
}

const UNITS: Record<string, Unit> = {
  vecka: 'week',
  veckan: 'week',
  veckans: 'week',
  månad: 'month',
  månaden: 'month',
  månadens: 'month',
  månadsskifte: 'month',
  månadsskiftet: 'month',
  år: 'year',
  året: 'year',
  årets: 'year',
  årsskifte: 'year',
  årsskiftet: 'year',
  week: 'week',
  month: 'month',
  year: 'year',
};

const POSITIONS: Record<string, Position> = {
  början: 'start',
  mitten: 'middle',
  mitt: 'middle',
  slutet: 'end',
  slut: 'end',
  start: 'start',
  beginning: 'start',
  early: 'start',
  middle: 'middle',
  mid: 'middle',
  end: 'end',
  late: 'end',
};

function positionOf(word: string): Position {
  return POSITIONS[word.toLowerCase()] ?? 'end';
}

function whichOf(qualifier: string | undefined): Which {
  const word = qualifier?.toLowerCase().replace(/\s+/gu, ' ');
  if (word === undefined || word === 'the') return 'coming';
  if (['nästa', 'kommande', 'next', 'the next', 'the coming'].includes(word)) return 'next';
  return 'this';
}

// "vecka 12" is a week number, which these parsers do not read: leave the phrase alone rather than half of it.
const NOT_A_WEEK_NUMBER = `(?!\\s+\\d{1,2}${WORD_END})`;

const SV_PERIOD = new RegExp(
  `${WORD_START}(?:(?:i|vid|mot|från|till|senast\\s+i)\\s+)?(början|mitten|slutet)\\s+(?:av|på)\\s+` +
    `(?:(denna|detta|den\\s+här|det\\s+här|nästa|kommande)\\s+)?(veckan|vecka|månaden|månad|året|år|${SV_MONTH})` +
    `${NOT_A_WEEK_NUMBER}(?:\\s+(\\d{4}))?${WORD_END}`,
  'iu',
);
const SV_REPEATING = new RegExp(
  `${WORD_START}(?:(?:i|vid|mot)\\s+)?(början|mitten|slutet)\\s+(?:av|på)\\s+varje\\s+(vecka|månad|år)${WORD_END}`,
  'iu',
);
// "vid månadsskiftet" is the last day of the month, "efter månadsskiftet" the first of the next.
const SV_TURN = new RegExp(
  `${WORD_START}(vid|kring|runt|till|efter|före|innan|inför)\\s+(?:nästa\\s+)?(månadsskiftet|månadsskifte|årsskiftet|årsskifte)${WORD_END}`,
  'iu',
);
const SV_GENITIVE = new RegExp(
  `${WORD_START}(?:vid|mot|före|innan|till|inför)\\s+(veckans|månadens|årets)\\s+(början|mitt|slut)${WORD_END}`,
  'iu',
);

const EN_PERIOD = new RegExp(
  `${WORD_START}(?:(?:at|by|in|on|towards?|around|before|until|from)\\s+)?(?:the\\s+)?(start|beginning|middle|end)\\s+of\\s+` +
    `(?:(this|next|the\\s+coming|the\\s+next|the)\\s+)?(week|month|year|${EN_MONTH})(?:,?\\s+(\\d{4}))?${WORD_END}`,
  'iu',
);
const EN_EARLY_MID_LATE = new RegExp(
  `${WORD_START}(?:(?:in|by|around|until|from)\\s+)?(early|mid|late)(?:-|\\s+)(?:(this|next)\\s+)?(week|month|year|${EN_MONTH})` +
    `(?:,?\\s+(\\d{4}))?${WORD_END}`,
  'iu',
);
const EN_REPEATING = new RegExp(
  `${WORD_START}(?:(?:at|on|by)\\s+)?(?:the\\s+)?(start|beginning|middle|end)\\s+of\\s+(?:every|each)\\s+(week|month|year)${WORD_END}`,
  'iu',
);

/** Swedish starts, middles and ends of periods, and the turn of the month or year. */
export const svPeriodParsers: Parser[] = [
  wordParser(SV_REPEATING, (context, m) => repeatingPeriod(context, positionOf(m[1] ?? ''), m[2] ?? '')),
  wordParser(SV_PERIOD, (context, m) => namedPeriod(context, positionOf(m[1] ?? ''), m[3] ?? '', whichOf(m[2]), m[4])),
  wordParser(SV_TURN, (context, m) => {
    const after = m[1]?.toLowerCase() === 'efter';
    return namedPeriod(context, after ? 'start' : 'end', m[2] ?? '', 'coming', undefined);
  }),
  wordParser(SV_GENITIVE, (context, m) =>
    namedPeriod(context, positionOf(m[2] ?? ''), m[1] ?? '', 'coming', undefined),
  ),
];

/** English starts, middles and ends of periods ("end of the month", "mid-December", "early next week"). */
export const enPeriodParsers: Parser[] = [
  wordParser(EN_REPEATING, (context, m) => repeatingPeriod(context, positionOf(m[1] ?? ''), m[2] ?? '')),
  wordParser(EN_PERIOD, (context, m) => namedPeriod(context, positionOf(m[1] ?? ''), m[3] ?? '', whichOf(m[2]), m[4])),
  wordParser(EN_EARLY_MID_LATE, (context, m) =>
    namedPeriod(context, positionOf(m[1] ?? ''), m[3] ?? '', whichOf(m[2]), m[4]),
  ),
];
