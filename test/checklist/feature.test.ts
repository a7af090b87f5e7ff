import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../src/core/ports/document-store.ts';
import { noTelemetry } from '../../src/core/telemetry.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { RedisDocumentStore } from '../../src/infra/redis-document-store.ts';
import { FakeClock } from '../support/clock.ts';
import { testRedis, uniquePrefix } from '../support/redis.ts';
import {
  anna,
  answerAll,
  bo,
  buttonsOf,
  chat,
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

const base = uniquePrefix('checklist-feature');
const redisConnection = testRedis(base);
afterAll(redisConnection.cleanup);
let stores = 0;

const backends: Array<[string, (clock: FakeClock) => DocumentStore]> = [
  ['memory', (clock) => new MemoryDocumentStore(clock)],
  ['redis', () => new RedisDocumentStore(redisConnection.redis, { prefix: `${base}:${++stores}` })],
];

/** Starts a run of the default checklist named `caseName`; returns the intro and the first question. */
async function start(person: ReturnType<typeof chat>, caseName = 'Röda korset – läxhjälp') {
  const prompt = await person.say('/iop checklista');
  expect(textOf(prompt)).toMatch(/Vad heter ärendet\?/);
  const started = await person.say(caseName);
  return { prompt, started, intro: started[0], question: questionIn(started) };
}

describe.each(backends)('the checklist in a thread (%s store)', (_name, makeStore) => {
  function setup() {
    const clock = new FakeClock();
    const store = makeStore(clock);
    const bot = checklistBot(store, clock);
    return { clock, store, bot, anna: chat(bot, anna), bo: chat(bot, bo) };
  }

  it('asks for a case name, posts the intro to the channel and the first question in its thread', async () => {
    const { anna: a } = setup();
    const { prompt, started, intro, question } = await start(a);
    expect(textOf(prompt)).toContain('Första bedömning – IOP, bidrag eller upphandling? (8 frågor)');
    expect(buttonsOf(prompt[0]).map((b) => b.label)).toEqual([
      'Använd: IOP-checklista för Kungälvs kommun',
      'Använd: IOP-checklista enligt SKR:s kriterier',
      'Avbryt',
    ]);
    expect(started).toHaveLength(2);
    expect(intro?.reply.placement).toEqual({ kind: 'top-level' });
    expect(textOf(intro)).toMatch(/Checklista: Röda korset – läxhjälp/);
    expect(textOf(intro)).toMatch(/Startad av Anna Berg · 8 frågor/);
    expect(question?.reply.placement).toEqual({ kind: 'reply' });
    expect(textOf(question)).toMatch(/^Fråga 1 av 8\nÄr motparten en idéburen organisation/);
    expect(buttonsOf(question).map((b) => b.label)).toEqual([
      'Ja',
      'Nej',
      'Osäker',
      'Varför frågar vi?',
      'Hoppa över',
      'Avbryt',
    ]);
    // No answer looks like the expected one: for several questions "Ja" counts against IOP.
    expect(buttonsOf(question).filter((b) => b.style === 'primary')).toEqual([]);
    expect(JSON.parse(findButton(question, 'Ja').value)).toMatchObject({
      questionId: 'ideburen-organisation',
      answer: 'yes',
      revision: 0,
    });
  });

  it('walks a whole checklist: each answer updates its question, attributed, and the summary ends it', async () => {
    const { anna: a, bo: b } = setup();
    const { question } = await start(a);
    // Anna answers the first question, Bo the rest: every answer is attributed to whoever gave it.
    const afterFirst = await a.press(question, 'Ja');
    expect(afterFirst[0]?.reply.placement).toEqual({ kind: 'update', messageId: question?.messageId });
    expect(textOf(afterFirst[0])).toMatch(/Svar: Ja \(Anna Berg\)/);
    expect(buttonsOf(afterFirst[0]).map((x) => x.label)).toEqual(['Ändra till Nej', 'Ändra till Osäker']);
    expect(textOf(afterFirst[1])).toMatch(/^Fråga 2 av 8/);

    const rest = { ...IDEAL_FIRST };
    const last = await answerAll(b, questionIn(afterFirst), { ...first, questions: first.questions.slice(1) }, rest);
    expect(textOf(last[0])).toMatch(/Svar: Nej \(Bo Ek\)/);
    const summary = last[1];
    const text = textOf(summary);
    expect(text).toMatch(/Resultat: Röda korset – läxhjälp/);
    expect(text).toMatch(/Rekommendation: IOP kan vara rätt form/);
    expect(text).toMatch(
      /1\. Är motparten en idéburen organisation.*\nJa – Anna Berg · Talar för IOP: Motparten är en idéburen/,
    );
    expect(text).toMatch(/6\. Vill kommunen beställa en bestämd tjänst.*\nNej – Bo Ek · Talar för IOP/);
    expect(text).toMatch(/Nästa steg\n1\. /);
    expect(text).toMatch(/Källor\n• Bollebygds kommun – Kommunstyrelsen, protokollsutdrag/);
    const reminders = buttonsOf(summary).filter((x) => x.actionId === 'reminder:create');
    expect(reminders.map((x) => x.label)).toEqual([
      'Om två veckor – ta reda på svaren på de osäkra frågorna',
      'Om en månad – stäm av den fördjupade bedömningen',
    ]);
    expect(JSON.parse(reminders[0]?.value ?? '')).toEqual({
      text: 'Röda korset – läxhjälp: Dags att ta reda på svaren på de frågor som var osäkra i den första IOP-bedömningen och gå igenom checklistan igen.',
      in: 'P2W',
    });
    expect(findButton(summary, 'Exportera som Word').actionId).toBe('checklist:export');
  });

  it('explains why a question is asked, with its source, only to the one who asked', async () => {
    const { anna: a } = setup();
    const { question } = await start(a);
    const why = await a.press(question, 'Varför frågar vi?');
    expect(why).toHaveLength(1);
    expect(why[0]?.reply.placement).toEqual({ kind: 'private' });
    expect(textOf(why)).toContain(first.questions[0]?.why.sv);
    expect(textOf(why)).toMatch(/Källa: .*Upphandlingsmyndigheten|Källa: .*Forum|Källa: .*SKL/);
  });

  it('changes an earlier answer without moving on, and recomputes a finished result', async () => {
    const { anna: a } = setup();
    const { question } = await start(a);
    const afterFirst = await a.press(question, 'Ja');
    const changed = await a.press(afterFirst[0], 'Ändra till Osäker');
    expect(changed).toHaveLength(1);
    expect(textOf(changed)).toMatch(/Svar: Osäker \(Anna Berg\)/);
    await a.press(changed[0], 'Ändra till Ja');

    const last = await answerAll(
      a,
      questionIn(afterFirst),
      { ...first, questions: first.questions.slice(1) },
      IDEAL_FIRST,
    );
    expect(textOf(last[1])).toMatch(/Rekommendation: IOP kan vara rätt form/);
    expect(textOf(last[1])).toMatch(/1\. Är motparten.*\nJa – Anna Berg/);
  });

  it('recomputes the recommendation when an answer is changed after the summary', async () => {
    const { anna: a } = setup();
    const { question } = await start(a);
    let current = question;
    const posted: Posted[] = [];
    for (const q of first.questions) {
      const batch = await a.press(current, IDEAL_FIRST[q.id] === 'yes' ? 'Ja' : 'Nej');
      posted.push(batch[0] as Posted);
      current = questionIn(batch);
    }
    const buyMessage = posted[5];
    expect(textOf(buyMessage)).toMatch(/Vill kommunen beställa en bestämd tjänst/);
    const recomputed = await a.press(buyMessage, 'Ändra till Ja');
    expect(recomputed[0]?.reply.placement).toEqual({ kind: 'update', messageId: buyMessage?.messageId });
    expect(textOf(recomputed[1])).toMatch(/Ett svar har ändrats – resultatet är omräknat/);
    expect(textOf(recomputed[1])).toMatch(/Rekommendation: Det här liknar ett köp, och upphandling kan krävas/);
    const back = await a.press(recomputed[0], 'Ändra till Nej');
    expect(textOf(back[1])).toMatch(/Rekommendation: IOP kan vara rätt form/);
  });

  it('skips a question: attributed, the next one follows, and the result asks for a closer look', async () => {
    const { anna: a } = setup();
    const { question } = await start(a);
    const skipped = await a.press(question, 'Hoppa över');
    expect(textOf(skipped[0])).toMatch(/Hoppades över av Anna Berg/);
    expect(buttonsOf(skipped[0]).map((x) => x.label)).toEqual(['Ändra till Ja', 'Ändra till Nej', 'Ändra till Osäker']);
    expect(textOf(skipped[1])).toMatch(/^Fråga 2 av 8/);
    const last = await answerAll(
      a,
      questionIn(skipped),
      { ...first, questions: first.questions.slice(1) },
      IDEAL_FIRST,
    );
    expect(textOf(last[1])).toMatch(/Hoppade över – Anna Berg/);
    expect(textOf(last[1])).not.toMatch(/Rekommendation: IOP kan vara rätt form/);
  });

  it('cancels a run: the question says who cancelled, later presses are refused politely', async () => {
    const { anna: a, bo: b } = setup();
    const { question } = await start(a);
    const cancelled = await b.press(question, 'Avbryt');
    expect(cancelled[0]?.reply.placement).toEqual({ kind: 'update', messageId: question?.messageId });
    expect(textOf(cancelled[0])).toMatch(/Avbruten av Bo Ek\./);
    expect(textOf(cancelled[1])).toMatch(/är avbruten\. Den finns kvar under \/iop bedömningar/);
    const late = await a.press(question, 'Ja');
    expect(late[0]?.reply.placement).toEqual({ kind: 'private' });
    expect(textOf(late)).toMatch(/är avbruten, så svaret sparades inte/);
    expect(textOf(await a.press(question, 'Avbryt'))).toMatch(/redan avbruten/);
    // No unfinished run remains in the thread, so a new start asks for a name straight away.
    expect(textOf(await a.say('/iop checklista'))).toMatch(/Vad heter ärendet\?/);
  });

  it('records a double press once', async () => {
    const { anna: a, store } = setup();
    const { question } = await start(a);
    const once = await a.press(question, 'Ja');
    const twice = await a.press(question, 'Ja');
    expect(once).toHaveLength(2);
    expect(twice).toEqual([]);
    const runId = JSON.parse(findButton(question, 'Ja').value).runId as string;
    const { createRunStore } = await import('../../src/core/checklist/run-store.ts');
    const stored = await createRunStore(store).load(runId);
    expect(stored?.run.revision).toBe(1);
    expect(Object.keys(stored?.run.answers ?? {})).toEqual(['ideburen-organisation']);
  });

  it('shows the next step again when the same press comes back later (its reply was lost), but not for older steps', async () => {
    const { anna: a, clock } = setup();
    const { question } = await start(a);
    const first = await a.press(question, 'Ja');
    const question2 = first[1];
    clock.advance(30_000);
    const again = await a.press(question, 'Ja');
    expect(again).toHaveLength(2);
    expect(again[0]?.reply.placement).toEqual({ kind: 'update', messageId: question?.messageId });
    expect(textOf(again[1])).toMatch(/^Fråga 2 av 8/);
    // Once question 2 is answered, pressing question 1 again only shows it as answered.
    await a.press(question2, 'Ja');
    clock.advance(30_000);
    const old = await a.press(question, 'Ja');
    expect(old).toHaveLength(1);
    expect(old[0]?.reply.placement).toEqual({ kind: 'update', messageId: question?.messageId });
  });

  it('records one answer when two colleagues press at the same moment, and tells the second who answered', async () => {
    const { anna: a, bo: b, store } = setup();
    const { question } = await start(a);
    const [fromAnna, fromBo] = await Promise.all([a.press(question, 'Ja'), b.press(question, 'Nej')]);
    const winner = fromAnna.length === 2 ? fromAnna : fromBo;
    const loser = winner === fromAnna ? fromBo : fromAnna;
    const winnerName = winner === fromAnna ? 'Anna Berg' : 'Bo Ek';
    expect(winner).toHaveLength(2);
    expect(textOf(winner[1])).toMatch(/^Fråga 2 av 8/);
    expect(loser).toHaveLength(1);
    expect(loser[0]?.reply.placement).toEqual({ kind: 'private' });
    expect(textOf(loser)).toMatch(new RegExp(`${winnerName} hann före och svarade (Ja|Nej) på den frågan`));
    // The second person can still change it on purpose, with the button offered.
    expect(buttonsOf(loser[0]).length).toBe(2);

    const runId = JSON.parse(findButton(question, 'Ja').value).runId as string;
    const { createRunStore } = await import('../../src/core/checklist/run-store.ts');
    const stored = await createRunStore(store).load(runId);
    expect(stored?.run.revision).toBe(1);
    expect(stored?.run.currentIndex).toBe(1);
  });

  it('moves on exactly one step when several colleagues double-click at once', async () => {
    const { bot, anna: a, store } = setup();
    const { question } = await start(a);
    const people = [anna, bo, { id: 'slack:T1:U3', name: 'Cecilia Ny' }].map((p) => chat(bot, p));
    const batches = await Promise.all(
      people.flatMap((p, i) => [p.press(question, ['Ja', 'Nej', 'Osäker'][i] as string), p.press(question, 'Ja')]),
    );
    const nextQuestions = batches.flat().filter((p) => /^Fråga 2 av 8/.test(textOf(p)));
    expect(nextQuestions).toHaveLength(1);
    const runId = JSON.parse(findButton(question, 'Ja').value).runId as string;
    const { createRunStore } = await import('../../src/core/checklist/run-store.ts');
    const stored = await createRunStore(store).load(runId);
    expect(stored?.run.currentIndex).toBe(1);
    expect(Object.keys(stored?.run.answers ?? {})).toEqual(['ideburen-organisation']);
  });

  it('tells a colleague who pressed the same answer that it was already given', async () => {
    const { anna: a, bo: b } = setup();
    const { question } = await start(a);
    await a.press(question, 'Ja');
    const same = await b.press(question, 'Ja');
    expect(textOf(same)).toMatch(/Anna Berg har redan svarat Ja på den frågan/);
  });

  it('offers to continue an unfinished run when the checklist is started again in the thread', async () => {
    const { anna: a } = setup();
    const { question } = await start(a);
    const second = questionIn(await a.press(question, 'Ja'));
    await a.press(second, 'Ja');
    const offer = await a.say('/iop checklista');
    expect(textOf(offer)).toMatch(/påbörjad checklista: Röda korset – läxhjälp .*2 av 8 frågor besvarade/);
    const resumed = await a.press(offer[0], 'Fortsätt');
    expect(textOf(resumed)).toMatch(/^Fråga 3 av 8/);
    const fresh = await a.press(offer[0], 'Starta ny');
    expect(textOf(fresh)).toMatch(/Vad heter ärendet\?/);
  });

  it('points the thread the questions are in at the run, so continuing works there too', async () => {
    const { bot, anna: a } = setup();
    const { question } = await start(a);
    // The adapter posts the questions in the intro's thread: that thread is a conversation of its own.
    const inThread = chat(bot, anna, thread('intro'));
    await inThread.press(question, 'Ja');
    expect(textOf(await inThread.say('/iop checklista'))).toMatch(/1 av 8 frågor besvarade/);
  });

  it('takes the case name from a new message in the channel, but a command or a question cancels the wait', async () => {
    const { bot, anna: a } = setup();
    await a.say('/iop checklista');
    const elsewhere = chat(bot, anna, thread('2'));
    expect(textOf(await elsewhere.say('Stadsmissionen – matkasse'))).toMatch(/Checklista: Stadsmissionen – matkasse/);

    await a.say('/iop checklista skr');
    expect(textOf(await a.say('/iop hjälp'))).toMatch(/så här hjälper jag dig/);
    expect(textOf(await a.say('Kyrkan – samtalsgrupp'))).not.toMatch(/Checklista:/);

    await a.say('/iop checklista skr');
    expect(textOf(await a.say('Vad är IOP?'))).not.toMatch(/Checklista:/);
  });

  it('starts with the checklist of the user’s municipality, and another one can be chosen', async () => {
    const { anna: a } = setup();
    await a.say('/iop kommun Kungälv');
    const prompt = await a.say('/iop checklista');
    expect(textOf(prompt)).toMatch(/IOP-checklista för Kungälvs kommun \(17 frågor\)/);
    expect(textOf(prompt)).toMatch(/vald utifrån Kungälv/);
    const chosen = await a.press(prompt[0], 'Använd: IOP-checklista enligt SKR:s kriterier');
    expect(chosen[0]?.reply.placement).toEqual({ kind: 'update', messageId: prompt[0]?.messageId });
    expect(textOf(chosen)).toMatch(/IOP-checklista enligt SKR:s kriterier \(14 frågor\)/);
    const started = await a.say('Ekerö IK – integration');
    expect(textOf(questionIn(started))).toMatch(/Fråga 1 av 14/);
  });

  it('lists the checklists to choose from when asked for one that does not exist, and cancels a prompt', async () => {
    const { anna: a } = setup();
    const unknown = await a.say('/iop checklista malmo');
    expect(textOf(unknown)).toMatch(/ingen checklista som heter "malmo"/);
    const picked = await a.press(unknown[0], 'IOP-checklista för Kungälvs kommun');
    expect(textOf(picked)).toMatch(/Kungälvs kommun \(17 frågor\)/);
    const cancelled = await a.press(picked[0], 'Avbryt');
    expect(cancelled[0]?.reply.placement).toEqual({ kind: 'update', messageId: picked[0]?.messageId });
    expect(textOf(cancelled)).toMatch(/ingen checklista startades/);
    expect(textOf(await a.say('Röda korset'))).not.toMatch(/Checklista:/);
  });

  it('lists my runs and the channel’s runs with their outcome and a way to continue', async () => {
    const { anna: a, bo: b, bot } = setup();
    const { question } = await start(a, 'Röda korset – läxhjälp');
    await answerAll(a, question, first, IDEAL_FIRST);
    const bosThread = chat(bot, bo, thread('bo'));
    const bos = await start(bosThread, 'Hyresgästföreningen – läxläsning');
    await bosThread.press(bos.question, 'Osäker');

    const list = await a.say('/iop bedömningar');
    const text = textOf(list);
    expect(text).toMatch(
      /Mina bedömningar\nRöda korset – läxhjälp – Första bedömning.*\nklar · IOP kan vara rätt form · 22 nov\. 2026/,
    );
    expect(text).toMatch(/Andra bedömningar här\nHyresgästföreningen – läxläsning – .*\npågår · preliminärt: /);
    const resumed = await a.press(list[0], 'Fortsätt: Hyresgästföreningen – läxläsning');
    expect(textOf(resumed)).toMatch(/^Fråga 2 av 8/);
    expect(textOf(await b.say('/iop assessments'))).toMatch(/Mina bedömningar\nHyresgästföreningen/);
  });

  it('exports the summary as a Word document that opens, with the Markdown beside it', async () => {
    const { anna: a } = setup();
    const { question } = await start(a);
    const last = await answerAll(a, question, first, IDEAL_FIRST);
    const exported = await a.press(last[1], 'Exportera som Word');
    const attachment = exported[0]?.reply.attachment;
    expect(attachment).toMatchObject({
      filename: 'iop-bedomning-roda-korset-laxhjalp-2026-11-22.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      encoding: 'base64',
    });
    const files = unzipSync(Buffer.from(attachment?.content ?? '', 'base64'));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('Första bedömning – IOP, bidrag eller upphandling?: Röda korset – läxhjälp');
    // The recommendation and its reasons lead; every answer is in the table with who gave it and when.
    expect(text.indexOf('IOP kan vara rätt form')).toBeLessThan(text.indexOf('Är motparten en idéburen organisation'));
    expect(xml).toContain('<w:tbl>');
    expect(text).toMatch(/Är motparten en idéburen organisation.*?JaAnna Berg, 22 nov\. 2026/);
    expect(text).toContain('Konkurrensverket – Fem frågor och svar om Alingsåsärendet');
    expect(xml).toMatch(/w:hyperlink/);

    const markdown = attachment?.textVersion;
    expect(markdown).toMatchObject({
      filename: 'iop-bedomning-roda-korset-laxhjalp-2026-11-22.md',
      mimeType: 'text/markdown',
    });
    expect(markdown?.content).toMatch(/^# Första bedömning – IOP, bidrag eller upphandling\?: Röda korset – läxhjälp/);
    expect(markdown?.content).toMatch(
      /\| 1 \| Är motparten en idéburen organisation.* \| Ja \| Anna Berg, 22 nov\. 2026 \|/,
    );
    expect(markdown?.content).toMatch(/- \[Konkurrensverket – Fem frågor och svar om Alingsåsärendet\]\(https:/);
  });

  it('answers a broken or stale button politely', async () => {
    const { anna: a } = setup();
    expect(textOf(await a.raw('checklist:answer', '{"runId":"x"}'))).toMatch(/knappen/);
    expect(textOf(await a.raw('checklist:answer', 'not json'))).toMatch(/knappen/);
    const gone = await a.raw('checklist:continue', '{"runId":"no-such-run"}');
    expect(textOf(gone)).toMatch(/finns inte längre – en bedömning sparas i 30 dagar/);
  });

  it('forgets a user’s name in the runs they took part in, keeping the assessment', async () => {
    const { anna: a, bo: b } = setup();
    const { question } = await start(a);
    const next = await b.press(question, 'Ja');
    await a.press(questionIn(next), 'Nej');
    await b.say('/iop glöm-mig');
    const done = await b.raw('privacy:forget', 'yes');
    expect(textOf(done)).toMatch(/ditt namn i sparade checklistor \(1\)/);
    const list = await a.say('/iop bedömningar');
    const shown = await a.press(list[0], /^Fortsätt: /);
    expect(textOf(shown)).toMatch(/^Fråga 3 av 8/);
    expect(textOf(shown)).not.toMatch(/Bo Ek/);
    expect(textOf(await b.say('/iop bedömningar'))).not.toMatch(/Mina bedömningar/);
  });
});

describe('the checklist over Redis, across a restart', () => {
  it('resumes a run in a new bot instance over the same Redis', async () => {
    const prefix = `${base}:restart`;
    const clock = new FakeClock();
    const before = checklistBot(new RedisDocumentStore(redisConnection.redis, { prefix }), clock);
    const a = chat(before, anna);
    const { question } = await start(a);
    await a.press(question, 'Ja');

    const second = testRedis(prefix);
    try {
      const after = checklistBot(new RedisDocumentStore(second.redis, { prefix }), clock);
      const again = chat(after, bo);
      const offer = await again.say('/iop checklist');
      expect(textOf(offer)).toMatch(/1 av 8 frågor besvarade/);
      const resumed = await again.press(offer[0], 'Fortsätt');
      expect(textOf(resumed)).toMatch(/^Fråga 2 av 8/);
      const answered = await again.press(resumed[0], 'Nej');
      expect(textOf(answered[0])).toMatch(/Svar: Nej \(Bo Ek\)/);
      expect(textOf(answered[1])).toMatch(/^Fråga 3 av 8/);
    } finally {
      second.redis.disconnect();
    }
  });
});

describe('the checklist on the memory store', () => {
  it('counts runs started, finished and cancelled for the metrics', async () => {
    const clock = new FakeClock();
    const events: string[] = [];
    const telemetry = { ...noTelemetry, checklistRun: (event: string) => events.push(event) };
    const bot = checklistBot(new MemoryDocumentStore(clock), clock, { telemetry });
    const a = chat(bot, anna);
    const { question } = await start(a);
    await answerAll(a, question, first, IDEAL_FIRST);
    const other = chat(bot, anna, thread('other'));
    const second = await start(other, 'Kyrkan – samtalsgrupp');
    await other.press(second.question, 'Avbryt');
    expect(events).toEqual(['started', 'finished', 'started', 'cancelled']);
  });

  it('forgets an unfinished run after the configured time', async () => {
    const clock = new FakeClock();
    const bot = checklistBot(new MemoryDocumentStore(clock), clock, { ttlMs: 2 * 86_400_000 });
    const a = chat(bot, anna);
    const { question } = await start(a);
    clock.advance(3 * 86_400_000);
    expect(textOf(await a.press(question, 'Ja'))).toMatch(/sparas i 2 dagar/);
    expect(textOf(await a.say('/iop checklista'))).toMatch(/Vad heter ärendet\?/);
  });
});
