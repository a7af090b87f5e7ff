import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/reply.ts';
import { createBot } from '../../src/core/bot.ts';
import { IopError } from '../../src/core/errors.ts';
import { createHelpFeature } from '../../src/core/features/help.ts';
import { CONVERSATIONS } from '../../src/core/state.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { silentLogger, testBot, testMunicipalities, turnOf } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';

const text = (replies: Awaited<ReturnType<ReturnType<typeof testBot>['bot']['handleTurn']>>) =>
  replies.map((r) => plainText(r.blocks)).join('\n');

describe('bot', () => {
  it('greets in Swedish by default and offers buttons', async () => {
    const { bot } = testBot();
    const replies = await bot.handleTurn(turnOf('hej'));
    expect(text(replies)).toMatch(/Hej! Jag är IOP-assistenten/);
    expect(replies[0]?.blocks.some((b) => b.type === 'buttons')).toBe(true);
  });

  it('switches language and remembers it in the next message', async () => {
    const { bot } = testBot();
    expect(text(await bot.handleTurn(turnOf('/iop lang en')))).toMatch(/answer in English/);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Hello! I am the IOP assistant/);
    expect(text(await bot.handleTurn(turnOf('/iop språk sv')))).toMatch(/svenska/);
  });

  it('keeps preferences per user', async () => {
    const { bot } = testBot();
    await bot.handleTurn(turnOf('/iop lang en', { user: 'console:u1' }));
    expect(text(await bot.handleTurn(turnOf('hej', { user: 'console:u2' })))).toMatch(/Hej!/);
  });

  it('sets a known municipality by name or alias and names it afterwards', async () => {
    const { bot } = testBot();
    expect(text(await bot.handleTurn(turnOf('/iop kommun kungälvs kommun')))).toMatch(/utgår nu från Kungälv/);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Kungälvs riktlinjer/);
  });

  it('explains which municipalities it knows when the name is unknown', async () => {
    const { bot } = testBot();
    expect(text(await bot.handleTurn(turnOf('/iop kommun Atlantis')))).toMatch(/"Atlantis".*Ekerö, Kungälv/);
  });

  it('presses a button: the language switch action', async () => {
    const { bot } = testBot();
    const replies = await bot.handleTurn(turnOf({ kind: 'action', actionId: 'settings:lang', value: 'en' }));
    expect(text(replies)).toMatch(/English/);
  });

  it('answers a redelivered event once', async () => {
    const { bot } = testBot();
    expect(await bot.handleTurn(turnOf('hej', { id: 'Ev1' }))).toHaveLength(1);
    expect(await bot.handleTurn(turnOf('hej', { id: 'Ev1' }))).toHaveLength(0);
  });

  it('asks for a shorter message instead of reading a huge one', async () => {
    const { bot } = testBot();
    expect(text(await bot.handleTurn(turnOf('a'.repeat(20_000))))).toMatch(/för långt/);
  });

  it('says so politely for an unknown command or a stale button', async () => {
    const { bot } = testBot();
    expect(text(await bot.handleTurn(turnOf('/iop flyga')))).toMatch(/"flyga"/);
    expect(text(await bot.handleTurn(turnOf({ kind: 'action', actionId: 'nothing:here', value: '' })))).toMatch(
      /knappen/,
    );
  });
});

describe('bot rate limit', () => {
  it('tells a user once per minute to slow down, then stays quiet until the window has passed', async () => {
    const clock = new FakeClock();
    const bot = createBot({
      store: new MemoryDocumentStore(clock),
      clock,
      logger: silentLogger,
      municipalities: testMunicipalities,
      settings: { defaultLocale: 'sv', defaultTimeZone: 'Europe/Stockholm', rateLimitPerMinute: 3 },
      features: [createHelpFeature()],
    });
    for (let i = 0; i < 3; i++) expect(await bot.handleTurn(turnOf('hej'))).toHaveLength(1);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/vänta en minut/);
    expect(await bot.handleTurn(turnOf('hej'))).toEqual([]);
    expect(await bot.handleTurn(turnOf('hej', { user: 'console:other' }))).toHaveLength(1);
    clock.advance(61_000);
    expect(await bot.handleTurn(turnOf('hej'))).toHaveLength(1);
  });

  it('does not count a redelivered event against the limit', async () => {
    const { bot } = limitedBot(3);
    expect(await bot.handleTurn(turnOf('hej', { id: 'Ev-retried' }))).toHaveLength(1);
    for (let retry = 0; retry < 5; retry++) expect(await bot.handleTurn(turnOf('hej', { id: 'Ev-retried' }))).toEqual([]);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Hej!/);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Hej!/);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/vänta en minut/);
  });

  it('draws the Home view without using up the limit or touching the conversation record', async () => {
    const { bot, store } = limitedBot(3);
    const home = turnOf('', { conversation: 'console:home' });
    for (let open = 0; open < 20; open++) {
      const view = await bot.homeView({ user: home.user, conversation: home.conversation });
      expect(text(view.greeting)).toMatch(/Hej! Jag är IOP-assistenten/);
      expect(view.context.locale).toBe('sv');
    }
    expect(await store.load(CONVERSATIONS, 'console:home')).toBeNull();
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Hej!/);
  });
});

