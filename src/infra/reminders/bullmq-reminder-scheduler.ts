import type { ReminderQueue } from './reminder-queue.ts';
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { PLATFORMS, type Platform } from '../../core/model.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { OccurrenceRef, ScheduledOccurrence } from '../../core/ports/reminder-scheduler.ts';
import type { DueHandler } from '../../core/reminders/delivery.ts';
import { occurrenceId } from '../../core/reminders/reminder.ts';

/** Job data is read back from Redis: a trust boundary. */
const jobDataSchema = z.object({
  v: z.literal(1),
  platform: z.enum(PLATFORMS),
  reminderId: z.string().min(1),
  occurrence: z.number().int().nonnegative(),
  dueAt: z.string().datetime({ offset: true }),
});
type JobData = z.infer<typeof jobDataSchema>;

export interface BullmqReminderSchedulerOptions {
  /** A connection made for queues (`maxRetriesPerRequest: null`, see createRedisConnection(url, 'queue')). */
  connection: Redis;
  /** BullMQ key prefix, e.g. `${REDIS_PREFIX}:bull`; tests use their own. */
  prefix: string;
  /** Base queue name; each platform gets its own queue (`reminders-slack`), so an instance that cannot post to
   * Teams never takes a Teams reminder. */
  queueName?: string;
  clock: Clock;
  logger: CoreLogger;
  /** Tries per occurrence before a transient failure is recorded as final. */
  attempts?: number;
  /** First retry delay; doubles each time (5 s, 10 s, 20 s … ≈ 10 min over 8 attempts). */
  backoffMs?: number;
}

export interface WorkerOptions {
  concurrency?: number;
  /** BullMQ job lock (ms); a worker that stops renewing it (crashed, killed) loses the job after this. */
  lockDurationMs?: number;
  /** How often stalled jobs (lock lost) are looked for and handed to a live worker (ms). */
  stalledIntervalMs?: number;
  /** Connection for the worker; BullMQ also duplicates it for its blocking reads. Defaults to the scheduler's. */
  connection?: Redis;
}

/** A running worker; `close(true)` abandons jobs in hand (what a crash looks like to the others). */
export interface ReminderWorker {
  close(force?: boolean): Promise<void>;
  /** True while it takes due occurrences: started, not closing, and (on Redis) connected. Cheap: no round trip. */
  isRunning(): boolean;
}

const FINISHED_STATES = new Set(['completed', 'failed']);

/**
 * ReminderScheduler on BullMQ: one delayed job per occurrence, job id `<reminderId>-o<occurrence>` (so adding the
 * same occurrence twice keeps one job), exponential backoff for transient failures. Next occurrences of a series
 * are added by the delivery as new jobs; BullMQ repeat jobs are not used (they have known duplicate bugs).
 */
export class BullmqReminderScheduler implements ReminderQueue {
  private readonly queues = new Map<Platform, Queue>();
  private readonly workers = new Set<Worker>();
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(private readonly options: BullmqReminderSchedulerOptions) {
    this.attempts = options.attempts ?? 8;
    this.backoffMs = options.backoffMs ?? 5_000;
  }

  private queueName(platform: Platform): string {
    return `${this.options.queueName ?? 'reminders'}-${platform}`;
  }

  private queue(platform: Platform): Queue {
    let queue = this.queues.get(platform);
    if (!queue) {
      queue = new Queue(this.queueName(platform), { connection: this.options.connection, prefix: this.options.prefix });
      // Without a listener BullMQ prints each connection error to the console (not as a JSON log line); the
      // connection's own listener already logs them once, so this one only keeps them off stderr.
      queue.on('error', (err) => this.options.logger.debug({ err: err.message }, 'reminder queue error'));
      this.queues.set(platform, queue);
    }
    return queue;
  }

