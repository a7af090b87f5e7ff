import { describe, expect, it } from 'vitest';
import { REMINDERS } from '../../src/core/reminders/reminder.ts';
import { FakeClock } from '../support/clock.ts';
import { button, buttonsOf, rawTextOf, reminderHarness, textOf, THREAD } from './harness.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const BOB = { user: 'console:bob', name: 'Bob' };

describe('setting a reminder', () => {
  it('confirms "om två veckor" at 09:00 in Swedish with Ändra / Ångra, and schedules one occurrence', async () => {
    const h = reminderHarness();
    const replies = await h.say('påminn mig om två veckor att följa upp med Röda korset');
    expect(textOf(replies)).toMatch(/Jag påminner dig söndag 6 december 2026 kl\. 09:00: följa upp med Röda korset/);
    expect(textOf(replies)).toMatch(/Du angav ingen tid, så jag valde kl\. 09:00/);
    expect(textOf(replies)).toMatch(/i den här tråden/);
    expect(buttonsOf(replies).map((b) => b.label)).toEqual(['Ändra', 'Ångra']);
    expect(await h.pending()).toEqual([{ id: 'rem-test1', occ: 0, due: '2026-12-06T08:00:00.000Z' }]);
  });

  it('works as /iop påminn and /iop remind, in English for an English speaker', async () => {
    const h = reminderHarness();
    expect(textOf(await h.say('/iop påminn imorgon kl 9 ring Anna'))).toMatch(
      /måndag 23 november 2026 kl\. 09:00: ring Anna/,
    );
    await h.say('/iop lang en');
    const replies = await h.say('/iop remind in 2 hours to call the Red Cross');
    expect(textOf(replies)).toMatch(/I will remind you on Sunday 22 November 2026 at 12:00: call the Red Cross/);
    expect(buttonsOf(replies).map((b) => b.label)).toEqual(['Change', 'Undo']);
  });

  it("reads times in the user's own time zone", async () => {
    const h = reminderHarness();
    const replies = await h.say('påminn mig imorgon kl 9 att ringa Anna', { timeZone: 'America/New_York' });
    expect(textOf(replies)).toMatch(/måndag 23 november 2026 kl\. 09:00/);
    expect((await h.pending())[0]?.due).toBe('2026-11-23T14:00:00.000Z');
  });

  it('explains what it could not read, in the parser’s words', async () => {
    const h = reminderHarness();
    expect(textOf(await h.say('påminn mig igår att ringa Anna'))).toMatch(/redan passerat \(lördag 21 november 2026/);
    expect(textOf(await h.say('påminn mig den 31 februari att ringa'))).toMatch(
      /'den 31 februari' finns inte i kalendern/,
    );
    expect(textOf(await h.say('påminn mig om sex år att ringa'))).toMatch(/högst 5 år framåt, alltså senast/);
    expect(textOf(await h.say('påminn mig att ringa Anna'))).toMatch(/förstod inte när[\s\S]*Skriv vad och när/);
    expect(textOf(await h.say('påminn mig'))).toMatch(/Skriv vad och när/);
    expect(await h.pending()).toEqual([]);
  });

  it('Ångra deletes the reminder and its job; pressing it again is harmless', async () => {
    const h = reminderHarness();
    const confirmation = await h.say('påminn mig imorgon kl 9 att ringa Anna');
    const undo = button(confirmation, 'Ångra');
    const undone = await h.press(undo);
    expect(textOf(undone)).toMatch(/Ångrat – påminnelsen är borttagen: ringa Anna/);
    expect(undone[0]?.placement.kind).toBe('update');
    expect(await h.pending()).toEqual([]);
    expect(textOf(await h.press(undo))).toMatch(/finns inte längre/);
  });

  it('Ändra takes a plain new time and keeps the text, or a new text too', async () => {
    const h = reminderHarness();
    const confirmation = await h.say('påminn mig imorgon kl 9 att ringa Anna');
    expect(textOf(await h.press(button(confirmation, 'Ändra')))).toMatch(/Skriv när jag ska påminna i stället/);
    const changed = await h.say('på fredag kl 10');
    expect(textOf(changed)).toMatch(/Ändrat! Jag påminner dig fredag 27 november 2026 kl\. 10:00: ringa Anna/);
    expect(await h.pending()).toEqual([expect.objectContaining({ occ: 1, due: '2026-11-27T09:00:00.000Z' })]);

    await h.press(button(changed, 'Ändra'));
    expect(textOf(await h.say('påminn mig på måndag kl 8 att mejla Bo'))).toMatch(
      /måndag 23 november 2026 kl\. 08:00: mejla Bo/,
    );
    expect(await h.pending()).toEqual([expect.objectContaining({ occ: 2, due: '2026-11-23T07:00:00.000Z' })]);
    // The change is used up: the next reminder is a new one.
    await h.say('påminn mig på tisdag kl 8 att mejla Eva');
    expect(await h.pending()).toHaveLength(2);
  });

  it('keeps the reminder as it is when "Behåll som den är" is pressed after Ändra', async () => {
    const h = reminderHarness();
    const prompt = await h.press(button(await h.say('påminn mig imorgon kl 9 att ringa Anna'), 'Ändra'));
    expect(textOf(await h.press(button(prompt, 'Behåll som den är')))).toMatch(/oförändrad/);
    expect(textOf(await h.say('påminn mig på fredag kl 10 att ringa Bo'))).toMatch(/^Klart!/);
    expect(await h.pending()).toHaveLength(2);
  });

  it('lets a question typed after Ändra through, and forgets the change', async () => {
    const h = reminderHarness();
    await h.press(button(await h.say('påminn mig imorgon kl 9 att ringa Anna'), 'Ändra'));
    expect(textOf(await h.say('Vad är IOP?'))).not.toMatch(/Ändrat/);
    expect(textOf(await h.say('påminn mig på fredag kl 10 att ringa Bo'))).toMatch(/^Klart!/);
  });

  it('turns a checklist offer into a yearly reminder at 09:00, and refuses a broken one', async () => {
    const h = reminderHarness();
    const { reminderOfferButton } = await import('../../src/core/reminders/offer.ts');
    const { translator } = await import('../../src/core/i18n/translator.ts');
    const offer = reminderOfferButton(translator('sv'), {
      text: 'Årlig uppföljning av IOP-avtalet',
      in: 'P1Y',
      recurrence: 'yearly',
    });
    expect(offer.actionId).toBe('reminder:create');
    const replies = await h.press(offer);
    expect(textOf(replies)).toMatch(
      /varje år, första gången måndag 22 november 2027 kl\. 09:00: Årlig uppföljning av IOP-avtalet/,
    );
    expect(textOf(await h.press({ ...offer, value: '{"text":"x","in":"soon"}' }))).toMatch(/gick inte att läsa/);
    expect(textOf(await h.press({ ...offer, value: '{"text":"x","in":"P6Y"}' }))).toMatch(
      /för långt fram – jag kan påminna högst 5 år framåt/,
    );
    expect(() => reminderOfferButton(translator('sv'), { text: 'x' })).toThrow();
  });

  it('reads "påminn om årlig uppföljning …" as a yearly reminder from a year ahead', async () => {
    const h = reminderHarness();
    const replies = await h.say('/iop påminn om årlig uppföljning av avtalet med Röda korset');
    expect(textOf(replies)).toMatch(
      /varje år, första gången måndag 22 november 2027 kl\. 09:00: årlig uppföljning av avtalet med Röda korset/,
    );
  });
});

describe('listing and cancelling', () => {
  it('lists mine with time, text, recurrence and a delete button; others see only theirs', async () => {
    const h = reminderHarness();
    await h.say('påminn mig varje måndag kl 9 att läsa veckoplanen');
    await h.say('påminn mig imorgon kl 14 att ringa Anna');
    await h.say('påminn mig imorgon kl 15 att ringa Per', BOB);
    const list = await h.say('/iop påminnelser');
    expect(textOf(list)).toMatch(
      /Dina påminnelser\nläsa veckoplanen\nmåndag 23 november 2026 kl\. 09:00 – sedan varje vecka\nringa Anna\nmåndag 23 november 2026 kl\. 14:00/,
    );
    expect(textOf(list)).not.toMatch(/Per/);
    expect(buttonsOf(list).map((b) => b.label)).toEqual(['Ta bort', 'Ta bort']);

    const afterCancel = await h.press(buttonsOf(list)[1]!);
    expect(textOf(afterCancel)).toMatch(/Borttagen: ringa Anna/);
    expect(textOf(afterCancel)).toMatch(/läsa veckoplanen/);
    expect(afterCancel[0]?.placement.kind).toBe('update');
    expect(await h.pending()).toHaveLength(2);
  });

  it('lets only the owner cancel, snooze or finish a reminder', async () => {
    const h = reminderHarness();
    const confirmation = await h.say('påminn mig imorgon kl 9 att ringa Anna');
    const refusal = await h.press(button(confirmation, 'Ångra'), BOB);
    expect(textOf(refusal)).toMatch(/bara den personen kan/);
    expect(refusal[0]?.placement.kind).toBe('private');
    await h.advance(DAY);
    const due = h.messenger.sent[0]!.replies;
    for (const label of ['Klar', 'Snooza 1 timme', 'Till imorgon 09:00', '1 vecka']) {
      expect(textOf(await h.press(button(due, label), BOB))).toMatch(/bara den personen kan/);
    }
    expect((await h.store.load(REMINDERS, 'rem-test1'))?.status).toBe('delivered');
  });

  it('forgets all of a user’s reminders on /iop glöm-mig', async () => {
    const h = reminderHarness();
    await h.say('påminn mig imorgon kl 9 att ringa Anna');
    const confirm = await h.say('/iop glöm-mig');
    expect(textOf(await h.press(button(confirm, /Ja|Radera|glöm/i)))).toMatch(/1 påminnelser/);
    expect(await h.pending()).toEqual([]);
  });
});

describe('when a reminder falls due', () => {
  it('posts in the thread it was set in, mentioning the owner, with Klar and three snoozes', async () => {
    const h = reminderHarness();
    await h.say('påminn mig imorgon kl 9 att ringa Anna');
    await h.advance(DAY - HOUR - 1);
    expect(h.messenger.sent).toHaveLength(0);
    await h.advance(1);
    expect(h.messenger.sent).toHaveLength(1);
    const [message] = h.messenger.sent;
    expect(message?.address).toEqual(THREAD);
    expect(message?.replies[0]?.mentions).toEqual(['console:anna']);
    expect(message?.text).toMatch(/🔔 Påminnelse: ringa Anna/);
    expect(message?.text).not.toMatch(/Försenad/);
    expect(buttonsOf(message!.replies).map((b) => [b.label, b.actionId])).toEqual([
      ['Klar', 'reminder:done'],
      ['Snooza 1 timme', 'reminder:snooze'],
      ['Till imorgon 09:00', 'reminder:snooze'],
      ['1 vecka', 'reminder:snooze'],
    ]);
    expect(textOf(await h.say('/iop påminnelser'))).toMatch(/Skickad måndag 23 november 2026 kl\. 09:00/);
  });

  it('marks a reminder found long after its time (the bot was down) as late', async () => {
    const h = reminderHarness();
    await h.say('påminn mig imorgon kl 9 att ringa Anna');
    await h.advance(3 * DAY);
    expect(h.messenger.sent).toHaveLength(1);
    expect(h.messenger.sent[0]?.text).toMatch(/Försenad – den skulle ha kommit måndag 23 november 2026 kl\. 09:00/);
  });

  it('speaks the owner’s current language', async () => {
    const h = reminderHarness();
    await h.say('påminn mig imorgon kl 9 att ringa Anna');
    await h.say('/iop lang en');
    await h.advance(DAY);
    expect(h.messenger.sent[0]?.text).toMatch(/🔔 Reminder: ringa Anna/);
  });

  it('Klar finishes a one-off; a second press is harmless', async () => {
    const h = reminderHarness();
    await h.say('påminn mig imorgon kl 9 att ringa Anna');
    await h.advance(DAY);
    const done = button(h.messenger.sent[0]!.replies, 'Klar');
    const replies = await h.press(done);
    expect(textOf(replies)).toMatch(/✓ Klar: ringa Anna/);
    expect(replies[0]?.placement.kind).toBe('update');
    expect(textOf(await h.press(done))).toMatch(/finns inte längre/);
    expect(textOf(await h.say('/iop påminnelser'))).toMatch(/inga påminnelser/);
  });

  it('snoozes an hour, to tomorrow 09:00 or a week (same local time across DST), once per press', async () => {
    const h = reminderHarness({ clock: new FakeClock(new Date('2027-03-23T13:00:00Z')) });
    await h.say('påminn mig imorgon kl 14 att ringa Anna');
    await h.advance(DAY);
    const due = h.messenger.sent[0]!.replies;
    const hour = button(due, 'Snooza 1 timme');
    expect(textOf(await h.press(hour))).toMatch(/igen onsdag 24 mars 2027 kl\. 15:00: ringa Anna/);
    expect(textOf(await h.press(hour))).toMatch(
      /redan flyttad – nästa påminnelse kommer onsdag 24 mars 2027 kl\. 15:00/,
    );
    expect(await h.pending()).toEqual([expect.objectContaining({ occ: 1, due: '2027-03-24T14:00:00.000Z' })]);

    await h.advance(HOUR);
    const again = h.messenger.sent[1]!.replies;
    expect(textOf(await h.press(button(again, 'Till imorgon 09:00')))).toMatch(/torsdag 25 mars 2027 kl\. 09:00/);
    await h.advance(18 * HOUR);
    const third = h.messenger.sent[2]!.replies;
    // 25 March 09:00 CET + 1 week = 1 April 09:00 CEST: the clocks moved on 28 March.
    expect(textOf(await h.press(button(third, '1 vecka')))).toMatch(/torsdag 1 april 2027 kl\. 09:00/);
    expect(await h.pending()).toEqual([expect.objectContaining({ occ: 3, due: '2027-04-01T07:00:00.000Z' })]);
  });

  it('continues a weekly series at 09:00 local across the DST change, and Klar keeps the series', async () => {
    const h = reminderHarness({ clock: new FakeClock(new Date('2027-03-21T12:00:00Z')) });
    expect(textOf(await h.say('påminn mig varje måndag kl 9 att läsa veckoplanen'))).toMatch(
      /varje vecka, första gången måndag 22 mars 2027 kl\. 09:00/,
    );
    await h.advance(DAY);
    expect(h.messenger.sent).toHaveLength(1);
    expect(h.messenger.sent[0]?.text).toMatch(/Återkommer varje vecka, nästa gång måndag 29 mars 2027 kl\. 09:00/);
    expect(await h.pending()).toEqual([expect.objectContaining({ occ: 1, due: '2027-03-29T07:00:00.000Z' })]);
    const done = await h.press(button(h.messenger.sent[0]!.replies, 'Klar'));
    expect(textOf(done)).toMatch(
      /Klar för den här gången: läsa veckoplanen\. Nästa påminnelse kommer måndag 29 mars 2027 kl\. 09:00/,
    );
    expect(await h.pending()).toHaveLength(1);
  });

  it('schedules the next time its message announced, even when posting it took past that time', async () => {
    const h = reminderHarness();
    await h.say('påminn mig varje dag kl 9 att läsa posten');
    // The platform is slow: by the time it accepts the post, the announced next time has come and gone.
    h.messenger.behaviour = async () => {
      h.messenger.behaviour = undefined;
      h.clock.advance(DAY + HOUR);
      return { status: 'delivered' };
    };
    await h.clock.advance(DAY);
    await h.scheduler.runDue();
    expect(h.messenger.sent[0]?.text).toMatch(/nästa gång tisdag 24 november 2026 kl\. 09:00/);
    expect((await h.pending())[0]).toEqual(expect.objectContaining({ occ: 1, due: '2026-11-24T08:00:00.000Z' }));
  });

  it('snoozing one occurrence of a series sets a one-off copy and leaves the series alone', async () => {
    const h = reminderHarness();
    await h.say('påminn mig varje dag kl 11 att kolla mejlen');
    await h.advance(HOUR);
    const due = h.messenger.sent[0]!.replies;
    await h.press(button(due, 'Snooza 1 timme'));
    expect(textOf(await h.press(button(due, 'Snooza 1 timme')))).toMatch(/redan flyttad/);
    const pending = await h.pending();
    expect(pending.map((p) => p.due)).toEqual(['2026-11-22T11:00:00.000Z', '2026-11-23T10:00:00.000Z']);
  });

  it('shows a permanent failure in the list and stops trying', async () => {
    const h = reminderHarness();
    await h.say('påminn mig imorgon kl 9 att ringa Anna');
    h.messenger.failNext(
      { status: 'failed', permanent: false, reason: 'timeout' },
      { status: 'failed', permanent: true, reason: 'channel_not_found' },
    );
    await h.advance(DAY);
    await h.advance(2_000);
    expect(h.messenger.attempts).toHaveLength(2);
    expect(h.messenger.sent).toHaveLength(0);
    await h.advance(DAY);
    expect(h.messenger.attempts).toHaveLength(2);
    expect(rawTextOf(await h.say('/iop påminnelser'))).toMatch(
      /ringa Anna\*\n⚠️ Kunde inte levereras \(channel_not_found\)/,
    );
  });
});
