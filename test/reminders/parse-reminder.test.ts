import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/model.ts';
import { parseReminder, type Recurrence } from '../../src/core/reminders/parse-reminder.ts';
import { localIso, NOW, STOCKHOLM } from './helpers.ts';

interface Case {
  input: string;
  due: string;
  text: string;
  recurrence?: Recurrence;
  locale?: Locale;
  now?: string;
  tz?: string;
  assumedTime?: boolean;
}

const weekly = (byWeekday: number, interval = 1): Recurrence => ({ freq: 'weekly', interval, byWeekday });
const monthly = (byMonthDay: number, interval = 1): Recurrence => ({ freq: 'monthly', interval, byMonthDay });
const yearly = (byMonth: number, byMonthDay: number): Recurrence => ({
  freq: 'yearly',
  interval: 1,
  byMonth,
  byMonthDay,
});
const daily: Recurrence = { freq: 'daily', interval: 1 };

// now = Sunday 2026-11-22 10:00 Stockholm unless a case says otherwise.
const swedish: Case[] = [
  {
    input: 'påminn mig om två veckor att följa upp med Röda korset',
    due: '2026-12-06T09:00:00+01:00',
    text: 'följa upp med Röda korset',
    assumedTime: true,
  },
  { input: 'Påminn mig om 3 dagar att skicka avtalet', due: '2026-11-25T09:00:00+01:00', text: 'skicka avtalet' },
  { input: 'påminn mig om en månad att se över budgeten', due: '2026-12-22T09:00:00+01:00', text: 'se över budgeten' },
  {
    input: 'påminn mig om ett år att förnya IOP-avtalet',
    due: '2027-11-22T09:00:00+01:00',
    text: 'förnya IOP-avtalet',
  },
  {
    input: 'påminn mig om en timme att ringa tillbaka',
    due: '2026-11-22T11:00:00+01:00',
    text: 'ringa tillbaka',
    assumedTime: false,
  },
  { input: 'om 2 timmar: kaffe med Anna', due: '2026-11-22T12:00:00+01:00', text: 'kaffe med Anna' },
  { input: 'om 30 minuter ta en paus', due: '2026-11-22T10:30:00+01:00', text: 'ta en paus' },
  { input: 'om en halvtimme kolla mejlen', due: '2026-11-22T10:30:00+01:00', text: 'kolla mejlen' },
  { input: 'om en kvart ring Erik', due: '2026-11-22T10:15:00+01:00', text: 'ring Erik' },
  { input: 'om 1 timme och 30 minuter styrgruppsmöte', due: '2026-11-22T11:30:00+01:00', text: 'styrgruppsmöte' },
  { input: 'om ett par dagar följ upp ansökan', due: '2026-11-24T09:00:00+01:00', text: 'följ upp ansökan' },
  { input: 'om några dagar följ upp ansökan', due: '2026-11-25T09:00:00+01:00', text: 'följ upp ansökan' },
  { input: 'om fem veckor utvärdering', due: '2026-12-27T09:00:00+01:00', text: 'utvärdering' },
  { input: 'om tolv dagar lämna rapporten', due: '2026-12-04T09:00:00+01:00', text: 'lämna rapporten' },
  {
    input: 'påminn mig kl 9 att läsa protokollet',
    due: '2026-11-23T09:00:00+01:00',
    text: 'läsa protokollet',
    assumedTime: false,
  },
  { input: 'kl. 9.30 styrgruppsmöte', due: '2026-11-23T09:30:00+01:00', text: 'styrgruppsmöte' },
  { input: 'klockan 14 ring Stadsmissionen', due: '2026-11-22T14:00:00+01:00', text: 'ring Stadsmissionen' },
  { input: 'kl 14:30 fika med volontärerna', due: '2026-11-22T14:30:00+01:00', text: 'fika med volontärerna' },
  {
    input: 'imorgon skicka protokollet',
    due: '2026-11-23T09:00:00+01:00',
    text: 'skicka protokollet',
    assumedTime: true,
  },
  { input: 'i morgon kl 10 ring Anna', due: '2026-11-23T10:00:00+01:00', text: 'ring Anna', assumedTime: false },
  { input: 'i övermorgon boka lokal', due: '2026-11-24T09:00:00+01:00', text: 'boka lokal' },
  {
    input: 'påminn mig i morgon eftermiddag att ringa',
    due: '2026-11-23T15:00:00+01:00',
    text: 'ringa',
    assumedTime: true,
  },
  { input: 'nästa fredag lämna rapport', due: '2026-11-27T09:00:00+01:00', text: 'lämna rapport' },
  { input: 'på måndag kl 8 förbered mötet', due: '2026-11-23T08:00:00+01:00', text: 'förbered mötet' },
  { input: 'ring Anna på fredag kl 14', due: '2026-11-27T14:00:00+01:00', text: 'ring Anna' },
  {
    input: 'den 15 januari ansökan till Arvsfonden',
    due: '2027-01-15T09:00:00+01:00',
    text: 'ansökan till Arvsfonden',
  },
  { input: 'den 15 januari kl 10 styrgrupp', due: '2027-01-15T10:00:00+01:00', text: 'styrgrupp' },
  { input: 'den 15:e januari kl 10 styrgrupp', due: '2027-01-15T10:00:00+01:00', text: 'styrgrupp' },
  { input: '15/1 deklaration', due: '2027-01-15T09:00:00+01:00', text: 'deklaration' },
  { input: '1/3 årsmöte i föreningen', due: '2027-03-01T09:00:00+01:00', text: 'årsmöte i föreningen' },
  { input: '2027-03-01 kl 10 årsmöte', due: '2027-03-01T10:00:00+01:00', text: 'årsmöte' },
  { input: 'den 1 december kl 13 julfika', due: '2026-12-01T13:00:00+01:00', text: 'julfika' },
  { input: 'den 22 november kl 15 uppföljning', due: '2026-11-22T15:00:00+01:00', text: 'uppföljning' },
  { input: 'den 22 november uppföljning', due: '2027-11-22T09:00:00+01:00', text: 'uppföljning' },
  { input: 'den 1 november budgetarbete', due: '2027-11-01T09:00:00+01:00', text: 'budgetarbete' },
  { input: 'fredag den 15 januari möte', due: '2027-01-15T09:00:00+01:00', text: 'möte' },
  { input: 'idag kl 15 ring Anna', due: '2026-11-22T15:00:00+01:00', text: 'ring Anna' },
  { input: 'ikväll läs ansökan', due: '2026-11-22T19:00:00+01:00', text: 'läs ansökan', assumedTime: true },
  { input: 'påminn oss om att ringa kommunen imorgon', due: '2026-11-23T09:00:00+01:00', text: 'ringa kommunen' },
  {
    input: 'påminn mig om mötet med Röda korset på torsdag',
    due: '2026-11-26T09:00:00+01:00',
    text: 'mötet med Röda korset',
  },
  { input: 'påminn mig om 3 saker i morgon', due: '2026-11-23T09:00:00+01:00', text: '3 saker' },
  { input: 'efter 2 veckor uppföljning', due: '2026-12-06T09:00:00+01:00', text: 'uppföljning' },
  { input: 'nästa vecka planera hösten', due: '2026-11-29T09:00:00+01:00', text: 'planera hösten' },
  { input: 'på söndag ring mamma', due: '2026-11-29T09:00:00+01:00', text: 'ring mamma' },
  {
    input: 'i mån av tid: städa arkivet imorgon',
    due: '2026-11-23T09:00:00+01:00',
    text: 'i mån av tid: städa arkivet',
  },
];

