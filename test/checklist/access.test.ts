/**
 * A run id travels in every button value, so a forged press can name any run. A run may only be acted on in the
 * channel it was started in (any thread of it), and exported there or by the one who started it.
 */
import { describe, expect, it } from 'vitest';
import { createRunStore } from '../../src/core/checklist/run-store.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { FakeClock } from '../support/clock.ts';
import {
  anna,
  answerAll,
  bo,
  buttonsOf,
  chat,
  chatIn,
  checklistBot,
  findButton,
  type Posted,
  questionIn,
  shipped,
  textOf,
  thread,
} from './chat-support.ts';
import { IDEAL } from './support.ts';

const first = shipped.checklists.get('forsta-bedomning')!;
const IDEAL_FIRST = IDEAL['forsta-bedomning'] as Record<string, 'yes' | 'no' | 'unsure'>;
const CASE = 'Röda korset – läxhjälp';
const ANNAS_DM = 'slack:T1:D1';
const BOS_DM = 'slack:T1:D2';
const OTHER_CHANNEL = 'slack:T1:C9';
const REFUSED = /Den checklistan hör till en annan konversation/;

function setup() {
  const clock = new FakeClock();
  const store = new MemoryDocumentStore(clock);
  const bot = checklistBot(store, clock);
  const runs = createRunStore(store);
  return { clock, store, bot, runs, anna: chat(bot, anna), bo: chat(bot, bo) };
}

async function start(person: ReturnType<typeof chat>, caseName = CASE) {
  await person.say('/iop checklista');
  const started = await person.say(caseName);
  const question = questionIn(started);
  const runId = JSON.parse(findButton(question, 'Ja').value).runId as string;
  return { question, runId };
}

/** Every button of a question and the answered question before it, each pressed from `where`. */
function pressesOn(answered: Posted | undefined, open: Posted | undefined) {
  return [
    ...['Ja', 'Nej', 'Osäker', 'Varför frågar vi?', 'Hoppa över', 'Avbryt'].map((label) => ({ on: open, label })),
    ...buttonsOf(answered).map((b) => ({ on: answered, label: b.label })),
  ];
}

function expectRefused(replies: Posted[]) {
  expect(replies).toHaveLength(1);
  expect(replies[0]?.reply.placement).toEqual({ kind: 'private' });
  expect(replies[0]?.reply.attachment).toBeUndefined();
  const text = textOf(replies);
  expect(text).toMatch(REFUSED);
  // Nothing of the run is revealed: not its case name, nor who took part.
  expect(text).not.toContain('Röda korset');
  expect(text).not.toContain('Anna Berg');
}

