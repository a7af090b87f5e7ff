import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReminder } from '../../src/core/reminders/parse-reminder.ts';

const ERRORS = ['no-time', 'past', 'impossible-date', 'too-far', 'ambiguous', 'no-text', 'too-long'];
const FREQS = ['daily', 'weekly', 'monthly', 'yearly'];
const ZONES = [
  'Europe/Stockholm',
  'America/New_York',
  'Asia/Tokyo',
  'UTC',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Sao_Paulo',
];

const nowArb = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2040-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const zoneArb = fc.constantFrom(...ZONES);
const localeArb = fc.constantFrom('sv' as const, 'en' as const);

// Agreements run up to five years, and so may a reminder about them.
function fiveYearsAfter(now: Date, timeZone: string): number {
  return addYears(new TZDate(now.getTime(), timeZone), 5).getTime();
}

function expectWellFormed(result: ReturnType<typeof parseReminder>): void {
  if (result.ok) {
    expect(Number.isNaN(result.due.getTime())).toBe(false);
    expect(result.text.trim()).not.toBe('');
    expect(typeof result.assumedTime).toBe('boolean');
    if (result.recurrence) {
      expect(FREQS).toContain(result.recurrence.freq);
      expect(Number.isInteger(result.recurrence.interval) && result.recurrence.interval >= 1).toBe(true);
    }
  } else {
    expect(ERRORS).toContain(result.error);
    for (const value of Object.values(result.detail ?? {})) expect(typeof value).toBe('string');
  }
}

// Time phrases read in full: whatever surrounds them, none of their words may be left in the reminder's text.
const WHOLE_TIME_PHRASES = [
  'nästa torsdag eftermiddag',
  'på fredag förmiddag',
  'på fredag på eftermiddagen',
  'torsdag kväll',
  'i morgon kl 3 på eftermiddagen',
  'på eftermiddagen',
  'efter lunch',
  'i slutet av dagen',
  'i slutet av månaden',
  'vid månadsskiftet',
  'i början av nästa månad',
  'i mitten av nästa vecka',
  'i slutet av året',
  'i början av mars',
  'om 3 år',
  'next Thursday afternoon',
  'in the afternoon',
  'at the end of the day',
  'at the end of the month',
  'start of next month',
  'by the end of the week',
  'mid-December',
  'early next week',
  'on March 15',
];

// Pieces of reminder phrases, so that generated inputs succeed often enough to test successes.
const TIME_PHRASES = [
  'om två veckor',
  'om 3 dagar',
  'om en timme',
  'om 45 minuter',
  'imorgon',
  'i morgon kl 10',
  'i övermorgon',
  'kl 9',
  'kl. 7.30',
  'klockan 23',
  'nästa fredag',
  'på måndag',
  'den 15 januari',
  'den 31 december kl 23:59',
  '15/1',
  '1/3',
  'varje måndag kl 9',
  'varje år den 1 mars',
  'varannan vecka',
  'varje månad den 31',
  'årligen',
  'in 2 hours',
  'tomorrow at 9',
  'next Friday',
  'on March 1st at 10:00',
  'every month',
  'every other week',
  'idag kl 23:59',
  'om 3',
  'igår',
  '31 februari',
  'om 5 år',
  'ikväll',
  'den 29 februari',
  'varje dag',
  ...WHOLE_TIME_PHRASES,
];
const TEXTS = ['ring Anna', 'följa upp med Röda korset', 'call the Red Cross', '', 'att skicka rapporten', '🎉 fest'];
const LEADS = ['', 'påminn mig', 'Påminn oss', 'remind me', 'påminn mig om att'];

const phraseArb = fc
  .tuple(fc.constantFrom(...LEADS), fc.constantFrom(...TIME_PHRASES), fc.constantFrom(...TEXTS), fc.boolean())
  .map(([lead, time, text, timeFirst]) => (timeFirst ? `${lead} ${time} ${text}` : `${lead} ${text} ${time}`));