const swedishRecurring: Case[] = [
  {
    input: 'varje år den 1 mars årsrapport till kommunen',
    due: '2027-03-01T09:00:00+01:00',
    text: 'årsrapport till kommunen',
    recurrence: yearly(3, 1),
  },
  {
    input: 'påminn mig varje måndag kl 9 att skicka veckobrevet',
    due: '2026-11-23T09:00:00+01:00',
    text: 'skicka veckobrevet',
    recurrence: weekly(1),
    assumedTime: false,
  },
  { input: 'varje månad fakturera', due: '2026-12-22T09:00:00+01:00', text: 'fakturera', recurrence: monthly(22) },
  {
    input: 'varannan vecka lönerapport',
    due: '2026-12-06T09:00:00+01:00',
    text: 'lönerapport',
    recurrence: weekly(0, 2),
  },
  {
    input: 'årligen se över avtalet',
    due: '2027-11-22T09:00:00+01:00',
    text: 'se över avtalet',
    recurrence: yearly(11, 22),
  },
  { input: 'en gång per år revision', due: '2027-11-22T09:00:00+01:00', text: 'revision', recurrence: yearly(11, 22) },
  {
    input: 'varje vecka städa kylskåpet',
    due: '2026-11-29T09:00:00+01:00',
    text: 'städa kylskåpet',
    recurrence: weekly(0),
  },
  { input: 'varje dag kl 8 läs inkorgen', due: '2026-11-23T08:00:00+01:00', text: 'läs inkorgen', recurrence: daily },
  { input: 'varje dag kl 15 stäm av', due: '2026-11-22T15:00:00+01:00', text: 'stäm av', recurrence: daily },
  {
    input: 'varannan måndag kl 10 avstämning',
    due: '2026-11-23T10:00:00+01:00',
    text: 'avstämning',
    recurrence: weekly(1, 2),
  },
  {
    input: 'var tredje månad kvartalsrapport',
    due: '2027-02-22T09:00:00+01:00',
    text: 'kvartalsrapport',
    recurrence: monthly(22, 3),
  },
  {
    input: 'varje månad den 25 betala hyran',
    due: '2026-11-25T09:00:00+01:00',
    text: 'betala hyran',
    recurrence: monthly(25),
  },
  { input: 'den 15:e varje månad hyra', due: '2026-12-15T09:00:00+01:00', text: 'hyra', recurrence: monthly(15) },
  {
    input: 'på fredagar kl 15 veckoavslut',
    due: '2026-11-27T15:00:00+01:00',
    text: 'veckoavslut',
    recurrence: weekly(5),
  },
  { input: 'dagligen kl 7.30 morgonmöte', due: '2026-11-23T07:30:00+01:00', text: 'morgonmöte', recurrence: daily },
  {
    input: 'varje år den 29 februari skottdagsfika',
    due: '2027-02-28T09:00:00+01:00',
    text: 'skottdagsfika',
    recurrence: yearly(2, 29),
  },
  {
    input: 'varje månad den 31 månadsbokslut',
    due: '2026-11-30T09:00:00+01:00',
    text: 'månadsbokslut',
    recurrence: monthly(31),
  },
];