describe('a checklist run is acted on only where it belongs', () => {
  it('refuses every button of a run pressed from a DM or another channel, and changes nothing', async () => {
    const { bot, runs, anna: a } = setup();
    const { question, runId } = await start(a);
    const afterFirst = await a.press(question, 'Ja');
    const answered = afterFirst[0];
    const open = questionIn(afterFirst);
    const before = await runs.load(runId);

    const places = [
      chatIn(bot, anna, ANNAS_DM, true), // the starter herself, in her DM with the bot
      chatIn(bot, bo, OTHER_CHANNEL), // a colleague in another channel
      chatIn(bot, bo, BOS_DM, true),
    ];
    for (const where of places) {
      for (const press of pressesOn(answered, open)) expectRefused(await where.press(press.on, press.label));
      expectRefused(await where.raw('checklist:continue', JSON.stringify({ runId })));
    }
    expect(await runs.load(runId)).toEqual(before);
    // No pointer was left behind: starting in the DM asks for a new case name.
    expect(textOf(await chatIn(bot, anna, ANNAS_DM, true).say('/iop checklista'))).toMatch(/Vad heter ärendet\?/);

    // Where the run belongs, the same buttons still work.
    const next = await a.press(open, 'Ja');
    expect(textOf(next[1])).toMatch(/^Fråga 3 av 8/);
  });

  it('keeps working in every thread of the channel it was started in', async () => {
    const { bot, anna: a } = setup();
    const { question } = await start(a);
    // The questions are in the intro's thread: another conversation key, the same channel.
    const inThread = chat(bot, bo, thread('intro'));
    const next = await inThread.press(question, 'Ja');
    expect(textOf(next[0])).toMatch(/Svar: Ja \(Bo Ek\)/);
    expect(textOf(next[1])).toMatch(/^Fråga 2 av 8/);
    const resumed = await inThread.press((await inThread.say('/iop checklista'))[0], 'Fortsätt');
    expect(textOf(resumed)).toMatch(/^Fråga 2 av 8/);
  });

  it('exports in the run’s channel, or to its starter privately, and to nobody else elsewhere', async () => {
    const { bot, anna: a } = setup();
    const { question } = await start(a);
    const summary = (await answerAll(a, question, first, IDEAL_FIRST))[1];

    const inChannel = await chat(bot, bo).press(summary, 'Exportera som Word');
    expect(inChannel[0]?.reply.attachment?.textVersion?.content).toMatch(/Röda korset – läxhjälp/);

    expectRefused(await chatIn(bot, bo, BOS_DM, true).press(summary, 'Exportera som Word'));
    expectRefused(await chatIn(bot, bo, OTHER_CHANNEL).press(summary, 'Exportera som Word'));

    for (const where of [chatIn(bot, anna, ANNAS_DM, true), chatIn(bot, anna, OTHER_CHANNEL)]) {
      const exported = await where.press(summary, 'Exportera som Word');
      expect(exported).toHaveLength(1);
      // Outside the run's channel the export goes to the starter alone, never into the channel she is in.
      expect(exported[0]?.reply.placement).toEqual({ kind: 'private' });
      expect(exported[0]?.reply.attachment?.textVersion?.content).toMatch(/Röda korset – läxhjälp/);
    }
  });

  it('lists in a channel only that channel’s runs; in a DM offers no way to act on a run that lives elsewhere', async () => {
    const { bot, clock, anna: a } = setup();
    const here = await start(a, 'Röda korset – läxhjälp');
    await answerAll(a, here.question, first, IDEAL_FIRST);
    clock.advance(60_000);
    const elsewhere = chat(bot, anna, `${OTHER_CHANNEL}:1`, false, OTHER_CHANNEL);
    const there = await start(elsewhere, 'Hemlig förening – stöd');
    await chat(bot, bo, `${OTHER_CHANNEL}:1`, false, OTHER_CHANNEL).press(there.question, 'Ja');

    const inChannel = await a.say('/iop bedömningar');
    expect(textOf(inChannel)).toMatch(/Röda korset – läxhjälp/);
    expect(textOf(inChannel)).not.toMatch(/Hemlig förening/);
    expect(buttonsOf(inChannel[0]).map((b) => b.label)).toEqual(['Visa: Röda korset – läxhjälp']);

    const inOther = await elsewhere.say('/iop bedömningar');
    expect(textOf(inOther)).not.toMatch(/Röda korset/);
    expect(buttonsOf(inOther[0]).map((b) => b.label)).toEqual(['Fortsätt: Hemlig förening – stöd']);

    // In her DM Anna sees all her runs, but continues them only where they live; she may export what she started.
    const dm = chatIn(bot, anna, ANNAS_DM, true);
    const inDm = await dm.say('/iop bedömningar');
    expect(textOf(inDm)).toMatch(/Hemlig förening – stöd[\s\S]*Röda korset – läxhjälp/);
    expect(buttonsOf(inDm[0]).map((b) => b.label)).toEqual([
      'Exportera: Hemlig förening – stöd',
      'Exportera: Röda korset – läxhjälp',
    ]);
    const exported = await dm.press(inDm[0], 'Exportera: Röda korset – läxhjälp');
    expect(exported[0]?.reply.placement).toEqual({ kind: 'private' });
    expect(exported[0]?.reply.attachment?.textVersion?.content).toMatch(/Röda korset – läxhjälp/);

    // Bo answered a run he did not start: it is listed in his DM, with nothing to press.
    const bos = await chatIn(bot, bo, BOS_DM, true).say('/iop bedömningar');
    expect(textOf(bos)).toMatch(/Hemlig förening – stöd/);
    expect(buttonsOf(bos[0])).toEqual([]);
  });

  it('does not offer a run to continue where a stale pointer names a run of another channel', async () => {
    const { bot, runs, anna: a } = setup();
    const { runId } = await start(a, 'Stadsmissionen – natthärbärge');
    // As an earlier version could leave it after a continue pressed elsewhere.
    await runs.pointTo(`${ANNAS_DM}:main`, runId);
    const offer = await chatIn(bot, anna, ANNAS_DM, true).say('/iop checklista');
    expect(textOf(offer)).toMatch(/Vad heter ärendet\?/);
    expect(textOf(offer)).not.toMatch(/Stadsmissionen/);
  });

  it('refuses in the presser’s own language', async () => {
    const { bot, anna: a } = setup();
    const { question } = await start(a);
    const dm = chatIn(bot, bo, BOS_DM, true);
    await dm.say('/iop lang en');
    const refused = await dm.press(question, 'Ja');
    expect(textOf(refused)).toMatch(/That checklist belongs to another conversation/);
  });
});
