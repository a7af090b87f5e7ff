import type { Parser, ParsingComponents, ParsingContext } from 'chrono-node';
import type { WallDate, WallTime } from '../time/wall-clock.ts';

/** Wall-clock "now" as chrono's reference sees it: the instant shifted by the reference's UTC offset. */
export function referenceWallClock(context: ParsingContext): WallDate & WallTime & { second: number; ms: number } {
  const shifted = new Date(context.reference.instant.getTime() + context.reference.getTimezoneOffset() * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    ms: shifted.getUTCMilliseconds(),
  };
}

/** Components with a known calendar date. */
export function dateComponents(context: ParsingContext, date: WallDate): ParsingComponents {
  return context.createParsingComponents({ year: date.year, month: date.month, day: date.day });
}

// Chrono runs patterns on the remaining text after each match, where a lookbehind cannot see the previous
// character, so the boundary is checked against the whole text here.
/** A chrono parser whose match must start at a word boundary of the whole text. */
export function wordParser(
  pattern: RegExp,
  extract: (context: ParsingContext, match: RegExpMatchArray) => ParsingComponents | null,
): Parser {
  return {
    pattern: () => pattern,
    extract: (context, match) => {
      const before = context.text[(match.index ?? 0) - 1];
      if (before !== undefined && /[\p{L}\p{N}]/u.test(before)) return null;
      return extract(context, match);
    },
  };
}
