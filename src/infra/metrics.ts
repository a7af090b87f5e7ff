import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Telemetry } from '../core/telemetry.ts';
import type { HttpServer } from './http-server.ts';

/** Prometheus metrics for one process, exposed at GET /metrics. */
export interface Metrics {
  registry: Registry;
  telemetry: Telemetry;
  mount(server: HttpServer): void;
}

/** Creates a registry with the process defaults (incl. event-loop lag) and the assistant's own metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const turns = new Counter({
    name: 'iop_turns_total',
    help: 'Turns handled, by platform and kind (intent or action area)',
    labelNames: ['platform', 'kind'] as const,
    registers: [registry],
  });
  const turnDuration = new Histogram({
    name: 'iop_turn_duration_seconds',
    help: 'Time from a turn reaching the core to its replies being ready',
    labelNames: ['platform', 'kind'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const questions = new Counter({
    name: 'iop_questions_total',
    help: 'Questions answered vs declined',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const checklistRuns = new Counter({
    name: 'iop_checklist_runs_total',
    help: 'Checklist runs started, finished and cancelled',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  const reminders = new Counter({
    name: 'iop_reminders_total',
    help: 'Reminders scheduled, delivered, delivered late and failed',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'iop_store_errors_total',
    help: 'Turns that could not reach Redis',
    registers: [registry],
  });

  const telemetry: Telemetry = {
    turnHandled(platform, kind, durationMs) {
      turns.inc({ platform, kind });
      turnDuration.observe({ platform, kind }, durationMs / 1000);
    },
    questionOutcome: (outcome) => questions.inc({ outcome }),
    checklistRun: (event) => checklistRuns.inc({ event }),
    reminder: (event) => reminders.inc({ event }),
    storeError: () => storeErrors.inc(),
  };

  return {
    registry,
    telemetry,
    mount(server) {
      server.route('GET', '/metrics', async (_req, res) => {
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      });
    },
  };
}
