import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { LOCALES, type Locale } from './core/model.ts';
import { runDoctor } from './cli/doctor-command.ts';
import { runConsoleChat, runDefault } from './main.ts';

const USAGE = `Usage: iop-bot [command]

Commands:
  (none) | serve                   serve Slack/Teams as configured; the console chat when none is configured
  chat [--user ID] [--lang sv|en]  console chat
  doctor                           check configuration, Redis, knowledge and checklists; says how to fix problems
  help                             this text`;

function parseLocale(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if ((LOCALES as readonly string[]).includes(value)) return value as Locale;
  throw new UsageError(`--lang must be sv or en, not "${value}"`);
}

class UsageError extends Error {}

/** Entry point of the `iop-bot` binary; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        await runDefault(loadConfig());
        return 0;
      case 'chat': {
        const { values } = parseArgs({
          args: rest,
          options: { user: { type: 'string' }, lang: { type: 'string' } },
          strict: true,
        });
        await runConsoleChat(loadConfig(), { userId: values.user ?? 'local', locale: parseLocale(values.lang) });
        return 0;
      }
      case 'doctor': {
        const result = await runDoctor();
        process.stdout.write(result.stdout);
        return result.exitCode;
      }
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 78;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`iop-bot: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
