import { TZDate } from '@date-fns/tz';
import type { ParsedResult } from 'chrono-node';
import { addYears } from 'date-fns';
import { firstOccurrence } from './first-occurrence.ts';
import { type Clock, DEFAULT_TIME, dateOf, type Piece, toPiece } from './pieces.ts';
import { TAG_BACKWARD, TAG_BARE_NUMBER, TAG_IMPOSSIBLE, TAG_RELATIVE_DATE } from './tags.ts';
import type { Recurrence, ReminderParseError } from './types.ts';
import {
  addDays,
  instantOf,
  isValidWallDate,
  type WallDate,
  type WallTime,
  wallClockOf,
  weekdayOf,
} from './wall-clock.ts';

// Reminders further ahead than this are refused ('too-far'): almost surely a typo in the year.
const MAX_YEARS_AHEAD = 2;

/** What the resolver decided, before the reminder text is known. */
export type Resolution =
  | { ok: true; due: Date; recurrence: Recurrence | null; assumedTime: boolean; used: ParsedResult[] }
  | { ok: false; error: ReminderParseError; detail?: Record<string, string> };

type Failure = Extract<Resolution, { ok: false }>;

function fail(error: ReminderParseError, detail?: Record<string, string>): Failure {
  return detail ? { ok: false, error, detail } : { ok: false, error };
}

function severalDates(first: Piece, second: Piece): Failure {
  return fail('ambiguous', { reason: 'several-dates', first: first.result.text, second: second.result.text });
}

type OneOff = { ok: true; due: Date } | Failure;

/** The due instant of a non-repeating reminder, moved to the next occurrence when the user left that open. */
function oneOffDue(piece: Piece | null, time: WallTime | null, clock: Clock): OneOff {
  if (piece?.exact) return { ok: true, due: piece.result.start.date() };
  const start = piece?.result.start;
  const tags = piece?.result.tags() ?? new Set<string>();
  const date = piece ? dateOf(piece) : wallClockOf(clock.now, clock.timeZone);
  const at = time ?? DEFAULT_TIME;
  if (!isValidWallDate(date)) return fail('impossible-date', { text: piece?.result.text ?? '' });
  const relative = tags.has(TAG_RELATIVE_DATE);
  if (start?.isCertain('weekday') && start.isCertain('day') && !relative && weekdayOf(date) !== start.get('weekday')) {
    const asWritten = instantOf(date, at, clock.timeZone).toISOString();
    return fail('ambiguous', { reason: 'weekday-mismatch', text: piece?.result.text ?? '', date: asWritten });
  }
  // What the user left open decides how far we may move forward: the day (a bare time), the week (a bare
  // weekday) or the year (a date without a year). Everything else stays where it is and may be past.
  let step: ((d: WallDate) => WallDate) | null = null;
  if (!start) step = (d) => addDays(d, 1);
  else if (!relative && !tags.has(TAG_BACKWARD) && start.isCertain('weekday') && !start.isCertain('day')) {
    step = (d) => addDays(d, 7);
  } else if (!relative && start.isCertain('month') && !start.isCertain('year')) {
    step = (d) => {
      let next = { ...d, year: d.year + 1 };
      while (!isValidWallDate(next)) next = { ...next, year: next.year + 1 };
      return next;
    };
  }
  let current = date;
  let due = instantOf(current, at, clock.timeZone);
  for (let i = 0; step && i < 8 && due.getTime() <= clock.now.getTime(); i++) {
    current = step(current);
    due = instantOf(current, at, clock.timeZone);
  }
  return { ok: true, due };
}

/** Turns chrono's results into a due instant and repeat rule, or the reason why not. */
export function resolve(results: ParsedResult[], clock: Clock): Resolution {
  const impossible = results.find((r) => r.tags().has(TAG_IMPOSSIBLE));
  if (impossible) return fail('impossible-date', { text: impossible.text });
  const range = results.find((r) => r.end);
  if (range) return fail('ambiguous', { reason: 'range', text: range.text });
  // "om 3" is only a question when nothing else says when: "påminn mig om 3 saker i morgon" is clear.
  const bare = results.find((r) => r.tags().has(TAG_BARE_NUMBER));
  const used = results.filter((r) => !r.tags().has(TAG_BARE_NUMBER));
  if (bare && !used.map(toPiece).some((p) => p.hasDate || p.rule)) {
    return fail('ambiguous', { reason: 'bare-number', text: bare.text });
  }

  const pieces = used.map(toPiece);
  const rules = pieces.filter((p) => p.rule);
  const datePieces = pieces.filter((p) => p.hasDate);
  const timePieces = pieces.filter((p) => p.time && !p.exact);
  if (rules.length === 0 && datePieces.length === 0 && timePieces.length === 0) return fail('no-time');

  const ruleKey = (p: Piece) => JSON.stringify(p.rule);
  const otherRule = rules.find((p) => ruleKey(p) !== ruleKey(rules[0]!));
  if (otherRule) return severalDates(rules[0]!, otherRule);
  const timeKey = (p: Piece) => `${p.time?.hour}:${p.time?.minute}`;
  const otherTime = timePieces.find((p) => timeKey(p) !== timeKey(timePieces[0]!));
  if (otherTime) return severalDates(timePieces[0]!, otherTime);
  const exact = datePieces.find((p) => p.exact);
  if (exact && timePieces[0]) return severalDates(exact, timePieces[0]);

  const time = timePieces[0]?.time ?? null;
  const assumedTime = time === null || timePieces[0]!.assumed;
  const candidates: OneOff[] = datePieces.length > 0 ? datePieces.map((p) => oneOffDue(p, time, clock)) : [];
  for (const candidate of candidates) if (!candidate.ok) return candidate;
  const dues = candidates.map((c) => (c.ok ? c.due.getTime() : 0));
  const differing = dues.findIndex((d) => d !== dues[0]);
  if (differing > 0) return severalDates(datePieces[0]!, datePieces[differing]!);

  let due: Date;
  let recurrence: Recurrence | null = null;
  const rule = rules[0]?.rule;
  if (rule) {
    const first = firstOccurrence(rule, datePieces[0] ?? null, time, clock);
    if (!first) return fail('past', { date: clock.now.toISOString() });
    ({ due, recurrence } = first);
  } else {
    const oneOff = candidates[0] ?? oneOffDue(null, time, clock);
    if (!oneOff.ok) return oneOff;
    due = oneOff.due;
    if (due.getTime() <= clock.now.getTime()) return fail('past', { date: due.toISOString() });
  }
  const limit = addYears(new TZDate(clock.now.getTime(), clock.timeZone), MAX_YEARS_AHEAD);
  if (!(due.getTime() <= limit.getTime())) return fail('too-far', { limit: new Date(limit.getTime()).toISOString() });
  return { ok: true, due, recurrence, assumedTime: exact ? false : assumedTime, used };
}
