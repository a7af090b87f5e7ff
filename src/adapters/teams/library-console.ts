/**
 * botbuilder reports some failures by printing them with `console.error` (a rejected token prints a stack trace
 * and the public key it tried). Output of that kind, made while the adapter handles a request, is routed to our
 * logger as one JSON line at debug level instead; the adapter logs its own line about what happened. Console
 * output made anywhere else is left alone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import type { CoreLogger } from '../../core/ports/logger.ts';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const MAX_CHARS = 2_000;
const scope = new AsyncLocalStorage<CoreLogger>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const level of LEVELS) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      const logger = scope.getStore();
      if (!logger) return original.apply(console, args);
      logger.debug(
        { library: 'botbuilder', console: level, output: format(...args).slice(0, MAX_CHARS) },
        'library console output',
      );
    };
  }
}

/** Runs `work` with library console output routed to `logger` (see the module comment). */
export function withLibraryConsoleRouted<T>(logger: CoreLogger, work: () => Promise<T>): Promise<T> {
  install();
  return scope.run(logger, work);
}
