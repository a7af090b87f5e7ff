import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { isIopError } from './core/errors.ts';
import { LOCALES, type Locale } from './core/model.ts';
import { limitHeapGrowth, limitYoungGeneration } from './infra/heap-growth.ts';

// Each command's modules are loaded when that command runs: the server process then never holds what only the
// one-off commands use (the guideline importers' mammoth, turndown and pdf.js among them).

const USAGE = `Usage: iop-bot [command]

Commands:
  (none) | serve                   serve Slack/Teams as configured; the console chat when none is configured
  chat [--user ID] [--lang sv|en]  console chat
  ask "<question>" [--lang sv|en] [--municipality ID] [--json]
                                   answer one question from the knowledge base, with sources
  knowledge import <file.docx|.pdf|.html|.md> --municipality ID --lang sv|en [--out PATH]
                                   write a draft knowledge document from a municipality's guideline
  knowledge check [DIR]            validate the knowledge folder as start-up does, plus advice; exit 1 on errors
  knowledge reload                 make every running instance reload the knowledge folder (needs REDIS_URL)
  feedback export [--out file.csv] [--separator ';'|','] [--raw]
                                   what content owners can act on, for Excel (no user ids)
  feedback report                  a short summary: top gaps and worst-rated sections
  checklist list | show <id> | evaluate <id> --answers ja,nej,osäker,… [--json] [--lang sv|en]
                                   inspect the eligibility checklists; evaluate prints the outcome for the answers
  parse-reminder "<text>" --now <ISO> --tz <IANA> [--lang sv|en] [--json]
                                   read a reminder phrase: when it falls due, its text and how it repeats
  doctor                           check configuration, Redis, knowledge and checklists; says how to fix problems
  help                             this text`;

function parseLocale(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if ((LOCALES as readonly string[]).includes(value)) return value as Locale;
  throw new UsageError(`--lang must be sv or en, not "${value}"`);
}

class UsageError extends Error {}

/** sysexits.h: configuration error. */
const EX_CONFIG = 78;

/** Takes `--lang sv|en` (or `--lang=en`) out of a subcommand's arguments. */
function takeLang(args: string[]): { locale: Locale | undefined; args: string[] } {
  const rest: string[] = [];
  let locale: Locale | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--lang') locale = parseLocale(args[++i] ?? '');
    else if (arg.startsWith('--lang=')) locale = parseLocale(arg.slice('--lang='.length));
    else rest.push(arg);
  }
  return { locale, args: rest };
}

/** Entry point of the `iop-bot` binary; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  limitHeapGrowth();
  try {
    switch (command) {
      case 'serve': {
        // A long-running process: its young generation is kept to the size it needs (heap-growth.ts).
        limitYoungGeneration();
        const { runDefault } = await import('./main.ts');
        await runDefault(loadConfig());
        return 0;
      }
      case 'chat': {
        const { runConsoleChat } = await import('./main.ts');
        const { values } = parseArgs({
          args: rest,
          options: { user: { type: 'string' }, lang: { type: 'string' } },
          strict: true,
        });
        await runConsoleChat(loadConfig(), { userId: values.user ?? 'local', locale: parseLocale(values.lang) });
        return 0;
      }
      case 'checklist': {
        const config = loadConfig();
        const { locale, args } = takeLang(rest);
        const { loadChecklistKnowledge } = await import('./infra/checklist-loader.ts');
        const { runChecklistCommand } = await import('./cli/checklist-command.ts');
        const { checklists } = await loadChecklistKnowledge(config.KNOWLEDGE_DIR);
        const result = runChecklistCommand(args, { checklists, locale: locale ?? config.DEFAULT_LOCALE });
        process.stdout.write(result.stdout);
        return result.exitCode;
      }
      case 'ask':
      case 'knowledge':
      case 'feedback': {
        const config = loadConfig();
        const result =
          command === 'ask'
            ? await (await import('./cli/ask-command.ts')).runAskCommand(rest, config)
            : command === 'knowledge'
              ? await (await import('./cli/knowledge-command.ts')).runKnowledgeCommand(rest, config)
              : await (await import('./cli/feedback-command.ts')).runFeedbackCommand(rest, config);
        process.stdout.write(result.stdout);
        process.stderr.write(result.stderr);
        return result.exitCode;
      }
      case 'parse-reminder': {
        const { runParseReminderCommand } = await import('./cli/parse-reminder-command.ts');
        const result = runParseReminderCommand(rest);
        process.stdout.write(result.stdout);
        return result.exitCode;
      }
      case 'doctor': {
        const { runDoctor } = await import('./cli/doctor-command.ts');
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
    // A deployment mistake (environment, knowledge files): the message names the variable or the file and field,
    // and EX_CONFIG tells a supervisor that restarting will not help.
    if (error instanceof ConfigError || isIopError(error, 'knowledge_invalid')) {
      process.stderr.write(`${error.message}\n`);
      return EX_CONFIG;
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
