import { type DestinationStream, type Logger, pino } from 'pino';
import { maskSecrets, safeError, safeLogObject } from './log-safety.ts';

/**
 * JSON logs to stderr (stdout belongs to the console chat and to CLI output). Nothing secret gets through: every
 * logged object is made safe at any depth (errors keep only type, message, code, Slack error, status and stack;
 * secret-named keys are censored) and each line is searched for token-shaped text before it is written.
 */
export function createLogger(level: string, options: { name?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level,
      name: options.name ?? 'iop-bot',
      formatters: { log: safeLogObject },
      // Pino's own error serializer would copy every enumerable field again (request, config, headers).
      serializers: { err: safeError },
      hooks: { streamWrite: maskSecrets },
    },
    options.destination ?? pino.destination(2),
  );
}

export type { Logger };
