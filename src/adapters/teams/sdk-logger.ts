/**
 * The Teams SDK's logger interface over ours: the SDK (and MSAL under it) would otherwise print to the console.
 * Its lines become JSON lines tagged with the SDK logger's name; its `info` is chatty, so it goes to debug.
 */
import { format } from 'node:util';
import type { AppOptions, IPlugin } from '@microsoft/teams.apps';
import type { CoreLogger } from '../../core/ports/logger.ts';

/** The SDK's ILogger, as App takes it. */
export type SdkLogger = NonNullable<AppOptions<IPlugin>['logger']>;

const MAX_CHARS = 2_000;
type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';
const OURS: Record<Level, keyof CoreLogger> = {
  error: 'error',
  warn: 'warn',
  info: 'debug',
  debug: 'debug',
  trace: 'debug',
};

/** An SDK logger named `name` that writes to `logger`. */
export function sdkLogger(logger: CoreLogger, name = 'teams-sdk'): SdkLogger {
  // The SDK logs every activity at debug: formatting it only pays when the line is written (pino can tell).
  const enabled = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.bind(logger);
  const log = (level: Level, ...msg: unknown[]) => {
    const ours = OURS[level];
    if (enabled && !enabled(ours)) return;
    logger[ours]({ library: name, output: format(...msg).slice(0, MAX_CHARS) }, 'teams sdk');
  };
  return {
    debug: (...msg) => log('debug', ...msg),
    info: (...msg) => log('info', ...msg),
    warn: (...msg) => log('warn', ...msg),
    error: (...msg) => log('error', ...msg),
    trace: (...msg) => log('trace', ...msg),
    log: (level, ...msg) => log(level, ...msg),
    child: (child) => sdkLogger(logger, `${name}/${child}`),
  };
}
