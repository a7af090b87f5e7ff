import type { Platform } from './model.ts';

/** What the core reports for operations (metrics); implemented with prom-client in infra, a no-op in tests. */
export interface Telemetry {
  /** One handled turn: its platform, what it was (intent kind or action area) and how long it took. */
  turnHandled(platform: Platform, kind: string, durationMs: number): void;
  /** A question was answered, declined or asked back about, or a message was small talk. */
  questionOutcome(outcome: 'answered' | 'declined' | 'clarify' | 'small-talk'): void;
  checklistRun(event: 'started' | 'finished' | 'cancelled'): void;
  reminder(event: 'scheduled' | 'delivered' | 'late' | 'failed'): void;
  /** A turn could not reach the state store. */
  storeError(): void;
}

/** Telemetry that records nothing. */
export const noTelemetry: Telemetry = {
  turnHandled() {},
  questionOutcome() {},
  checklistRun() {},
  reminder() {},
  storeError() {},
};
