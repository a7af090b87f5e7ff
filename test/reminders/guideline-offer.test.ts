import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipalityDirectory } from '../../src/core/municipalities.ts';
import type { DatedDocument, KnowledgeBase } from '../../src/core/ports/knowledge-base.ts';
import { createQaFeature } from '../../src/core/qa/qa-feature.ts';
import { guidelineReminderWhen } from '../../src/core/reminders/guideline-offer.ts';
import { readOffer, resolveOffer } from '../../src/core/reminders/offer.ts';
import { loadKnowledgeBase } from '../../src/infra/knowledge/load-knowledge-base.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import {
  answerAll,
  anna,
  chat,
  checklistBot,
  questionIn,
  shipped,
  textOf as postedText,
} from '../checklist/chat-support.ts';
import { IDEAL } from '../checklist/support.ts';
import { silentLogger } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';
import { button, buttonsOf, reminderHarness, SUNDAY_10, textOf } from './harness.ts';

const OFFER = 'Påminn mig innan riktlinjen går ut';
const DAY = 24 * 60 * 60 * 1000;

// Three guidelines of made-up municipalities, each answering its own question: one valid for years, one that
// ends in ten days, one that has ended. Now is Sunday 22 November 2026.
const name = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace('oder', 'öder');

function guideline(id: string, municipality: string, validUntil: string, heading: string, text: string): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${name(municipality)} – riktlinje för IOP`,
    'language: sv',
    'kind: guideline',
    `municipality: ${municipality}`,
    'sources:',
    `  - title: ${name(municipality)} – riktlinje för IOP`,
    'date: 2024-01-15',
    `valid_until: ${validUntil}`,
    '---',
    '',
    `## ${heading}`,
    '',
    text,
    '',
  ].join('\n');
}

let dir: string;
let knowledge: KnowledgeBase;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iop-guideline-offer-'));
  await mkdir(join(dir, 'guidelines'));
  await writeFile(join(dir, 'sources.yaml'), '[]\n');
  await writeFile(
    join(dir, 'guidelines', 'ekeby.sv.md'),
    guideline(
      'guideline-ekeby',
      'ekeby',
      '2027-06-30',
      'Vilken uppsägningstid har ett IOP-avtal i Ekeby?',
      'Ett IOP-avtal i Ekeby kan sägas upp med sex månaders uppsägningstid av båda parter.',
    ),
  );
  await writeFile(
    join(dir, 'guidelines', 'norrby.sv.md'),
    guideline(
      'guideline-norrby',
      'norrby',
      '2026-12-02',
      'Hur redovisar en förening sitt IOP i Norrby?',
      'En förening i Norrby redovisar sitt partnerskap med en verksamhetsberättelse varje vår.',
    ),
  );
  await writeFile(
    join(dir, 'guidelines', 'soderby.sv.md'),
    guideline(
      'guideline-soderby',
      'soderby',
      '2025-12-31',
      'Vem godkänner IOP-ansökningar i Söderby?',
      'I Söderby godkänner kultur- och fritidsnämnden ansökningar om partnerskap.',
    ),
  );
  knowledge = (await loadKnowledgeBase(dir)).knowledge;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The reminders harness with the question feature over the three guidelines. */
function harness() {
  return reminderHarness({
    features: ({ store }) => [
      createQaFeature({ store, knowledge, municipalities: createMunicipalityDirectory([]), logger: silentLogger }),
    ],
  });
}

