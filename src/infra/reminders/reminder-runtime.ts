import type { ReminderQueue } from './reminder-queue.ts';
import type { Redis } from 'ioredis';
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { Platform, Reply } from '../../core/model.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Messenger } from '../../core/ports/messenger.ts';
import type { OccurrenceRef, ScheduledOccurrence } from '../../core/ports/reminder-scheduler.ts';
import type { DueHandler, ReminderDelivery } from '../../core/reminders/delivery.ts';
import { DELIVERY_LEASE_MS } from '../../core/reminders/reminder.ts';
import { connectRedis, createRedisConnection } from '../redis-connection.ts';
import type { BullmqReminderScheduler, ReminderWorker } from './bullmq-reminder-scheduler.ts';
import { InProcessMessenger } from './in-process-messenger.ts';
import { InProcessReminderScheduler } from './in-process-reminder-scheduler.ts';
import { RedisOutboxMessenger, RedisOutboxReader } from './redis-outbox-messenger.ts';

/** Reminder machinery of one running assistant. */
export interface ReminderRuntime {
  /** `memory`: timers in this process, lost on exit. `redis`: BullMQ delayed jobs, shared by every instance. */
  kind: 'memory' | 'redis';
  scheduler: ReminderQueue;
  /** Posts due console reminders: to an attached chat in process, or to the Redis outbox a chat reads. */
  consoleMessenger: Messenger;
  /**
   * For platforms without a posting API (the console): replies due in `conversationKey` go to `sink` while
   * attached. With Redis they wait in an outbox until a chat for that conversation reads them.
   */
  openInbox(platform: Platform, conversationKey: string, sink: (replies: Reply[]) => void): () => Promise<void>;
  /**
   * Starts the worker that hands these platforms' due reminders to `delivery` in this process, and runs its
   * start-up repair pass. Called once, by the composition root (Runtime.startReminders). `afterMs` defers it: a
   * piped console session that ends at once then never loads BullMQ.
   */
  startWorker(platforms: Platform[], delivery: WorkerDelivery, options?: { afterMs?: number }): Promise<void>;
  /**
   * For readiness: true once a worker has started and while every started worker runs (and, on Redis, is
   * connected); false before the first start and from the moment `close` begins.
   */
  workerRunning(): boolean;
  close(): Promise<void>;
}

export interface ReminderRuntimeOptions {
  clock: Clock;
  logger: CoreLogger;
  /** Set when state lives in Redis: reminders then do too. */
  redis?: { url: string; prefix: string };
  /**
   * How long one worker holds a reminder it is sending (ms, default DELIVERY_LEASE_MS): after a crash mid-send
   * another worker retries it once this has passed. The BullMQ job lock follows it (a third, at most 30 s), so
   * a stalled job comes back within about the same time.
   */
  leaseMs?: number;
}

const MAX_JOB_LOCK_MS = 30_000;

/** BullMQ, imported and connected on first use: the console with Redis pays for it only when reminders are used. */
function lazyBullmq(connection: Redis, prefix: string, clock: Clock, logger: CoreLogger, leaseMs: number) {
  let loading: Promise<BullmqReminderScheduler> | undefined;
  const lockMs = Math.min(MAX_JOB_LOCK_MS, Math.round(leaseMs / 3));
  const load = () =>
    (loading ??= import('./bullmq-reminder-scheduler.ts').then(
      ({ BullmqReminderScheduler }) =>
        new BullmqReminderScheduler({ connection, prefix: `${prefix}:bull`, clock, logger }),
    ));
  return {
    schedule: async (occurrence: ScheduledOccurrence) => (await load()).schedule(occurrence),
    cancel: async (ref: OccurrenceRef) => (await load()).cancel(ref),
    list: async (platform?: Platform) => (await load()).list(platform),
    startWorker: async (platforms: Platform[], handler: DueHandler) =>
      (await load()).startWorker(platforms, handler, { lockDurationMs: lockMs, stalledIntervalMs: lockMs }),
    close: async () => {
      if (loading) await (await loading).close();
    },
  };
}

/** What a worker hands due occurrences to: the core's reminder delivery. */
export type WorkerDelivery = Pick<ReminderDelivery, 'handleDue' | 'repair'>;

