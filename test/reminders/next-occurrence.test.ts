import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../../src/core/reminders/parse-reminder.ts';
import { nextOccurrence } from '../../src/core/reminders/time/next-occurrence.ts';
import { localIso, STOCKHOLM } from './helpers.ts';

function chain(first: string, recurrence: Recurrence, count: number, timeZone = STOCKHOLM): string[] {
  const out = [first];
  let due = new Date(first);
  for (let i = 1; i < count; i++) {
    due = nextOccurrence(due, recurrence, timeZone);
    out.push(localIso(due, timeZone));
  }
  return out;
}

describe('nextOccurrence', () => {
  it('keeps 09:00 local across both DST changes for a weekly reminder', () => {
    expect(chain('2027-03-22T09:00:00+01:00', { freq: 'weekly', interval: 1, byWeekday: 1 }, 2)).toEqual([
      '2027-03-22T09:00:00+01:00',
      '2027-03-29T09:00:00+02:00',
    ]);
    expect(chain('2027-10-27T09:00:00+02:00', { freq: 'weekly', interval: 1, byWeekday: 3 }, 2)).toEqual([
      '2027-10-27T09:00:00+02:00',
      '2027-11-03T09:00:00+01:00',
    ]);
  });

  it('keeps a yearly 1 March at 09:00', () => {
    expect(chain('2027-03-01T09:00:00+01:00', { freq: 'yearly', interval: 1, byMonth: 3, byMonthDay: 1 }, 3)).toEqual([
      '2027-03-01T09:00:00+01:00',
      '2028-03-01T09:00:00+01:00',
      '2029-03-01T09:00:00+01:00',
    ]);
  });

  it('clamps a monthly 31st to the month end and returns to the 31st', () => {
    expect(chain('2027-01-31T09:00:00+01:00', { freq: 'monthly', interval: 1, byMonthDay: 31 }, 5)).toEqual([
      '2027-01-31T09:00:00+01:00',
      '2027-02-28T09:00:00+01:00',
      '2027-03-31T09:00:00+02:00',
      '2027-04-30T09:00:00+02:00',
      '2027-05-31T09:00:00+02:00',
    ]);
  });

  it('moves a yearly leap day to 28 February in other years and back to the 29th', () => {
    expect(chain('2028-02-29T09:00:00+01:00', { freq: 'yearly', interval: 1, byMonth: 2, byMonthDay: 29 }, 6)).toEqual([
      '2028-02-29T09:00:00+01:00',
      '2029-02-28T09:00:00+01:00',
      '2030-02-28T09:00:00+01:00',
      '2031-02-28T09:00:00+01:00',
      '2032-02-29T09:00:00+01:00',
      '2033-02-28T09:00:00+01:00',
    ]);
  });

  it('steps every other week and daily in wall-clock days', () => {
    expect(chain('2027-10-24T09:00:00+02:00', { freq: 'weekly', interval: 2, byWeekday: 0 }, 2)).toEqual([
      '2027-10-24T09:00:00+02:00',
      '2027-11-07T09:00:00+01:00',
    ]);
    expect(chain('2027-10-30T14:15:00+02:00', { freq: 'daily', interval: 1 }, 3)).toEqual([
      '2027-10-30T14:15:00+02:00',
      '2027-10-31T14:15:00+01:00',
      '2027-11-01T14:15:00+01:00',
    ]);
  });

  it('is strictly increasing and keeps the local time of day', () => {
    const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
      fc.record({ freq: fc.constant('daily' as const), interval: fc.integer({ min: 1, max: 4 }) }),
      fc.record({
        freq: fc.constant('weekly' as const),
        interval: fc.integer({ min: 1, max: 4 }),
        byWeekday: fc.integer({ min: 0, max: 6 }),
      }),
      fc.record({
        freq: fc.constant('monthly' as const),
        interval: fc.integer({ min: 1, max: 4 }),
        byMonthDay: fc.integer({ min: 1, max: 31 }),
      }),
      fc.record({
        freq: fc.constant('yearly' as const),
        interval: fc.integer({ min: 1, max: 4 }),
        byMonth: fc.integer({ min: 1, max: 12 }),
        byMonthDay: fc.integer({ min: 1, max: 31 }),
      }),
    );
    const zone = fc.constantFrom(STOCKHOLM, 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'UTC');
    const due = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2045-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(due, recurrence, zone, (start, rule, timeZone) => {
        const next = nextOccurrence(start, rule, timeZone);
        expect(next.getTime()).toBeGreaterThan(start.getTime());
        const before = new TZDate(start.getTime(), timeZone);
        const after = new TZDate(next.getTime(), timeZone);
        const wanted = [before.getHours(), before.getMinutes(), before.getSeconds()];
        const got = [after.getHours(), after.getMinutes(), after.getSeconds()];
        // Only a wall time that does not exist on the new day (a DST gap) may differ.
        const onNewDay = new TZDate(
          after.getFullYear(),
          after.getMonth(),
          after.getDate(),
          wanted[0]!,
          wanted[1]!,
          wanted[2]!,
          timeZone,
        );
        const exists = onNewDay.getHours() === wanted[0] && onNewDay.getMinutes() === wanted[1];
        if (exists) expect(got).toEqual(wanted);
        if (rule.byMonthDay !== undefined) {
          const monthLength = new Date(Date.UTC(after.getFullYear(), after.getMonth() + 1, 0)).getUTCDate();
          expect(after.getDate()).toBe(Math.min(rule.byMonthDay, monthLength));
        }
        if (rule.byWeekday !== undefined) expect(after.getDay()).toBe(rule.byWeekday);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps 09:00 over years of weekly, monthly and yearly steps in Stockholm', () => {
    for (const rule of [
      { freq: 'weekly', interval: 1, byWeekday: 1 },
      { freq: 'monthly', interval: 1, byMonthDay: 31 },
      { freq: 'yearly', interval: 1, byMonth: 3, byMonthDay: 29 },
    ] satisfies Recurrence[]) {
      let due = new Date('2026-11-23T09:00:00+01:00');
      for (let i = 0; i < 120; i++) {
        const next = nextOccurrence(due, rule, STOCKHOLM);
        expect(next.getTime()).toBeGreaterThan(due.getTime());
        expect(localIso(next).slice(11, 19)).toBe('09:00:00');
        due = next;
      }
    }
  });
});