const english: Case[] = [
  {
    input: 'remind me in 2 hours to call Anna',
    due: '2026-11-22T12:00:00+01:00',
    text: 'call Anna',
    assumedTime: false,
  },
  {
    input: 'remind me tomorrow at 9 to call the Red Cross',
    due: '2026-11-23T09:00:00+01:00',
    text: 'call the Red Cross',
  },
  { input: 'next Friday: send the report', due: '2026-11-27T09:00:00+01:00', text: 'send the report' },
  {
    input: 'remind me on March 1st at 10:00 to renew the agreement',
    due: '2027-03-01T10:00:00+01:00',
    text: 'renew the agreement',
  },
  { input: 'in 3 days check the application', due: '2026-11-25T09:00:00+01:00', text: 'check the application' },
  { input: 'in a month review the budget', due: '2026-12-22T09:00:00+01:00', text: 'review the budget' },
  { input: 'remind me to call Anna on Friday', due: '2026-11-27T09:00:00+01:00', text: 'call Anna' },
  { input: '1/3 annual meeting', due: '2027-03-01T09:00:00+01:00', text: 'annual meeting' },
  { input: '15/1 tax return', due: '2027-01-15T09:00:00+01:00', text: 'tax return' },
  {
    input: 'remind me about the board meeting tomorrow at 14:00',
    due: '2026-11-23T14:00:00+01:00',
    text: 'the board meeting',
  },
  {
    input: 'tomorrow morning call the bank',
    due: '2026-11-23T08:00:00+01:00',
    text: 'call the bank',
    assumedTime: true,
  },
  { input: 'in 30 minutes stretch', due: '2026-11-22T10:30:00+01:00', text: 'stretch' },
  {
    input: 'every month pay the invoice',
    due: '2026-12-22T09:00:00+01:00',
    text: 'pay the invoice',
    recurrence: monthly(22),
  },
  {
    input: 'every year renew the membership',
    due: '2027-11-22T09:00:00+01:00',
    text: 'renew the membership',
    recurrence: yearly(11, 22),
  },
  { input: 'every other week payroll', due: '2026-12-06T09:00:00+01:00', text: 'payroll', recurrence: weekly(0, 2) },
  { input: 'every Monday at 9 standup', due: '2026-11-23T09:00:00+01:00', text: 'standup', recurrence: weekly(1) },
  {
    input: 'every year on March 1 renew the grant',
    due: '2027-03-01T09:00:00+01:00',
    text: 'renew the grant',
    recurrence: yearly(3, 1),
  },
].map((c) => ({ ...c, locale: 'en' as const }));

