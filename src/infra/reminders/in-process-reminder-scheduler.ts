import type { ReminderQueue } from './reminder-queue.ts';
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { Platform } from '../../core/model.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { OccurrenceRef, ScheduledOccurrence } from '../../core/ports/reminder-scheduler.ts';
import type { DueHandler, DueOutcome } from '../../core/reminders/delivery.ts';
import { occurrenceId } from '../../core/reminders/reminder.ts';
import type { ReminderWorker } from './bullmq-reminder-scheduler.ts';

/** setTimeout's ceiling (~24.8 days); a later due time is reached in several hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry {
  occurrence: ScheduledOccurrence;
  attempt: number;
  /** When it may run next (due time, or a retry's backoff), epoch ms on the injected clock. */
  runAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

export interface InProcessReminderSchedulerOptions {
  clock: Clock;
  logger: CoreLogger;
  /** Real timers fire occurrences by themselves; tests with a fake clock turn them off and call `runDue()`. */
  timers?: boolean;
  attempts?: number;
  backoffMs?: number;
}

/**
 * ReminderScheduler in process memory with timers: for the console without Redis and for core tests. Same
 * semantics as the BullMQ one (one job per occurrence, backoff, busy without spending an attempt), but nothing
 * survives a restart, and only this process delivers.
 */
export class InProcessReminderScheduler implements ReminderQueue {
  private readonly pending = new Map<string, Entry>();
  private readonly running = new Set<string>();
  private readonly handlers = new Map<Platform, DueHandler>();
  private readonly attempts: number;
  private readonly backoffMs: number;
  private closed = false;

  constructor(private readonly options: InProcessReminderSchedulerOptions) {
    this.attempts = options.attempts ?? 8;
    this.backoffMs = options.backoffMs ?? 5_000;
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  async schedule(occurrence: ScheduledOccurrence): Promise<void> {
    const id = occurrenceId(occurrence);
    if (this.pending.has(id) || this.running.has(id)) return;
    const entry: Entry = { occurrence, attempt: 1, runAt: occurrence.dueAt.getTime() };
    this.pending.set(id, entry);
    this.arm(id, entry);
  }

  async cancel(ref: OccurrenceRef): Promise<void> {
    const id = occurrenceId(ref);
    const entry = this.pending.get(id);
    if (entry?.timer) clearTimeout(entry.timer);
    this.pending.delete(id);
  }

  async list(platform?: Platform): Promise<ScheduledOccurrence[]> {
    return [...this.pending.values()]
      .map((e) => e.occurrence)
      .filter((o) => !platform || o.platform === platform)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /** Starts delivering these platforms' occurrences through `handler`. */
  startWorker(platforms: Platform[], handler: DueHandler): ReminderWorker {
    for (const platform of platforms) this.handlers.set(platform, handler);
    for (const [id, entry] of this.pending) this.arm(id, entry);
    return {
      isRunning: () => !this.closed && platforms.every((platform) => this.handlers.get(platform) === handler),
      close: async () => {
        for (const platform of platforms) this.handlers.delete(platform);
      },
    };
  }

  /** Runs every occurrence whose time has come on the injected clock (for tests with a fake clock). */
  async runDue(): Promise<number> {
    const due = [...this.pending.entries()].filter(([, e]) => e.runAt <= this.now());
    due.sort((a, b) => a[1].runAt - b[1].runAt);
    let ran = 0;
    for (const [id, entry] of due) {
      if (this.pending.get(id) === entry && this.handlers.has(entry.occurrence.platform)) {
        await this.run(id, entry);
        ran++;
      }
    }
    return ran;
  }

  private arm(id: string, entry: Entry): void {
    if (this.options.timers === false || this.closed || !this.handlers.has(entry.occurrence.platform)) return;
    if (entry.timer) clearTimeout(entry.timer);
    const wait = Math.max(0, entry.runAt - this.now());
    entry.timer = setTimeout(
      () => {
        entry.timer = undefined;
        if (this.pending.get(id) !== entry) return;
        if (entry.runAt > this.now()) this.arm(id, entry);
        else void this.run(id, entry);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    // A pending reminder must not keep a finished console session alive.
    entry.timer.unref?.();
  }

  private async run(id: string, entry: Entry): Promise<void> {
    const handler = this.handlers.get(entry.occurrence.platform);
    if (!handler) return;
    this.pending.delete(id);
    this.running.add(id);
    let outcome: DueOutcome;
    const finalAttempt = entry.attempt >= this.attempts;
    try {
      outcome = await handler({ ...entry.occurrence, attempt: entry.attempt, finalAttempt });
    } catch (error) {
      outcome = { kind: 'retry', reason: (error as Error).message };
    } finally {
      this.running.delete(id);
    }
    if (outcome.kind === 'retry' && finalAttempt) {
      this.options.logger.warn({ id, reason: outcome.reason }, 'reminder job failed after its last attempt');
      return;
    }
    if (outcome.kind !== 'retry' && outcome.kind !== 'busy') return;
    const next: Entry =
      outcome.kind === 'busy'
        ? { ...entry, timer: undefined, runAt: this.now() + outcome.retryInMs }
        : {
            ...entry,
            timer: undefined,
            attempt: entry.attempt + 1,
            runAt: this.now() + this.backoffMs * 2 ** (entry.attempt - 1),
          };
    if (this.pending.has(id) || this.closed) return;
    this.pending.set(id, next);
    this.arm(id, next);
  }

  /** Clears every timer; pending occurrences are lost (nothing here survives a restart by design). */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.handlers.clear();
  }
}