  async schedule(occurrence: ScheduledOccurrence): Promise<void> {
    const queue = this.queue(occurrence.platform);
    const jobId = occurrenceId(occurrence);
    const delay = Math.max(0, occurrence.dueAt.getTime() - this.options.clock.now().getTime());
    if (delay === 0) {
      // Only repair and races schedule an occurrence already due; a finished job under the same id (failed after
      // every retry while Redis or the store was down) would make the add a no-op, so clear it first.
      const state = await queue.getJobState(jobId);
      if (FINISHED_STATES.has(state)) await queue.remove(jobId);
    }
    const data: JobData = {
      v: 1,
      platform: occurrence.platform,
      reminderId: occurrence.reminderId,
      occurrence: occurrence.occurrence,
      dueAt: occurrence.dueAt.toISOString(),
    };
    await queue.add('due', data, {
      jobId,
      delay,
      attempts: this.attempts,
      backoff: { type: 'exponential', delay: this.backoffMs },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async cancel(ref: OccurrenceRef): Promise<void> {
    // 0 when the job is running (locked): the worker re-reads the reminder and skips it.
    await this.queue(ref.platform).remove(occurrenceId(ref));
  }

  async list(platform?: Platform): Promise<ScheduledOccurrence[]> {
    const platforms = platform ? [platform] : [...PLATFORMS];
    const lists = await Promise.all(
      platforms.map(async (p) => {
        const jobs = await this.queue(p).getJobs(['delayed', 'waiting', 'prioritized']);
        return jobs.flatMap((job) => {
          const data = job ? jobDataSchema.safeParse(job.data) : undefined;
          return data?.success ? [toOccurrence(data.data)] : [];
        });
      }),
    );
    return lists.flat().sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /** Starts a worker for these platforms' queues that hands each due occurrence to `handler`. */
  startWorker(platforms: Platform[], handler: DueHandler, options: WorkerOptions = {}): ReminderWorker {
    const connection = options.connection ?? this.options.connection;
    const connected = new Set<Worker>();
    const started = platforms.map((platform) => {
      const worker = new Worker(this.queueName(platform), (job, token) => this.process(job, token, handler), {
        connection,
        prefix: this.options.prefix,
        concurrency: options.concurrency ?? 10,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        // A worker killed mid-send stalls its job; allow a couple of hand-overs before BullMQ gives up on it.
        maxStalledCount: 3,
      });
      worker.on('failed', (job, err) =>
        this.options.logger.warn({ jobId: job?.id, err: err.message }, 'reminder job failed after its last attempt'),
      );
      worker.on('error', (err) => this.options.logger.warn({ err: err.message }, 'reminder worker error'));
      // Resolves once its blocking connection is up too: before that it cannot take a job.
      worker.waitUntilReady().then(
        () => connected.add(worker),
        () => undefined,
      );
      this.workers.add(worker);
      return worker;
    });
    return {
      // The blocking connection is BullMQ's duplicate of `connection`; both reach the same Redis, so the shared
      // connection's state stands for both without a round trip.
      isRunning: () =>
        connection.status === 'ready' &&
        started.every((w) => connected.has(w) && w.isRunning() && w.closing === undefined),
      close: async (force = false) => {
        await Promise.all(started.map((w) => w.close(force)));
        for (const w of started) this.workers.delete(w);
      },
    };
  }

  private async process(job: Job, token: string | undefined, handler: DueHandler): Promise<string> {
    const data = jobDataSchema.safeParse(job.data);
    if (!data.success) {
      this.options.logger.warn({ jobId: job.id }, 'reminder job with unreadable data dropped');
      return 'invalid';
    }
    const attempts = job.opts.attempts ?? 1;
    const attempt = job.attemptsMade + 1;
    const outcome = await handler({ ...toOccurrence(data.data), attempt, finalAttempt: attempt >= attempts });
    switch (outcome.kind) {
      case 'retry':
        throw new Error(outcome.reason);
      case 'busy':
        // Wait for the other holder without spending an attempt.
        await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
        throw new DelayedError();
      default:
        return outcome.kind;
    }
  }

  /** Stops workers and closes queues (not the connection, which the caller owns). */
  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close()));
    this.workers.clear();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

function toOccurrence(data: JobData): ScheduledOccurrence {
  return {
    platform: data.platform,
    reminderId: data.reminderId,
    occurrence: data.occurrence,
    dueAt: new Date(data.dueAt),
  };
}