const otherLanguage: Case[] = [
  { input: 'remind me tomorrow at 9 to call Anna', due: '2026-11-23T09:00:00+01:00', text: 'call Anna', locale: 'sv' },
  {
    input: 'påminn mig imorgon kl 9 att ringa Anna',
    due: '2026-11-23T09:00:00+01:00',
    text: 'ringa Anna',
    locale: 'en',
  },
];

const dstAndCalendar: Case[] = [
  // End of October 2027 (Sunday 31st): wall-clock dates keep 09:00, elapsed hours stay exact.
  {
    now: '2027-10-20T10:00:00+02:00',
    input: 'om två veckor uppföljning',
    due: '2027-11-03T09:00:00+01:00',
    text: 'uppföljning',
  },
  {
    now: '2027-10-20T10:00:00+02:00',
    input: 'varje onsdag kl 9 möte',
    due: '2027-10-27T09:00:00+02:00',
    text: 'möte',
    recurrence: weekly(3),
  },
  { now: '2027-10-30T10:00:00+02:00', input: 'i morgon kl 9 x', due: '2027-10-31T09:00:00+01:00', text: 'x' },
  { now: '2027-10-31T01:30:00+02:00', input: 'om 2 timmar x', due: '2027-10-31T02:30:00+01:00', text: 'x' },
  // Last Sunday of March 2027 (28th).
  { now: '2027-03-22T10:00:00+01:00', input: 'om en vecka kl 9 x', due: '2027-03-29T09:00:00+02:00', text: 'x' },
  { now: '2027-03-27T10:00:00+01:00', input: 'i morgon kl 9 x', due: '2027-03-28T09:00:00+02:00', text: 'x' },
  { now: '2027-03-28T01:30:00+01:00', input: 'om 2 timmar x', due: '2027-03-28T04:30:00+02:00', text: 'x' },
  {
    now: '2027-03-28T01:30:00+01:00',
    input: 'in 2 hours x',
    due: '2027-03-28T04:30:00+02:00',
    text: 'x',
    locale: 'en',
  },
  // Month ends clamp instead of rolling into the next month.
  { now: '2027-01-31T10:00:00+01:00', input: 'om en månad x', due: '2027-02-28T09:00:00+01:00', text: 'x' },
  {
    now: '2027-01-31T10:00:00+01:00',
    input: 'in a month x',
    due: '2027-02-28T09:00:00+01:00',
    text: 'x',
    locale: 'en',
  },
  {
    now: '2027-01-31T10:00:00+01:00',
    input: 'varje månad x',
    due: '2027-02-28T09:00:00+01:00',
    text: 'x',
    recurrence: monthly(31),
  },
  { now: '2027-03-31T10:00:00+02:00', input: 'om en månad x', due: '2027-04-30T09:00:00+02:00', text: 'x' },
  // Leap days.
  { input: '29 februari 2028 skottdag', due: '2028-02-29T09:00:00+01:00', text: 'skottdag' },
  { input: '29 februari skottdag', due: '2028-02-29T09:00:00+01:00', text: 'skottdag' },
  { now: '2028-02-29T10:00:00+01:00', input: 'om ett år x', due: '2029-02-28T09:00:00+01:00', text: 'x' },
  {
    now: '2028-02-29T10:00:00+01:00',
    input: 'varje år x',
    due: '2029-02-28T09:00:00+01:00',
    text: 'x',
    recurrence: yearly(2, 29),
  },
  { now: '2028-02-28T10:00:00+01:00', input: 'i morgon x', due: '2028-02-29T09:00:00+01:00', text: 'x' },
  // Other zones: late evening in New York, early morning in Tokyo (a different date than in UTC).
  {
    tz: 'America/New_York',
    now: '2026-11-22T22:00:00-05:00',
    input: 'tomorrow at 9 x',
    due: '2026-11-23T09:00:00-05:00',
    text: 'x',
    locale: 'en',
  },
  {
    tz: 'America/New_York',
    now: '2026-11-22T22:00:00-05:00',
    input: 'imorgon x',
    due: '2026-11-23T09:00:00-05:00',
    text: 'x',
  },
  {
    tz: 'America/New_York',
    now: '2027-03-13T10:00:00-05:00',
    input: 'om en dag kl 9 x',
    due: '2027-03-14T09:00:00-04:00',
    text: 'x',
  },
  {
    tz: 'Asia/Tokyo',
    now: '2026-11-23T07:00:00+09:00',
    input: 'imorgon x',
    due: '2026-11-24T09:00:00+09:00',
    text: 'x',
  },
  { tz: 'Asia/Tokyo', now: '2026-11-23T07:00:00+09:00', input: 'kl 9 x', due: '2026-11-23T09:00:00+09:00', text: 'x' },
  {
    tz: 'Asia/Tokyo',
    now: '2026-11-23T07:00:00+09:00',
    input: 'tomorrow x',
    due: '2026-11-24T09:00:00+09:00',
    text: 'x',
    locale: 'en',
  },
];

