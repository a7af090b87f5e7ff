import { type Logger, pino } from 'pino';

/** Paths that may hold secrets or tokens in anything we log. */
const REDACT = [
  'token',
  'password',
  'secret',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
];

/** JSON logs to stderr (stdout belongs to the console chat and to CLI output). */
export function createLogger(level: string, options: { name?: string } = {}): Logger {
  return pino({ level, name: options.name ?? 'iop-bot', redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination(2));
}

export type { Logger };
