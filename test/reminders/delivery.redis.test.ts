import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import { createReminderDelivery } from '../../src/core/reminders/delivery.ts';
import { REMINDERS } from '../../src/core/reminders/reminder.ts';
import { createReminderBook, type ReminderDraft } from '../../src/core/reminders/reminder-book.ts';
import { RedisDocumentStore } from '../../src/infra/redis-document-store.ts';
import { BullmqReminderScheduler, type ReminderWorker } from '../../src/infra/reminders/bullmq-reminder-scheduler.ts';
import { silentLogger, testMunicipalities } from '../support/bot.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';
import { eventually, FakePlatform, RecordingMessenger, type SentMessage, sleep } from './fakes.ts';
import { THREAD } from './harness.ts';

const realClock = { now: () => new Date() };
const LEASE_MS = 1_500;

const prefix = uniquePrefix('delivery');
const { cleanup } = testRedis(prefix);
const connections: Redis[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  for (const c of connections) c.disconnect();
  await cleanup();
});

/** Which reminder occurrence a delivered message was for (from its Klar button). */
function occurrenceOf(message: SentMessage): string {
  const done = message.replies.flatMap((r) => r.blocks).flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0];
  const { id, occ } = JSON.parse(done?.value ?? '{}') as { id: string; occ: number };
  return `${id}/${occ}`;
}

/**
 * One deployment (its own key prefix) that can run several bot instances: each instance has its own Redis
 * connections, scheduler, worker, delivery and messenger, as separate processes would.
 */
function deployment(options: { attempts?: number; lateAfterMs?: number } = {}) {
  const ns = `${prefix}:${Math.random().toString(36).slice(2, 8)}`;
  const stateConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  connections.push(stateConnection);
  const store = new RedisDocumentStore(stateConnection, { prefix: ns });
  const bot = createBot({
    store,
    clock: realClock,
    logger: silentLogger,
    municipalities: testMunicipalities,
    settings: { defaultLocale: 'sv', defaultTimeZone: 'Europe/Stockholm' },
    features: [],
  });

  /**
   * `platform`: a platform the instances' messengers share and can look at (like Slack); none by default.
   * `clock`: the instance's own time (one that comes up later than the others); real time by default.
   */
  function instance(platform?: FakePlatform, { clock = realClock }: { clock?: Clock } = {}) {
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(connection);
    const scheduler = new BullmqReminderScheduler({
      connection,
      prefix: `${ns}:bull`,
      clock,
      logger: silentLogger,
      attempts: options.attempts ?? 4,
      backoffMs: 50,
    });
    closers.push(() => scheduler.close());
    const messenger = new RecordingMessenger('console', platform);
    const delivery = createReminderDelivery({
      store,
      scheduler,
      clock,
      logger: silentLogger,
      messengers: { console: messenger },
      render: (reminder, opts) => bot.handleReminder(reminder, opts),
      leaseMs: LEASE_MS,
      lateAfterMs: options.lateAfterMs ?? 60_000,
    });
    const book = createReminderBook({ store, scheduler });
    let worker: ReminderWorker | undefined;
    return {
      scheduler,
      messenger,
      delivery,
      book,
      start: () => {
        worker = scheduler.startWorker(['console'], delivery.handleDue, {
          concurrency: 5,
          lockDurationMs: 1_000,
          stalledIntervalMs: 500,
        });
        return worker;
      },
      /** Stops the worker without letting its jobs finish: to the others it looks like a crash. */
      kill: () => worker?.close(true),
    };
  }

  const draft = (text: string, inMs: number, extra: Partial<ReminderDraft> = {}): ReminderDraft => ({
    owner: { id: 'console:anna', name: 'Anna' },
    address: THREAD,
    text,
    due: new Date(Date.now() + inMs),
    recurrence: null,
    locale: 'sv',
    timeZone: 'Europe/Stockholm',
    source: 'message',
    now: new Date(),
    ...extra,
  });

  let consoleQueue: Queue | undefined;
  /** The deployment's console queue, as BullMQ sees it. */
  function queue(): Queue {
    if (!consoleQueue) {
      const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      connections.push(connection);
      const q = new Queue('reminders-console', { connection, prefix: `${ns}:bull` });
      closers.push(() => q.close());
      consoleQueue = q;
    }
    return consoleQueue;
  }

  /**
   * Resolves once nothing more can be sent: no occurrence is being sent, is waiting, or is due again soon (a
   * retry, or a wait for another instance's lease); what is still delayed is a next occurrence or a snooze, an
   * hour or more away. Checking that nothing else arrived is then final, not a bet on how long to wait.
   */
  async function settled(): Promise<void> {
    const q = queue();
    const quiet = async () => {
      const counts = await q.getJobCounts('active', 'waiting', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return false;
      const soon = Date.now() + 60_000;
      return (await q.getDelayed()).every((job) => job.timestamp + job.delay > soon);
    };
    expect(await eventually(quiet, 20_000)).toBe(true);
  }

  return { ns, store, instance, draft, queue, settled };
}

/**
 * Two running instances and `count` reminders that all fall due at the same instant, one second from now; returns
 * just before that instant, so a test can race its changes against the deliveries.
 */
async function dueTogether(count: number, text: string) {
  const d = deployment();
  const [a, b] = [d.instance(), d.instance()];
  a.start();
  b.start();
  const dueAt = Date.now() + 1_000;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const added = await a.book.add(d.draft(`${text} ${i}`, dueAt - Date.now()));
    if (added.ok) ids.push(added.reminder.id);
  }
  await sleep(dueAt - Date.now() - 10);
  return { d, a, b, ids };
}