// Parts of the day: after a date, on their own, and with a clock time they make afternoon of ("kl 3 på eftermiddagen").
const partsOfDay: Case[] = [
  {
    input: 'nästa torsdag eftermiddag att ringa Anna',
    due: '2026-11-26T15:00:00+01:00',
    text: 'ringa Anna',
    assumedTime: true,
  },
  { input: 'på torsdag förmiddag ring Anna', due: '2026-11-26T09:00:00+01:00', text: 'ring Anna' },
  { input: 'på torsdag på eftermiddagen ring Anna', due: '2026-11-26T15:00:00+01:00', text: 'ring Anna' },
  { input: 'torsdag kväll ring Anna', due: '2026-11-26T19:00:00+01:00', text: 'ring Anna' },
  { input: 'på fredag morgon ring Anna', due: '2026-11-27T08:00:00+01:00', text: 'ring Anna' },
  { input: 'på fredag på morgonen ring Anna', due: '2026-11-27T08:00:00+01:00', text: 'ring Anna' },
  { input: 'på fredag em ring Anna', due: '2026-11-27T15:00:00+01:00', text: 'ring Anna' },
  { input: 'på fredag vid lunch boka bord', due: '2026-11-27T12:00:00+01:00', text: 'boka bord' },
  { input: 'den 3 mars på eftermiddagen möte', due: '2027-03-03T15:00:00+01:00', text: 'möte' },
  { input: '3 mars eftermiddag möte', due: '2027-03-03T15:00:00+01:00', text: 'möte' },
  { input: 'på eftermiddagen ring Anna', due: '2026-11-22T15:00:00+01:00', text: 'ring Anna', assumedTime: true },
  { input: 'på morgonen ring Anna', due: '2026-11-23T08:00:00+01:00', text: 'ring Anna' },
  { input: 'efter lunch ring Anna', due: '2026-11-22T13:00:00+01:00', text: 'ring Anna' },
  { input: 'i slutet av dagen skicka rapporten', due: '2026-11-22T16:00:00+01:00', text: 'skicka rapporten' },
  {
    input: 'i morgon kl 3 på eftermiddagen ring Anna',
    due: '2026-11-23T15:00:00+01:00',
    text: 'ring Anna',
    assumedTime: false,
  },
  { input: 'i eftermiddag kl 3 ring Anna', due: '2026-11-22T15:00:00+01:00', text: 'ring Anna', assumedTime: false },
  { input: 'på fredag eftermiddag kl 14 ring Anna', due: '2026-11-27T14:00:00+01:00', text: 'ring Anna' },
  {
    input: 'varje torsdag eftermiddag veckomöte',
    due: '2026-11-26T15:00:00+01:00',
    text: 'veckomöte',
    recurrence: weekly(4),
  },
  { input: 'skicka rapporten senast på fredag', due: '2026-11-27T09:00:00+01:00', text: 'skicka rapporten' },
  // "lunch" without a preposition after a date is what the reminder is about, not a time.
  { input: 'boka lunch på fredag', due: '2026-11-27T09:00:00+01:00', text: 'boka lunch' },
  ...[
    { input: 'next Thursday afternoon to call Anna', due: '2026-11-26T15:00:00+01:00', text: 'call Anna' },
    { input: 'in the afternoon call Anna', due: '2026-11-22T15:00:00+01:00', text: 'call Anna' },
    { input: 'on Friday in the morning call Anna', due: '2026-11-27T08:00:00+01:00', text: 'call Anna' },
    { input: 'Friday evening call Anna', due: '2026-11-27T19:00:00+01:00', text: 'call Anna' },
    { input: 'at lunch call Anna', due: '2026-11-22T12:00:00+01:00', text: 'call Anna' },
    { input: 'tomorrow at noon call Anna', due: '2026-11-23T12:00:00+01:00', text: 'call Anna' },
    { input: 'at the end of the day file the report', due: '2026-11-22T16:00:00+01:00', text: 'file the report' },
    { input: 'by end of day Friday send the draft', due: '2026-11-27T16:00:00+01:00', text: 'send the draft' },
  ].map((c) => ({ ...c, locale: 'en' as const })),
];