/**
 * Builds the scheduler, the console's messenger and the worker's start: BullMQ on Redis when state is in Redis,
 * timers otherwise. The delivery itself is the composition root's (runtime.ts), built once over every messenger.
 */
export async function createReminderRuntime(options: ReminderRuntimeOptions): Promise<ReminderRuntime> {
  const { clock, logger } = options;
  const closers: Array<() => Promise<void>> = [];
  let consoleMessenger: Messenger;
  let startWorkerNow: (platforms: Platform[], handler: DueHandler) => Promise<ReminderWorker>;
  let scheduler: ReminderQueue;
  let openInbox: ReminderRuntime['openInbox'];

  if (options.redis) {
    const { url, prefix } = options.redis;
    const connection: Redis = createRedisConnection(url, 'queue');
    connection.on('error', (err) => logger.warn({ err: err.message }, 'reminder queue connection error'));
    await connectRedis(connection, url);
    closers.push(async () => {
      await connection.quit().catch(() => connection.disconnect());
    });
    const bull = lazyBullmq(connection, prefix, clock, logger, options.leaseMs ?? DELIVERY_LEASE_MS);
    closers.push(() => bull.close());
    scheduler = bull;
    startWorkerNow = (platforms, handler) => bull.startWorker(platforms, handler);
    consoleMessenger = new RedisOutboxMessenger(connection, { prefix, platform: 'console' });
    openInbox = (platform, conversationKey, sink) => {
      // Reads block, so each inbox reads on a connection of its own.
      const readConnection = createRedisConnection(url, 'queue');
      readConnection.on('error', () => undefined);
      const reader = new RedisOutboxReader(readConnection, { prefix, platform, consumer: 'chat', logger });
      const done = reader.consume(conversationKey, sink);
      return async () => {
        reader.stop();
        readConnection.disconnect();
        await done;
      };
    };
  } else {
    const timers = new InProcessReminderScheduler({ clock, logger });
    closers.push(() => timers.close());
    scheduler = timers;
    startWorkerNow = async (platforms, handler) => timers.startWorker(platforms, handler);
    const inProcess = new InProcessMessenger('console');
    consoleMessenger = inProcess;
    openInbox = (_platform, conversationKey, sink) => {
      const detach = inProcess.attach(conversationKey, sink);
      return async () => detach();
    };
  }

  const starting: Array<Promise<ReminderWorker | undefined>> = [];
  const started: ReminderWorker[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let repair: Promise<void> | undefined;
  let closed = false;
  let claimed = false;

  async function start(platforms: Platform[], delivery: WorkerDelivery): Promise<ReminderWorker | undefined> {
    if (closed || platforms.length === 0) return undefined;
    const worker = await startWorkerNow(platforms, delivery.handleDue);
    started.push(worker);
    // In the background: a large deployment should not wait for it to answer its first turn.
    repair ??= delivery
      .repair()
      .then((counts) => logger.info(counts, 'reminder repair pass done'))
      .catch((err: Error) => logger.warn({ err: err.message }, 'reminder repair pass failed'));
    return worker;
  }

  return {
    kind: options.redis ? 'redis' : 'memory',
    scheduler,
    consoleMessenger,
    openInbox,
    startWorker: async (platforms, delivery, startOptions = {}) => {
      // One worker per process takes all its platforms: a second start would double every queue's consumers.
      if (claimed) throw new Error('the reminder worker starts once per process');
      claimed = true;
      if (!startOptions.afterMs) {
        starting.push(start(platforms, delivery));
        await starting.at(-1);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        const started = start(platforms, delivery).catch((err: Error) => {
          logger.warn({ err: err.message }, 'reminder worker did not start');
          return undefined;
        });
        starting.push(started);
      }, startOptions.afterMs);
      timer.unref();
      timers.add(timer);
    },
    workerRunning: () => !closed && started.length > 0 && started.every((worker) => worker.isRunning()),
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      for (const worker of await Promise.all(starting.splice(0))) await worker?.close();
      await repair;
      for (const close of closers.reverse()) await close();
    },
  };
}