describe('parseReminder properties', () => {
  it('never throws and returns a well-formed result for any string', () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 1200 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc
        .array(fc.constantFrom(...TIME_PHRASES, ...TEXTS, ...LEADS, ':e', '/', '-', '\u0000', '\u202e', '̈'), {
          maxLength: 40,
        })
        .map((a) => a.join(' ')),
    );
    fc.assert(
      fc.property(anyString, nowArb, zoneArb, localeArb, (input, now, timeZone, locale) => {
        expectWellFormed(parseReminder(input, { now, timeZone, locale }));
      }),
      { numRuns: 400 },
    );
  });

  it('puts every successful reminder after now and at most five years ahead', () => {
    let successes = 0;
    fc.assert(
      fc.property(phraseArb, nowArb, zoneArb, localeArb, (input, now, timeZone, locale) => {
        const result = parseReminder(input, { now, timeZone, locale });
        expectWellFormed(result);
        if (!result.ok) return;
        successes++;
        expect(result.due.getTime()).toBeGreaterThan(now.getTime());
        expect(result.due.getTime()).toBeLessThanOrEqual(fiveYearsAfter(now, timeZone));
      }),
      { numRuns: 600 },
    );
    expect(successes).toBeGreaterThan(200);
  });

  it('removes a time phrase it understood whole, leaving only the reminder text', () => {
    const texts = [
      ['ring Anna', 'ring Anna'],
      ['att skicka rapporten', 'skicka rapporten'],
      ['call the Red Cross', 'call the Red Cross'],
      ['to file the report', 'file the report'],
    ] as const;
    const phrase = fc.tuple(
      fc.constantFrom('', 'påminn mig', 'remind me'),
      fc.constantFrom(...WHOLE_TIME_PHRASES),
      fc.constantFrom(...texts),
      fc.boolean(),
    );
    let successes = 0;
    fc.assert(
      fc.property(
        phrase,
        nowArb,
        zoneArb,
        localeArb,
        ([lead, time, [text, expected], timeFirst], now, timeZone, locale) => {
          const input = timeFirst ? `${lead} ${time} ${text}` : `${lead} ${text} ${time}`;
          const result = parseReminder(input, { now, timeZone, locale });
          expectWellFormed(result);
          if (!result.ok) {
            // Only time itself may refuse a phrase read in full ("på eftermiddagen" is past at 16:00 today, …).
            expect(['past']).toContain(result.error);
            return;
          }
          successes++;
          expect(result.text).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
    expect(successes).toBeGreaterThan(300);
  });

  it('moves "om N dagar/veckor" and "in N days/weeks" by wall-clock days, at 09:00', () => {
    const phrase = fc.oneof(
      fc.integer({ min: 1, max: 700 }).map((n) => ({ text: `om ${n} dagar`, days: n })),
      fc.integer({ min: 1, max: 100 }).map((n) => ({ text: `om ${n} veckor`, days: 7 * n })),
      fc.integer({ min: 1, max: 700 }).map((n) => ({ text: `in ${n} days`, days: n })),
      fc.integer({ min: 1, max: 100 }).map((n) => ({ text: `in ${n} weeks`, days: 7 * n })),
    );
    fc.assert(
      fc.property(phrase, nowArb, zoneArb, localeArb, ({ text, days }, now, timeZone, locale) => {
        const result = parseReminder(`${text} ring Anna`, { now, timeZone, locale });
        const expected = addDays(new TZDate(now.getTime(), timeZone), days);
        expected.setHours(9, 0, 0, 0);
        expect(result).toMatchObject({ ok: true, text: 'ring Anna', assumedTime: true });
        if (result.ok) expect(result.due.getTime()).toBe(expected.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('moves "om N timmar/minuter" and "in N hours" by exact elapsed time', () => {
    const phrase = fc.oneof(
      fc.integer({ min: 1, max: 17_000 }).map((n) => ({ text: `om ${n} timmar`, ms: n * 3_600_000 })),
      fc.integer({ min: 1, max: 999_999 }).map((n) => ({ text: `om ${n} minuter`, ms: n * 60_000 })),
      fc.integer({ min: 1, max: 17_000 }).map((n) => ({ text: `in ${n} hours`, ms: n * 3_600_000 })),
    );
    fc.assert(
      fc.property(phrase, nowArb, zoneArb, localeArb, ({ text, ms }, now, timeZone, locale) => {
        const result = parseReminder(`${text} ring Anna`, { now, timeZone, locale });
        expect(result).toMatchObject({ ok: true, text: 'ring Anna', assumedTime: false });
        if (result.ok) expect(result.due.getTime()).toBe(now.getTime() + ms);
      }),
      { numRuns: 300 },
    );
  });

  it('answers quickly even for 1,000 characters built to make regexes backtrack', () => {
    const nasty = [
      `om ${'1 dag, '.repeat(140)}`,
      `om ${' '.repeat(995)}`,
      `varje ${'var '.repeat(240)}`,
      `kl${'.'.repeat(996)}9`,
      '1/'.repeat(500),
      `den ${'1 '.repeat(496)}`,
      `i ${'i '.repeat(498)}`,
      'a'.repeat(1000),
      `${'0'.repeat(999)}:`,
    ];
    // CPU time of this process, not wall time: on a busy machine other processes' work would count too, while
    // catastrophic backtracking shows up as CPU time all the same.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (const input of nasty) {
      const started = process.cpuUsage();
      expectWellFormed(
        parseReminder(input.slice(0, 1000), {
          now: new Date('2026-11-22T09:00:00Z'),
          timeZone: 'Europe/Stockholm',
          locale: 'sv',
        }),
      );
      expect(cpuMs(started)).toBeLessThan(1000);
    }
  });
});