// Start, middle and end of a week (Monday, Wednesday, Friday), a month (1st, 15th, last day) or a year (1 January,
// 1 July, 31 December). Now is Sunday 22 November: this week's Friday and this month's 15th have passed.
const periods: Case[] = [
  { input: 'i slutet av månaden skicka rapporten', due: '2026-11-30T09:00:00+01:00', text: 'skicka rapporten' },
  { input: 'vid månadsskiftet skicka rapporten', due: '2026-11-30T09:00:00+01:00', text: 'skicka rapporten' },
  { input: 'efter månadsskiftet skicka rapporten', due: '2026-12-01T09:00:00+01:00', text: 'skicka rapporten' },
  { input: 'i början av nästa månad skicka rapporten', due: '2026-12-01T09:00:00+01:00', text: 'skicka rapporten' },
  { input: 'i början av månaden lönelistor', due: '2026-12-01T09:00:00+01:00', text: 'lönelistor' },
  { input: 'i mitten av månaden avstämning', due: '2026-12-15T09:00:00+01:00', text: 'avstämning' },
  { input: 'i slutet av månaden kl 15 bokslut', due: '2026-11-30T15:00:00+01:00', text: 'bokslut' },
  { input: 'ring Anna i slutet av veckan', due: '2026-11-27T09:00:00+01:00', text: 'ring Anna' },
  { input: 'i början av nästa vecka planera', due: '2026-11-23T09:00:00+01:00', text: 'planera' },
  { input: 'i slutet av året årsrapport', due: '2026-12-31T09:00:00+01:00', text: 'årsrapport' },
  { input: 'vid årsskiftet årsrapport', due: '2026-12-31T09:00:00+01:00', text: 'årsrapport' },
  { input: 'i början av nästa år söka bidrag', due: '2027-01-01T09:00:00+01:00', text: 'söka bidrag' },
  { input: 'i mitten av nästa år halvårsrapport', due: '2027-07-01T09:00:00+02:00', text: 'halvårsrapport' },
  { input: 'i slutet av januari deklaration', due: '2027-01-31T09:00:00+01:00', text: 'deklaration' },
  { input: 'i mitten av mars uppföljning', due: '2027-03-15T09:00:00+01:00', text: 'uppföljning' },
  { input: 'i början av december julfika', due: '2026-12-01T09:00:00+01:00', text: 'julfika' },
  { input: 'vid månadens slut fakturera', due: '2026-11-30T09:00:00+01:00', text: 'fakturera' },
  {
    input: 'i slutet av varje månad skicka fakturor',
    due: '2026-11-30T09:00:00+01:00',
    text: 'skicka fakturor',
    recurrence: monthly(31),
  },
  {
    input: 'i början av varje vecka läs veckoplanen',
    due: '2026-11-23T09:00:00+01:00',
    text: 'läs veckoplanen',
    recurrence: weekly(1),
  },
  // Wednesday 25 November: this week's Friday is still ahead.
  { now: '2026-11-25T10:00:00+01:00', input: 'i slutet av veckan x', due: '2026-11-27T09:00:00+01:00', text: 'x' },
  {
    now: '2026-11-25T10:00:00+01:00',
    input: 'i slutet av nästa vecka x',
    due: '2026-12-04T09:00:00+01:00',
    text: 'x',
  },
  {
    now: '2026-11-25T10:00:00+01:00',
    input: 'i början av nästa vecka x',
    due: '2026-11-30T09:00:00+01:00',
    text: 'x',
  },
  // The last day of the month after 09:00: the end of this month is past, so the end of the next one.
  { now: '2026-11-30T10:00:00+01:00', input: 'i slutet av månaden x', due: '2026-12-31T09:00:00+01:00', text: 'x' },
  {
    now: '2026-11-30T10:00:00+01:00',
    input: 'i slutet av månaden kl 15 x',
    due: '2026-11-30T15:00:00+01:00',
    text: 'x',
  },
  ...[
    { input: 'at the end of the month to file the report', due: '2026-11-30T09:00:00+01:00', text: 'file the report' },
    { input: 'start of next month file the report', due: '2026-12-01T09:00:00+01:00', text: 'file the report' },
    { input: 'by the end of the week send the draft', due: '2026-11-27T09:00:00+01:00', text: 'send the draft' },
    { input: 'in the middle of next month review', due: '2026-12-15T09:00:00+01:00', text: 'review' },
    { input: 'end of the year annual report', due: '2026-12-31T09:00:00+01:00', text: 'annual report' },
    { input: 'at the beginning of March renew', due: '2027-03-01T09:00:00+01:00', text: 'renew' },
    { input: 'mid-December plan the party', due: '2026-12-15T09:00:00+01:00', text: 'plan the party' },
    { input: 'early next week call Anna', due: '2026-11-23T09:00:00+01:00', text: 'call Anna' },
    { input: 'late January taxes', due: '2027-01-31T09:00:00+01:00', text: 'taxes' },
    {
      input: 'at the end of every month pay the rent',
      due: '2026-11-30T09:00:00+01:00',
      text: 'pay the rent',
      recurrence: monthly(31),
    },
  ].map((c) => ({ ...c, locale: 'en' as const })),
];