describe('reminder delivery on Redis and BullMQ', () => {
  it('delivers each reminder exactly once with two instances running', async () => {
    const d = deployment();
    const [a, b] = [d.instance(), d.instance()];
    a.start();
    b.start();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const added = await (i % 2 ? a : b).book.add(d.draft(`uppföljning ${i}`, 300 + (i % 10) * 50));
      if (added.ok) ids.push(added.reminder.id);
    }
    const all = () => [...a.messenger.sent, ...b.messenger.sent];
    expect(await eventually(() => all().length >= 60, 15_000)).toBe(true);
    await d.settled();
    const delivered = all().map(occurrenceOf);
    expect(delivered).toHaveLength(60);
    expect(new Set(delivered).size).toBe(60);
    expect(new Set(delivered)).toEqual(new Set(ids.map((id) => `${id}/0`)));
    for (const id of ids) expect((await d.store.load(REMINDERS, id))?.status).toBe('delivered');
    expect(await a.scheduler.list()).toEqual([]);
  });

  it('delivers once, by the other instance, when a worker is killed in the middle of sending', async () => {
    const d = deployment();
    const [a, b] = [d.instance(), d.instance()];
    let sendingStarted = false;
    // A hangs in the platform call: the process dies before it answers.
    a.messenger.behaviour = () => {
      sendingStarted = true;
      return new Promise(() => undefined);
    };
    a.start();
    const added = await a.book.add(d.draft('ringa Anna', 100));
    expect(await eventually(() => sendingStarted, 5_000)).toBe(true);
    await a.kill();
    b.start();
    expect(await eventually(() => b.messenger.sent.length === 1, 15_000)).toBe(true);
    await d.settled();
    expect(a.messenger.sent).toHaveLength(0);
    expect(b.messenger.sent.map(occurrenceOf)).toEqual([`${added.ok && added.reminder.id}/0`]);
    expect((await d.store.load(REMINDERS, added.ok ? added.reminder.id : ''))?.status).toBe('delivered');
  });

  it('does not send again when the killed worker’s message had arrived and the platform can tell', async () => {
    const d = deployment();
    const platform = new FakePlatform();
    const [a, b] = [d.instance(platform), d.instance(platform)];
    // A's post reaches the platform, then the process dies before it hears back: nothing was recorded.
    a.messenger.behaviour = async (_address, _replies, deliveryId) => {
      if (deliveryId) platform.arrived.add(deliveryId);
      return new Promise(() => undefined);
    };
    a.start();
    const added = await a.book.add(d.draft('ringa Anna', 100));
    const id = added.ok ? added.reminder.id : '';
    expect(await eventually(() => platform.arrived.size === 1, 5_000)).toBe(true);
    await a.kill();
    b.start();
    expect(await eventually(async () => (await d.store.load(REMINDERS, id))?.status === 'delivered', 15_000)).toBe(
      true,
    );
    await d.settled();
    expect(b.messenger.attempts).toHaveLength(0);
    expect(platform.arrived.size).toBe(1);
  });

  it('delivers a reminder that fell due while no instance ran when one starts, marked as late', async () => {
    const d = deployment({ lateAfterMs: 60_000 });
    await d.instance().book.add(d.draft('ringa Anna', 100));
    // No worker runs until an instance comes up, ten minutes after the reminder fell due.
    const later = d.instance(undefined, { clock: { now: () => new Date(Date.now() + 10 * 60_000) } });
    later.start();
    expect(await eventually(() => later.messenger.sent.length === 1, 5_000)).toBe(true);
    expect(later.messenger.sent[0]?.text).toMatch(/🔔 Påminnelse: ringa Anna/);
    expect(later.messenger.sent[0]?.text).toMatch(/Försenad – den skulle ha kommit/);
    expect(later.messenger.sent[0]?.address).toEqual(THREAD);
  });

  it('does not deliver a reminder cancelled as it falls due, unless a worker had already started sending it', async () => {
    // All fall due at the same instant; the cancels arrive one every 8 ms from just before it.
    const { d, a, b, ids } = await dueTogether(40, 'möte');
    const inFlight = new Set<string>();
    await Promise.all(
      ids.map(async (id, i) => {
        await sleep(i * 8);
        const removed = await (i % 2 ? a : b).book.remove(id);
        expect(removed?.reminder.id).toBe(id);
        // Sent before the cancel came (already recorded), or being sent as it came: either way it may arrive.
        if (removed?.deliveryInProgress || removed?.reminder.status === 'delivered') inFlight.add(id);
      }),
    );
    await d.settled();
    const delivered = [...a.messenger.sent, ...b.messenger.sent].map(occurrenceOf);
    expect(new Set(delivered).size).toBe(delivered.length);
    // Every delivery was one a worker had claimed before the cancel; the others never went out.
    for (const key of delivered) expect(inFlight.has(key.split('/')[0]!)).toBe(true);
    for (const id of ids) expect(await d.store.load(REMINDERS, id)).toBeNull();
    expect(await a.scheduler.list()).toEqual([]);
  });

  it('keeps one delivery per occurrence when a snooze races the delivery', async () => {
    const { d, a, b, ids } = await dueTogether(30, 'uppföljning');
    // What "Snooza 1 timme" does, for each reminder, right as it falls due.
    const inFlight = new Set<string>();
    await Promise.all(
      ids.map(async (id, i) => {
        await sleep(i * 8);
        const until = new Date(Date.now() + 3_600_000).toISOString();
        const moved = await (i % 2 ? a : b).book.move(
          id,
          (r) => r.occurrence === 0,
          () => ({ dueAt: until }),
          new Date(),
        );
        expect(moved.kind).toBe('moved');
        if (moved.kind === 'moved' && (moved.deliveryInProgress || moved.reminder.lastDelivery?.occurrence === 0)) {
          inFlight.add(id);
        }
      }),
    );
    await d.settled();
    const pending = await a.scheduler.list();
    expect(pending.map((o) => o.occurrence)).toEqual(ids.map(() => 1));
    for (const id of ids)
      expect(await d.store.load(REMINDERS, id)).toMatchObject({ status: 'scheduled', occurrence: 1 });

    // An hour passes: the snoozed occurrences come due.
    for (const job of await d.queue().getDelayed()) await job.promote();
    const all = () => [...a.messenger.sent, ...b.messenger.sent].map(occurrenceOf);
    expect(await eventually(() => all().filter((k) => k.endsWith('/1')).length === ids.length, 10_000)).toBe(true);
    await d.settled();
    const delivered = all();
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.filter((k) => k.endsWith('/1')).sort()).toEqual(ids.map((id) => `${id}/1`).sort());
    // The snoozed occurrence itself went out only where a worker was already sending it.
    for (const key of delivered.filter((k) => k.endsWith('/0'))) expect(inFlight.has(key.split('/')[0]!)).toBe(true);
  });

  it('retries a failed delivery with backoff, then records a permanent failure and stops', async () => {
    const d = deployment({ attempts: 5 });
    const a = d.instance();
    a.start();
    a.messenger.failNext(
      { status: 'failed', permanent: false, reason: 'HTTP 503' },
      { status: 'failed', permanent: false, reason: 'timeout' },
      { status: 'failed', permanent: true, reason: 'channel_not_found' },
    );
    const added = await a.book.add(d.draft('ringa Anna', 50));
    const id = added.ok ? added.reminder.id : '';
    expect(await eventually(async () => (await d.store.load(REMINDERS, id))?.status === 'failed', 10_000)).toBe(true);
    await d.settled();
    expect(a.messenger.attempts).toHaveLength(3);
    expect((await d.store.load(REMINDERS, id))?.failure).toMatchObject({
      reason: 'channel_not_found',
      permanent: true,
      occurrence: 0,
    });
    expect(await a.scheduler.list()).toEqual([]);
  });

  it('records a failure that outlasts every retry, and moves a series on to its next occurrence', async () => {
    const d = deployment({ attempts: 3 });
    const a = d.instance();
    a.start();
    a.messenger.behaviour = async () => ({ status: 'failed', permanent: false, reason: 'HTTP 502' });
    const once = await a.book.add(d.draft('ringa Anna', 50));
    const daily = await a.book.add(d.draft('kolla mejlen', 50, { recurrence: { freq: 'daily', interval: 1 } }));
    const onceId = once.ok ? once.reminder.id : '';
    const dailyId = daily.ok ? daily.reminder.id : '';
    expect(await eventually(async () => (await d.store.load(REMINDERS, onceId))?.status === 'failed', 10_000)).toBe(
      true,
    );
    expect(await eventually(async () => (await d.store.load(REMINDERS, dailyId))?.occurrence === 1, 10_000)).toBe(true);
    expect(a.messenger.attempts).toHaveLength(6);
    expect((await d.store.load(REMINDERS, dailyId))?.failure).toMatchObject({ reason: 'HTTP 502', permanent: false });
    expect((await a.scheduler.list()).map((o) => [o.reminderId, o.occurrence])).toEqual([[dailyId, 1]]);
  });

  it('adds the next occurrence of a series as a new job when one is delivered', async () => {
    const d = deployment();
    const a = d.instance();
    a.start();
    const added = await a.book.add(d.draft('läsa veckoplanen', 100, { recurrence: { freq: 'weekly', interval: 1 } }));
    const reminder = added.ok ? added.reminder : undefined;
    expect(await eventually(() => a.messenger.sent.length === 1, 5_000)).toBe(true);
    expect(await eventually(async () => (await a.scheduler.list()).length === 1, 5_000)).toBe(true);
    const [next] = await a.scheduler.list();
    expect(next?.occurrence).toBe(1);
    expect(next!.dueAt.getTime() - Date.parse(reminder!.dueAt)).toBe(7 * 24 * 3600 * 1000);
    expect(await d.store.load(REMINDERS, reminder!.id)).toMatchObject({
      status: 'scheduled',
      occurrence: 1,
      lastDelivery: { occurrence: 0 },
    });
  });

  it('repairs a reminder whose job was lost (a crash between writing it and adding the job)', async () => {
    const d = deployment();
    const a = d.instance();
    const added = await a.book.add(d.draft('ringa Anna', 60_000));
    const id = added.ok ? added.reminder.id : '';
    await a.scheduler.cancel({ platform: 'console', reminderId: id, occurrence: 0 });
    expect(await a.scheduler.list()).toEqual([]);
    expect(await a.delivery.repair()).toMatchObject({ scheduled: 1 });
    expect((await a.scheduler.list()).map((o) => o.reminderId)).toEqual([id]);
  });
});
