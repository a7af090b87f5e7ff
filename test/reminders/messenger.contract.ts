import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationAddress, Platform, Reply } from '../../src/core/model.ts';
import type { Messenger } from '../../src/core/ports/messenger.ts';
import { blocksReply } from '../../src/core/reply.ts';

/**
 * What a messenger implementation provides to the contract. Slack and Teams messengers pass the same suite against
 * their local fake API servers (SLACK_API_URL, a Teams serviceUrl), with `seen` reading what the server received.
 */
export interface MessengerHarness {
  messenger: Messenger;
  platform: Platform;
  /** A fresh conversation the platform accepts posts in (a thread, or a DM), with whatever `reference` it needs. */
  reachable(): Promise<ConversationAddress>;
  /**
   * What a person in that conversation would now read, one string per message, oldest first: the visible text
   * (mentions included, formatting marks optional).
   */
  seen(address: ConversationAddress): Promise<string[]>;
  /** How a mention of `userId` reads in `seen` (`<@U123>`, `@anna`); omit if the platform shows none. */
  mentionOf?(userId: string): string;
  /** A conversation that can never be posted to again (channel deleted, bot removed); omit if there is none. */
  gone?(): Promise<ConversationAddress>;
  /** A messenger and conversation where sends fail the way a passing outage does (5xx, timeout, Redis away). */
  outage?(): Promise<{ messenger: Messenger; address: ConversationAddress }>;
  cleanup?(): Promise<void>;
}

function reminderReply(text: string, mention?: string): Reply {
  const reply = blocksReply([
    { type: 'text', text: `🔔 ${text}` },
    { type: 'context', items: ['Du bad om den fredag 4 december 2026 kl. 09:00.'] },
    {
      type: 'buttons',
      buttons: [
        { label: 'Klar', actionId: 'reminder:done', value: '{"id":"rem-1","occ":0}' },
        { label: 'Snooza 1 timme', actionId: 'reminder:snooze', value: '{"id":"rem-1","occ":0,"by":"hour"}' },
      ],
    },
  ]);
  return mention ? { ...reply, mentions: [mention] } : reply;
}

/**
 * The contract every Messenger must pass (console, Slack, Teams). Call it from a test file with a name and a
 * factory: `messengerContract('slack', async () => ({ messenger, platform: 'slack', reachable, seen, … }))`.
 */
export function messengerContract(name: string, makeHarness: () => Promise<MessengerHarness>): void {
  describe(`Messenger contract (${name})`, () => {
    const harnesses: MessengerHarness[] = [];
    const harness = async () => {
      const h = await makeHarness();
      harnesses.push(h);
      return h;
    };
    afterAll(async () => {
      for (const h of harnesses) await h.cleanup?.();
    });

    it('delivers the replies into the conversation it is given, and nowhere else', async () => {
      const h = await harness();
      const here = await h.reachable();
      const elsewhere = await h.reachable();
      const outcome = await h.messenger.send(here, [reminderReply('följa upp med Röda korset')]);
      expect(outcome).toEqual({ status: 'delivered' });
      const seen = await h.seen(here);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/följa upp med Röda korset/);
      expect(await h.seen(elsewhere)).toEqual([]);
    });

    it('mentions the people the reply names', async (ctx) => {
      const h = await harness();
      if (!h.mentionOf) return ctx.skip();
      const here = await h.reachable();
      const owner = `${h.platform}:U0042`;
      expect(await h.messenger.send(here, [reminderReply('ringa Anna', owner)])).toEqual({ status: 'delivered' });
      expect((await h.seen(here))[0]).toContain(h.mentionOf(owner));
    });

    it('keeps several replies in order', async () => {
      const h = await harness();
      const here = await h.reachable();
      expect(await h.messenger.send(here, [reminderReply('först'), reminderReply('sedan')])).toEqual({
        status: 'delivered',
      });
      const seen = await h.seen(here);
      expect(seen.map((text) => (/först/.test(text) ? 'först' : /sedan/.test(text) ? 'sedan' : '?'))).toEqual([
        'först',
        'sedan',
      ]);
    });

    it('delivers text with characters that mean something on some platform, as the user wrote it', async () => {
      const h = await harness();
      const here = await h.reachable();
      const tricky = 'ringa <!channel> & "Röda korset" <b>nu</b> 100% _inte_ *fet*';
      expect(await h.messenger.send(here, [reminderReply(tricky)])).toEqual({ status: 'delivered' });
      const [seen] = await h.seen(here);
      expect(seen).toContain('<!channel> & "Röda korset" <b>nu</b> 100%');
    });

    it('sends to many conversations at once without mixing them up', async () => {
      const h = await harness();
      const addresses = await Promise.all(Array.from({ length: 8 }, () => h.reachable()));
      const outcomes = await Promise.all(addresses.map((a, i) => h.messenger.send(a, [reminderReply(`nummer ${i}`)])));
      expect(outcomes.every((o) => o.status === 'delivered')).toBe(true);
      for (const [i, address] of addresses.entries()) {
        const seen = await h.seen(address);
        expect(seen).toHaveLength(1);
        expect(seen[0]).toMatch(new RegExp(`nummer ${i}\\b`));
      }
    });

    it('refuses, for good, a conversation of another platform', async () => {
      const h = await harness();
      const here = await h.reachable();
      const other: Platform = h.platform === 'console' ? 'slack' : 'console';
      const outcome = await h.messenger.send({ ...here, platform: other }, [reminderReply('fel plattform')]);
      expect(outcome).toMatchObject({ status: 'failed', permanent: true });
      expect(await h.seen(here)).toEqual([]);
    });

    it('reports a conversation that is gone as a permanent failure with a reason, without throwing', async (ctx) => {
      const h = await harness();
      if (!h.gone) return ctx.skip();
      const outcome = await h.messenger.send(await h.gone(), [reminderReply('ingen läser')]);
      expect(outcome.status).toBe('failed');
      if (outcome.status === 'failed') {
        expect(outcome.permanent).toBe(true);
        expect(outcome.reason.length).toBeGreaterThan(0);
      }
    });

    it('reports a passing outage as a failure worth retrying, without throwing', async (ctx) => {
      const h = await harness();
      if (!h.outage) return ctx.skip();
      const { messenger, address } = await h.outage();
      const outcome = await messenger.send(address, [reminderReply('senare')]);
      expect(outcome).toMatchObject({ status: 'failed', permanent: false });
    });
  });
}
