import type { ParsedResult } from 'chrono-node';
import { firstOccurrence } from './first-occurrence.ts';
import { latestDue } from '../time/horizon.ts';
import { type Clock, DEFAULT_TIME, dateOf, type Piece, toPiece } from './pieces.ts';
import { clockInDayPart } from './part-of-day.ts';
import { readIfPast, TAG_BACKWARD, TAG_BARE_NUMBER, TAG_IMPOSSIBLE, TAG_RELATIVE_DATE } from './tags.ts';
import type { Recurrence, ReminderParseError } from './types.ts';
import {
  addDays,
  instantOf,
  isValidWallDate,
  type WallDate,
  type WallTime,
  wallClockOf,
  weekdayOf,
} from '../time/wall-clock.ts';

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
  const instead = readIfPast(tags);
  if (instead && due.getTime() <= clock.now.getTime()) due = instantOf(instead, at, clock.timeZone);
  return { ok: true, due };
}

// A clock time the user typed wins over a part of the day, which only tells which half of the day it is in:
// "i eftermiddag kl 3" is 15:00, "på fredag eftermiddag kl 14" 14:00. Without a typed time the part of the day
// gives the time, and two different ones are two different times.
/** The times the pieces name, each read in the light of the phrase's part of the day. */
function chooseTimes(pieces: Piece[], timePieces: Piece[]): Array<{ piece: Piece; time: WallTime }> {
  const typed = timePieces.filter((p) => !p.assumed);
  if (typed.length === 0) return timePieces.map((piece) => ({ piece, time: piece.time ?? DEFAULT_TIME }));
  const dayPart = pieces.find((p) => p.dayPart)?.dayPart ?? null;
  return typed.map((piece) => ({ piece, time: clockInDayPart(piece.time ?? DEFAULT_TIME, dayPart) }));
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
  const times = chooseTimes(pieces, timePieces);
  const timeKey = (t: WallTime) => `${t.hour}:${t.minute}`;
  const otherTime = times.find((t) => timeKey(t.time) !== timeKey(times[0]!.time));
  if (otherTime) return severalDates(times[0]!.piece, otherTime.piece);
  const exact = datePieces.find((p) => p.exact);
  if (exact && timePieces[0]) return severalDates(exact, timePieces[0]);

  const time = times[0]?.time ?? null;
  const assumedTime = time === null || times[0]!.piece.assumed;
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
  const limit = latestDue(clock.now, clock.timeZone);
  if (!(due.getTime() <= limit.getTime())) return fail('too-far', { limit: limit.toISOString() });
  return { ok: true, due, recurrence, assumedTime: exact ? false : assumedTime, used };
}
