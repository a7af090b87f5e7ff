import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { PLATFORMS } from '../core/model.ts';
import type { Telemetry } from '../core/telemetry.ts';
import { type HttpServer, sendJson } from './http-server.ts';

/**
 * Distinct turn kinds recorded before new ones are folded into `other`. The core already maps anything outside
 * its features' intents and action areas to `other`; this is the backstop, so no caller can grow the series
 * (each kind costs one counter and a dozen histogram series) without bound.
 */
const MAX_TURN_KINDS = 64;
const OTHER = 'other';

/** Prometheus metrics for one process, exposed at GET /metrics. */
export interface Metrics {
  registry: Registry;
  telemetry: Telemetry;
  /** Serves GET /metrics on `server`; with a `token`, only to `Authorization: Bearer <token>`. */
  mount(server: HttpServer, options?: { token?: string }): void;
}

/** Labels from a fixed set: the first `max` distinct values are kept, later new ones become `other`. */
function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>([OTHER]);
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return OTHER;
    seen.add(value);
    return value;
  };
}

/** Constant-time comparison of the presented bearer token (hashed first, so lengths never leak). */
function hasBearer(req: IncomingMessage, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!presented) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
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

  const kindLabel = boundedLabel(MAX_TURN_KINDS);
  const platformLabel = (platform: string) => ((PLATFORMS as readonly string[]).includes(platform) ? platform : OTHER);
  const telemetry: Telemetry = {
    turnHandled(platform, kind, durationMs) {
      const labels = { platform: platformLabel(platform), kind: kindLabel(kind) };
      turns.inc(labels);
      turnDuration.observe(labels, durationMs / 1000);
    },
    questionOutcome: (outcome) => questions.inc({ outcome }),
    checklistRun: (event) => checklistRuns.inc({ event }),
    reminder: (event) => reminders.inc({ event }),
    storeError: () => storeErrors.inc(),
  };

  return {
    registry,
    telemetry,
    mount(server, options = {}) {
      const { token } = options;
      server.route('GET', '/metrics', async (req, res) => {
        if (token && !hasBearer(req, token)) {
          res.setHeader('www-authenticate', 'Bearer realm="metrics"');
          sendJson(res, 401, { error: 'unauthorized' });
          return;
        }
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      });
    },
  };
}