describe('a reminder before a guideline expires', () => {
  it('is offered with an answer drawn from a guideline that has an end date', async () => {
    const h = harness();
    const answer = await h.say('Vilken uppsägningstid har ett IOP-avtal i Ekeby?');
    expect(textOf(answer)).toMatch(/sex månaders uppsägningstid/);
    const offer = button(answer, OFFER);
    expect(offer.actionId).toBe('reminder:create');
    expect(readOffer(offer.value)).toMatchObject({ due: '2027-05-31' });
    expect(readOffer(offer.value)?.text).toMatch(/Ekeby – riktlinje för IOP gäller till och med 2027-06-30/);
  });

  it('rings 30 days before the end date at 09:00 in the time zone of whoever pressed it', async () => {
    const h = harness();
    const offer = button(await h.say('Vilken uppsägningstid har ett IOP-avtal i Ekeby?'), OFFER);
    const confirmation = await h.press(offer, { timeZone: 'America/New_York' });
    expect(textOf(confirmation)).toMatch(/Jag påminner dig måndag 31 maj 2027 kl\. 09:00: Ekeby – riktlinje för IOP/);
    expect(await h.pending()).toEqual([{ id: expect.any(String), occ: 0, due: '2027-05-31T13:00:00.000Z' }]);

    const here = harness();
    await here.press(offer);
    expect((await here.pending())[0]?.due).toBe('2027-05-31T07:00:00.000Z');
  });

  it('sets one reminder however often it is pressed, and a new one after Ångra', async () => {
    const h = harness();
    const offer = button(await h.say('Vilken uppsägningstid har ett IOP-avtal i Ekeby?'), OFFER);
    const first = await h.press(offer);
    const second = await h.press(offer);
    expect(await h.pending()).toHaveLength(1);
    expect(textOf(second)).toMatch(/redan en påminnelse.*måndag 31 maj 2027 kl\. 09:00/);
    await h.press(button(first, 'Ångra'));
    expect(await h.pending()).toHaveLength(0);
    await h.press(offer);
    expect(await h.pending()).toHaveLength(1);
  });

  it('rings the next morning when the end date is less than 30 days away', async () => {
    const h = harness();
    const offer = button(await h.say('Hur redovisar en förening sitt IOP i Norrby?'), OFFER);
    await h.press(offer);
    expect((await h.pending())[0]?.due).toBe('2026-11-23T08:00:00.000Z');
  });

  it('is not offered for a guideline that has already expired', async () => {
    const h = harness();
    const answer = await h.say('Vem godkänner IOP-ansökningar i Söderby?');
    expect(textOf(answer)).toMatch(/kultur- och fritidsnämnden/);
    expect(buttonsOf(answer).map((b) => b.label)).not.toContain(OFFER);
  });

  it('says the time has passed when the button is pressed after the reminder would have rung', async () => {
    const h = harness();
    const offer = button(await h.say('Vilken uppsägningstid har ett IOP-avtal i Ekeby?'), OFFER);
    h.clock.advance(200 * DAY);
    expect(textOf(await h.press(offer))).toMatch(/redan passerat/);
    expect(await h.pending()).toEqual([]);
  });
});

describe('when a guideline reminder rings', () => {
  it.each([
    ['2027-06-30', { due: '2027-05-31' }],
    ['2026-12-23', { due: '2026-11-23' }],
    ['2026-12-22', { in: 'P1D' }],
    ['2026-11-23', { in: 'P1D' }],
    ['2026-11-22', { in: 'PT1H' }],
    ['2026-11-21', null],
    ['2031-12-22', { due: '2031-11-22' }],
    ['2031-12-23', null],
  ])('valid until %s → %j', (validUntil, expected) => {
    expect(guidelineReminderWhen(validUntil, SUNDAY_10, 'Europe/Stockholm')).toEqual(expected);
  });
});

describe('a checklist based on a dated guideline', () => {
  const dated: DatedDocument = {
    id: 'guideline-bollebygd-2026',
    title: 'Bollebygds kommun – riktlinje för IOP',
    language: 'sv',
    municipality: 'bollebygd',
    validUntil: '2028-06-30',
    file: 'guidelines/bollebygd.sv.md',
  };

  it('offers the reminder beside its follow-ups, through the same reminder:create value', async () => {
    const clock = new FakeClock(SUNDAY_10);
    const store = new MemoryDocumentStore(clock);
    const bot = checklistBot(store, clock, { datedDocuments: () => [dated] });
    const def = shipped.checklists.get('forsta-bedomning')!;
    expect(def.municipality).toBe('bollebygd');
    const a = chat(bot, anna);
    await a.say('/iop checklista');
    const started = await a.say('Röda korset – läxhjälp');
    const last = await answerAll(a, questionIn(started), def, IDEAL['forsta-bedomning'] as Record<string, 'yes'>);
    const summary = last.at(-1);
    expect(postedText(summary)).toMatch(/Resultat: Röda korset – läxhjälp/);
    const offers = (summary?.reply.blocks ?? [])
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .filter((b) => b.actionId === 'reminder:create');
    expect(offers.map((b) => b.label)).toContain(OFFER);
    const offer = readOffer(offers.find((b) => b.label === OFFER)?.value ?? '');
    expect(offer).toMatchObject({ due: '2028-05-31' });
    const resolved = offer && resolveOffer(offer, SUNDAY_10, 'Europe/Stockholm');
    expect(resolved).toMatchObject({ ok: true, due: new Date('2028-05-31T07:00:00.000Z') });
    // Every follow-up is a value the reminders feature reads.
    for (const b of offers) expect(readOffer(b.value)).toBeDefined();
  });

  it('offers nothing for a checklist of another municipality', async () => {
    const clock = new FakeClock(SUNDAY_10);
    const store = new MemoryDocumentStore(clock);
    const bot = checklistBot(store, clock, { datedDocuments: () => [{ ...dated, municipality: 'kungalv' }] });
    const def = shipped.checklists.get('forsta-bedomning')!;
    const a = chat(bot, anna);
    await a.say('/iop checklista');
    const last = await answerAll(
      a,
      questionIn(await a.say('Läxhjälp')),
      def,
      IDEAL['forsta-bedomning'] as Record<string, 'yes'>,
    );
    const labels = (last.at(-1)?.reply.blocks ?? []).flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(labels.map((b) => b.label)).not.toContain(OFFER);
  });
});
