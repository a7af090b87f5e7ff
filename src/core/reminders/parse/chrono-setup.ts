import type { Chrono, Parser, Refiner } from 'chrono-node';
// The two languages' own modules: chrono-node's index loads every language it knows (hundreds of files at start).
import * as chronoEn from 'chrono-node/en';
import * as chronoSv from 'chrono-node/sv';
import type { Locale } from '../../model.ts';
import { enMonthDayParser, slashOutOfRangeParser } from './date-parsers.ts';
import { enDayPartParser, svDayPartAfterDateRefiner, svDayPartParser } from './part-of-day.ts';
import { enPeriodParsers, svPeriodParsers } from './period-parsers.ts';
import {
  enBareNumberParser,
  enRecurrenceParsers,
  svBareNumberParser,
  svRecurrenceParsers,
} from './recurrence-parsers.ts';
import {
  backwardRefiner,
  impossibleDateRefiner,
  monthEndRefiner,
  nowRefiner,
  partOfDayRefiner,
  restoreMarkersRefiner,
  shortWeekdayRefiner,
  stashMarkersRefiner,
} from './refiners.ts';
import {
  svBareClockParser,
  svCasualDayParser,
  svClockParser,
  svDayOutOfRangeParser,
  svRelativeParser,
} from './sv-parsers.ts';

// Probed against chrono-node 2.10.3 (see test/reminders for the phrases).
// Chrono sv handles natively: "nästa fredag", "på måndag", "fredag", "den 15 januari", "15 jan 2027", "15/1" and
// "1/3" (day/month), "2027-03-01", ISO with time and offset, "imorgon"/"igår" (one word), "efter 2 veckor".
// Chrono en (GB, day/month) handles natively: "in 2 hours", "in a couple of days", "tomorrow at 9", "next Friday",
// "on March 1st at 10:00", "at 17:30", "5pm", "tonight", "this afternoon", "1/3" as 1 March.
// What we add, in sv-parsers.ts and recurrence-parsers.ts: "om N <enhet>" with Swedish number words, "kl"/"klockan"
// times, "i morgon"/"i övermorgon"/"ikväll" in the user's zone, all repeat phrases in both languages, and markers
// for "om 3"/"in 3" and "den 32 januari"; in part-of-day.ts parts of the day ("torsdag eftermiddag", "efter
// lunch", "in the afternoon"), in period-parsers.ts starts, middles and ends of weeks, months and years ("i slutet
// av månaden", "start of next month"), in date-parsers.ts "March 15" (chrono en: March 2015) and "32/1". The refiners (refiners.ts) fix what chrono gets wrong: it silently
// drops impossible dates, rolls "in a month" from 31 January into March, reads "to"/"on" as Swedish weekdays,
// merges our rule markers away, and puts "tomorrow morning" at 06:00.

function extend(base: Chrono, parsers: Parser[], refiners: Refiner[]): Chrono {
  const custom = base.clone();
  // Ours go first: on an equal-length overlap chrono keeps the earlier parser's result, so "imorgon" is
  // computed by our zone-aware parser rather than chrono sv's machine-time one.
  custom.parsers.unshift(...parsers);
  // Must see invalid dates before chrono's own filter removes them.
  custom.refiners.unshift(impossibleDateRefiner, stashMarkersRefiner);
  custom.refiners.push(restoreMarkersRefiner, ...refiners);
  return custom;
}

const svChrono = extend(
  // casual sv reads "1/3" as day/month.
  chronoSv.casual,
  [
    svRelativeParser,
    svClockParser,
    svBareClockParser,
    svCasualDayParser,
    svDayOutOfRangeParser,
    slashOutOfRangeParser,
    svDayPartParser,
    ...svPeriodParsers,
    ...svRecurrenceParsers,
    svBareNumberParser,
  ],
  [shortWeekdayRefiner, monthEndRefiner, backwardRefiner, nowRefiner, svDayPartAfterDateRefiner],
);

const enChrono = extend(
  // en.GB reads "1/3" as 1 March, as English is written in Sweden.
  chronoEn.GB,
  [
    svClockParser,
    enMonthDayParser,
    slashOutOfRangeParser,
    enDayPartParser,
    ...enPeriodParsers,
    ...enRecurrenceParsers,
    enBareNumberParser,
  ],
  [monthEndRefiner, backwardRefiner, nowRefiner, partOfDayRefiner],
);

/** The extended chrono for `locale`. */
export function reminderChrono(locale: Locale): Chrono {
  return locale === 'sv' ? svChrono : enChrono;
}