/** A bot with the help feature and a limit of `perMinute` turns per user. */
function limitedBot(perMinute: number) {
  const clock = new FakeClock();
  const store = new MemoryDocumentStore(clock);
  const bot = createBot({
    store,
    clock,
    logger: silentLogger,
    municipalities: testMunicipalities,
    settings: { defaultLocale: 'sv', defaultTimeZone: 'Europe/Stockholm', rateLimitPerMinute: perMinute },
    features: [createHelpFeature()],
  });
  return { bot, store, clock };
}

describe('bot without its state store', () => {
  /** A memory store that can be switched to fail like Redis does while it is away. */
  function flakyStore() {
    const inner = new MemoryDocumentStore(new FakeClock());
    let down = false;
    const store = new Proxy(inner, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (down) return Promise.reject(new IopError('store_unavailable', 'Redis is away'));
          return value.apply(target, args);
        };
      },
    });
    return { store, setDown: (value: boolean) => (down = value) };
  }

  it('still answers from defaults, and says "temporarily unavailable" for what must be saved', async () => {
    const { store, setDown } = flakyStore();
    const { bot } = testBot({ store });
    await bot.handleTurn(turnOf('/iop lang en'));
    setDown(true);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Hej!/);
    await expect(bot.handleTurn(turnOf('/iop kommun Ekerö'))).rejects.toMatchObject({ code: 'store_unavailable' });
    setDown(false);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Hello!/);
  });
});

describe('forget me', () => {
  it('asks first, then deletes the preferences and says what it deleted', async () => {
    const { bot } = testBot();
    await bot.handleTurn(turnOf('/iop kommun Ekerö'));
    const ask = await bot.handleTurn(turnOf('/iop glöm-mig'));
    expect(text(ask)).toMatch(/Det går inte att ångra/);
    const done = await bot.handleTurn(
      turnOf({ kind: 'action', actionId: 'privacy:forget', value: 'yes', messageId: 'm1' }),
    );
    expect(done[0]?.placement).toEqual({ kind: 'update', messageId: 'm1' });
    expect(text(done)).toMatch(/inställningar \(språk, kommun, tidszon\)/);
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Ingen kommun är vald/);
    const again = await bot.handleTurn(turnOf({ kind: 'action', actionId: 'privacy:forget', value: 'yes' }));
    expect(text(again)).toMatch(/inget sparat/);
  });

  it('keeps everything when the user says no', async () => {
    const { bot } = testBot();
    await bot.handleTurn(turnOf('/iop kommun Ekerö'));
    expect(text(await bot.handleTurn(turnOf({ kind: 'action', actionId: 'privacy:keep', value: 'no' })))).toMatch(
      /inte raderat/,
    );
    expect(text(await bot.handleTurn(turnOf('hej')))).toMatch(/Ekerö/);
  });
});

describe('one language per user', () => {
  it('answers a message in its own language until a language is chosen, then in the chosen one', async () => {
    const { bot } = testBot();
    // A lone greeting says too little; it gets the platform's or the deployment's language.
    expect(text(await bot.handleTurn(turnOf('hello')))).toMatch(/Hej! Jag är IOP-assistenten/);
    // This bot has no question feature: the question gets the "not in this installation" reply, in its language.
    const english = await bot.handleTurn(turnOf('what can you do for me?'));
    expect(text(english)).toMatch(/I can't help with that in this installation/);
    expect(english[0]?.locale).toBe('en');
    await bot.handleTurn(turnOf('/iop språk sv'));
    const chosen = await bot.handleTurn(turnOf('what can you do for me?'));
    expect(text(chosen)).toMatch(/Det kan jag inte hjälpa till med/);
    expect(chosen[0]?.locale).toBe('sv');
  });
});
