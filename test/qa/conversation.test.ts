import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../src/core/ports/document-store.ts';
import { listFeedback } from '../../src/core/qa/feedback.ts';
import { QA_THREADS } from '../../src/core/qa/thread.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { RedisDocumentStore } from '../../src/infra/redis-document-store.ts';
import { turnOf } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';
import { testRedis, uniquePrefix } from '../support/redis.ts';
import { buttonsOf, qaBot, textOf } from './support.ts';

const prefix = uniquePrefix('qa');
const redis = testRedis(prefix);
afterAll(() => redis.cleanup());

const stores: Array<[string, (clock: FakeClock) => DocumentStore]> = [
  ['memory', (clock) => new MemoryDocumentStore(clock)],
  ['redis', () => new RedisDocumentStore(redis.redis, { prefix })],
];

let conversations = 0;

describe.each(stores)('questions in a conversation (%s store)', (_name, makeStore) => {
  async function setUp(options: { defaultMunicipality?: string } = {}) {
    const clock = new FakeClock();
    const conversation = `console:qa-${++conversations}-${Math.random().toString(36).slice(2, 8)}`;
    const { bot, store } = await qaBot({ clock, store: makeStore(clock), ...options });
    const say = (text: string) => bot.handleTurn(turnOf(text, { conversation }));
    const press = (actionId: string, value: string) =>
      bot.handleTurn(turnOf({ kind: 'action', actionId, value }, { conversation }));
    return { bot, store, clock, say, press, conversation };
  }

  it('answers a question with sources, follow-up buttons and 👍/👎', async () => {
    const { say } = await setUp();
    const replies = await say('Vad är skillnaden mellan IOP och föreningsbidrag?');
    expect(textOf(replies)).toMatch(/Föreningsbidrag är ett generellt stöd/);
    expect(replies[0]?.blocks.some((b) => b.type === 'context' && b.items.some((i) => i.startsWith('📄')))).toBe(true);
    const buttons = buttonsOf(replies);
    expect(buttons.filter((b) => b.actionId === 'say:text').length).toBeGreaterThan(0);
    expect(buttons.filter((b) => b.actionId.startsWith('feedback:')).map((b) => b.actionId)).toEqual([
      'feedback:up',
      'feedback:down',
    ]);
  });

  it('understands "och i Ekerö då?" after a question about Kungälv', async () => {
    const { say } = await setUp();
    expect(textOf(await say('Vilka kriterier har Kungälv för IOP?'))).toMatch(
      /Kungälv ansluter sig till nio kriterier/,
    );
    const followUp = textOf(await say('och i Ekerö då?'));
    expect(followUp).toMatch(/Ekerös förslag till riktlinjer utgår från SKL:s/);
    expect(followUp).not.toMatch(/Kungälv ansluter sig/);
  });

  it('understands "what about procurement?" after a question about grants', async () => {
    const { say } = await setUp();
    await say('What is the difference between an IOP and an association grant?');
    const followUp = await say('what about procurement?');
    expect(textOf(followUp)).toMatch(/procure/i);
    expect(textOf(followUp)).not.toMatch(/I'm afraid/);
  });

  it('keeps a follow-up about another topic in the same municipality', async () => {
    const { say } = await setUp();
    await say('Vilka kriterier har Kungälv?');
    expect(textOf(await say('och uppföljningen då?'))).toMatch(/bildningsutskottet/);
  });

  it('treats a new standalone question as a new topic', async () => {
    const { say } = await setUp();
    await say('Vilka kriterier har Kungälv?');
    expect(textOf(await say('Vad är de minimis-stöd?'))).toMatch(/de minimis/i);
  });

  it('does not mix up two conversations', async () => {
    const { bot } = await setUp();
    const a = `console:qa-a-${Math.random().toString(36).slice(2, 8)}`;
    const b = `console:qa-b-${Math.random().toString(36).slice(2, 8)}`;
    await bot.handleTurn(turnOf('Vilka kriterier har Kungälv?', { conversation: a }));
    const other = textOf(await bot.handleTurn(turnOf('och i Ekerö då?', { conversation: b })));
    expect(other).not.toMatch(/åtta kriterier/);
  });

  it('forgets the thread context after a week', async () => {
    const { say, store, clock, conversation } = await setUp();
    await say('Vilka kriterier har Kungälv?');
    expect(await store.load(QA_THREADS, conversation)).not.toBeNull();
    if (store instanceof MemoryDocumentStore) {
      clock.advance(8 * 24 * 60 * 60 * 1000);
      expect(await store.load(QA_THREADS, conversation)).toBeNull();
    } else {
      const ttl = await redis.redis.pttl(`${prefix}:doc:qa-thread:${conversation}`);
      expect(ttl === -2 || ttl > 0).toBe(true);
    }
  });

  it('stores a 👍 with the question and answer id but no user id, and logs unanswered questions', async () => {
    const { say, press, store } = await setUp();
    const replies = await say('Vad kostar det att registrera sig hos Kammarkollegiet?');
    const up = buttonsOf(replies).find((b) => b.actionId === 'feedback:up');
    expect(textOf(await press('feedback:up', up?.value ?? ''))).toMatch(/Tack/);
    await say('Hur ansöker jag om bygglov för ett attefallshus?');
    const entries = (await listFeedback(store)).filter((e) => e.answerId === up?.value || e.kind === 'unanswered');
    expect(entries.map((e) => [e.kind, e.question])).toEqual(
      expect.arrayContaining([
        ['up', 'Vad kostar det att registrera sig hos Kammarkollegiet?'],
        ['unanswered', 'Hur ansöker jag om bygglov för ett attefallshus?'],
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain('console:u1');
  });

  it('changes a vote instead of counting it twice', async () => {
    const { say, press, store } = await setUp();
    const id = buttonsOf(await say('Vad är IOP?')).find((b) => b.actionId === 'feedback:up')?.value ?? '';
    await press('feedback:up', id);
    await press('feedback:down', id);
    expect((await listFeedback(store)).filter((e) => e.answerId === id).map((e) => e.kind)).toEqual(['down']);
  });

  it('prefers and names the deployment’s municipality', async () => {
    const { say } = await setUp({ defaultMunicipality: 'kungalv' });
    const text = textOf(await say('vilka kriterier gäller?'));
    expect(text).toMatch(/^Vilka kriterier har Kungälv för IOP\?/);
    // Kungälv's own criteria lead; general criteria (SKR's), if shown at all, come after them.
    const own = text.indexOf('Kungälv ansluter sig till nio kriterier');
    expect(own).toBeGreaterThanOrEqual(0);
    if (text.includes('SKR')) expect(own).toBeLessThan(text.indexOf('SKR'));
  });

  it('offers the checklist for "does our case qualify?"', async () => {
    const { say } = await setUp();
    const buttons = buttonsOf(await say('Kan vi använda IOP för vår läxhjälp, passar det som IOP?'));
    expect(buttons.find((b) => b.value === '/iop checklista')).toBeDefined();
  });

  it('forgets the question context of a private conversation on /iop glöm-mig', async () => {
    const { say, press, store, conversation } = await setUp();
    await say('Vilka kriterier har Kungälv?');
    expect(textOf(await press('privacy:forget', 'yes'))).toMatch(/sammanhanget för dina frågor/);
    expect(await store.load(QA_THREADS, conversation)).toBeNull();
  });
});
