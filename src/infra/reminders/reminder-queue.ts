import type { Platform } from '../../core/model.ts';
import type { ReminderScheduler, ScheduledOccurrence } from '../../core/ports/reminder-scheduler.ts';

/** A reminder scheduler as infrastructure holds it: the core's port, plus a look at what is pending. */
export interface ReminderQueue extends ReminderScheduler {
  /** Occurrences not yet handed to a worker, soonest first (for diagnostics and tests: it reads them all). */
  list(platform?: Platform): Promise<ScheduledOccurrence[]>;
}