// English "March 15" is the 15th of March (chrono's British reading makes it March 2015).
const englishMonthDay: Case[] = [
  { input: 'March 15 renew the grant', due: '2027-03-15T09:00:00+01:00', text: 'renew the grant' },
  { input: 'remind me on March 15 at 10 to renew', due: '2027-03-15T10:00:00+01:00', text: 'renew' },
  { input: 'Dec 1 2026 christmas lunch', due: '2026-12-01T09:00:00+01:00', text: 'christmas lunch' },
].map((c) => ({ ...c, locale: 'en' as const }));

// Agreements run three to five years: a reminder may be set up to five years ahead.
const farAhead: Case[] = [
  {
    input: 'om 3 år att förnya överenskommelsen',
    due: '2029-11-22T09:00:00+01:00',
    text: 'förnya överenskommelsen',
  },
  { input: 'om fem år slutrapport', due: '2031-11-22T09:00:00+01:00', text: 'slutrapport' },
  {
    input: 'in 4 years renew the agreement',
    due: '2030-11-22T09:00:00+01:00',
    text: 'renew the agreement',
    locale: 'en',
  },
];

const table = [
  ...swedish,
  ...swedishRecurring,
  ...english,
  ...otherLanguage,
  ...dstAndCalendar,
  ...partsOfDay,
  ...periods,
  ...englishMonthDay,
  ...farAhead,
];

