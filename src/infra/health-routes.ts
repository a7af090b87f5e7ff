import type { HttpServer } from './http-server.ts';
import { sendJson } from './http-server.ts';
import { withTimeout } from './time-limit.ts';

/** One readiness check: a name and whether it passes now. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean> | boolean;
}

/** What `/readyz` looks at in a running assistant (the Runtime has this shape). */
export interface ReadinessSubject {
  store: { ping(): Promise<boolean> };
  /** True when the knowledge base and checklists hold content. */
  knowledgeLoaded(): boolean;
  /** Left out in a process that delivers no reminders. */
  reminders?: { workerRunning(): boolean };
}

/** Control over `/readyz` once mounted. */
export interface HealthRoutes {
  /** From now on `/readyz` answers 503: the load balancer should stop sending work while requests drain. */
  beginShutdown(): void;
}

/** Load balancers poll every few seconds; a check slower than this counts as failed rather than hanging the probe. */
export const READINESS_CHECK_TIMEOUT_MS = 1_000;

/**
 * The checks behind `/readyz`: Redis answers (`state`), the knowledge is loaded (`knowledge`) and, where this
 * process delivers reminders, its worker runs and is connected (`reminders`). All are cheap: one PING and flags.
 */
export function runtimeReadinessChecks(subject: ReadinessSubject): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'state', check: () => subject.store.ping() },
    { name: 'knowledge', check: () => subject.knowledgeLoaded() },
  ];
  const reminders = subject.reminders;
  if (reminders) checks.push({ name: 'reminders', check: () => reminders.workerRunning() });
  return checks;
}

/** Waits for `answer` at most `timeoutMs`; a rejection or no answer in time counts as not passing. */
function withinTime(answer: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  return withTimeout(answer, timeoutMs, 'readiness check timed out').then(
    (passed) => passed === true,
    () => false,
  );
}

/**
 * Runs each check at most once at a time: while Redis hangs, every probe would otherwise queue one more PING on
 * the connection. A probe that finds a run still going waits for that one (within its own time limit).
 */
function singleFlight(): (check: ReadinessCheck) => Promise<boolean> {
  const running = new Map<ReadinessCheck, Promise<boolean>>();
  return (check) => {
    let answer = running.get(check);
    if (!answer) {
      const started = Promise.resolve().then(() => check.check());
      answer = started.finally(() => running.delete(check));
      running.set(check, answer);
    }
    return answer;
  };
}

/** `GET /healthz` (the process answers) and `GET /readyz` (every check passes, and no shutdown has begun). */
export function mountHealthRoutes(
  server: HttpServer,
  checks: ReadinessCheck[],
  options: { checkTimeoutMs?: number } = {},
): HealthRoutes {
  const timeoutMs = options.checkTimeoutMs ?? READINESS_CHECK_TIMEOUT_MS;
  const run = singleFlight();
  let shuttingDown = false;
  server.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  server.route('GET', '/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await withinTime(run(c), timeoutMs)] as const));
    const ready = !shuttingDown && results.every(([, ok]) => ok);
    const status = shuttingDown ? 'shutting down' : ready ? 'ready' : 'not ready';
    sendJson(res, ready ? 200 : 503, { status, checks: Object.fromEntries(results) });
  });
  return {
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
}