describe('parseReminder: phrase table', () => {
  it('has at least 80 phrases', () => {
    expect(table.length).toBeGreaterThanOrEqual(80);
  });

  it.each(table)('$input', (c) => {
    const tz = c.tz ?? STOCKHOLM;
    const result = parseReminder(c.input, {
      now: c.now ? new Date(c.now) : NOW,
      timeZone: tz,
      locale: c.locale ?? 'sv',
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(localIso(result.due, tz)).toBe(c.due);
    expect(result.text).toBe(c.text);
    expect(result.recurrence).toEqual(c.recurrence ?? null);
    if (c.assumedTime !== undefined) expect(result.assumedTime).toBe(c.assumedTime);
  });
});

interface ErrorCase {
  input: string;
  error: string;
  detail?: Record<string, string>;
  locale?: Locale;
}

const errors: ErrorCase[] = [
  { input: 'påminn mig den 31 februari att betala', error: 'impossible-date', detail: { text: 'den 31 februari' } },
  { input: '30/2 x', error: 'impossible-date', detail: { text: '30/2' } },
  { input: '2027-13-01 x', error: 'impossible-date', detail: { text: '2027-13-01' } },
  { input: '2027-02-29 x', error: 'impossible-date' },
  { input: 'kl 25 x', error: 'impossible-date', detail: { text: 'kl 25' } },
  { input: '31 February pay', error: 'impossible-date', locale: 'en' },
  { input: 'igår ring Anna', error: 'past', detail: { date: '2026-11-21T08:00:00.000Z' } },
  { input: 'i förrgår x', error: 'past' },
  { input: 'förra fredag x', error: 'past' },
  { input: 'idag kl 8 x', error: 'past', detail: { date: '2026-11-22T07:00:00.000Z' } },
  { input: '2026-11-01 kl 10 x', error: 'past' },
  { input: 'yesterday x', error: 'past', locale: 'en' },
  { input: 'om 6 år x', error: 'too-far', detail: { limit: '2031-11-22T09:00:00.000Z' } },
  { input: '2032-01-01 x', error: 'too-far' },
  { input: 'in 6 years x', error: 'too-far', locale: 'en' },
  // Dates that do not exist, however they are written.
  { input: 'remind me on February 30', error: 'impossible-date', locale: 'en' },
  { input: 'remind me on February 30 to pay', error: 'impossible-date', locale: 'en' },
  { input: 'Feb 30 x', error: 'impossible-date', detail: { text: 'Feb 30' }, locale: 'en' },
  { input: 'April 31 x', error: 'impossible-date', detail: { text: 'April 31' }, locale: 'en' },
  { input: '31 april x', error: 'impossible-date', detail: { text: '31 april' } },
  { input: 'den 32 mars x', error: 'impossible-date', detail: { text: 'den 32 mars' } },
  { input: '2026-13-01 x', error: 'impossible-date', detail: { text: '2026-13-01' } },
  { input: '32/1 x', error: 'impossible-date', detail: { text: '32/1' } },
  { input: '13/13 x', error: 'impossible-date', detail: { text: '13/13' } },
  {
    input: 'imorgon eller på fredag x',
    error: 'ambiguous',
    detail: { reason: 'several-dates', first: 'imorgon', second: 'på fredag' },
  },
  {
    input: 'kl 9 eller kl 10 x',
    error: 'ambiguous',
    detail: { reason: 'several-dates', first: 'kl 9', second: 'kl 10' },
  },
  { input: 'om 2 timmar kl 9 x', error: 'ambiguous' },
  { input: 'påminn mig om 3', error: 'ambiguous', detail: { reason: 'bare-number', text: 'om 3' } },
  { input: 'om 3 att ringa Anna', error: 'ambiguous', detail: { reason: 'bare-number', text: 'om 3' } },
  { input: 'in 3 to call', error: 'ambiguous', detail: { reason: 'bare-number', text: 'in 3' }, locale: 'en' },
  { input: '15-17 januari x', error: 'ambiguous', detail: { reason: 'range', text: '15-17 januari' } },
  {
    input: 'måndag den 15 januari x',
    error: 'ambiguous',
    detail: { reason: 'weekday-mismatch', text: 'måndag den 15 januari', date: '2027-01-15T08:00:00.000Z' },
  },
  { input: 'ring Anna', error: 'no-time' },
  { input: '', error: 'no-time' },
  { input: 'remind me to call Anna', error: 'no-time', locale: 'en' },
  { input: 'påminn mig imorgon', error: 'no-text' },
  { input: 'remind me tomorrow at 9', error: 'no-text', locale: 'en' },
  { input: 'x'.repeat(1001), error: 'too-long', detail: { length: '1001', max: '1000' } },
];

describe('parseReminder: errors', () => {
  it.each(errors)('$error: $input', (c) => {
    const result = parseReminder(c.input, { now: NOW, timeZone: STOCKHOLM, locale: c.locale ?? 'sv' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(c.error);
    if (c.detail) expect(result.detail).toEqual(c.detail);
  });

  it('counts characters, not UTF-16 units: 1,000 emoji are not too long', () => {
    const result = parseReminder(`${'🎉'.repeat(990)} imorgon`, { now: NOW, timeZone: STOCKHOLM, locale: 'sv' });
    expect(result).toMatchObject({ ok: true, text: '🎉'.repeat(990) });
  });

  it('treats control characters as spaces', () => {
    const result = parseReminder('imorgon\u0000kl 9\u0007ring\u001bAnna', {
      now: NOW,
      timeZone: STOCKHOLM,
      locale: 'sv',
    });
    expect(result).toMatchObject({ ok: true, text: 'ring Anna' });
  });

  it('refuses an unknown time zone as a programming error', () => {
    expect(() => parseReminder('imorgon x', { now: NOW, timeZone: 'Mars/Olympus', locale: 'sv' })).toThrow(RangeError);
  });
});
