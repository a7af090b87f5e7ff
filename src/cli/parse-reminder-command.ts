import { parseArgs } from 'node:util';
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import type { Locale } from '../core/model.ts';
import { parseReminder } from '../core/reminders/parse-reminder.ts';
import { MAX_AHEAD_YEARS } from '../core/reminders/time/horizon.ts';
import { instantOf, isKnownTimeZone, isValidWallDate } from '../core/reminders/time/wall-clock.ts';
import { formatInstant } from '../core/i18n/dates.ts';
import { type MessageKey as LocaleKey, translator } from '../core/i18n/translator.ts';

/** The messages under `reminders.parse` in locales/{sv,en}.json. */
type MessageKey = LocaleKey extends infer K ? (K extends `reminders.parse.${infer Rest}` ? Rest : never) : never;

const DEFAULT_TIME_ZONE = 'Europe/Stockholm';
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/iu;

/** What the `parse-reminder` command prints and the exit code the process should end with. */
export interface CommandOutput {
  stdout: string;
  exitCode: number;
}

function message(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  return translator(locale)(`reminders.parse.${key}`, params);
}

// The contract prints JSON as written in design.md: `{"ok": true, "due": …}`, with a space after ':' and ','.
function toJson(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${toJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** `--now` as an instant: ISO 8601 with an offset, or without one meaning wall-clock time in `timeZone`. */
function parseNow(value: string, timeZone: string): Date | null {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  const time = {
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Number(frac.padEnd(3, '0').slice(0, 3)),
  };
  if (!isValidWallDate(date) || time.hour > 23 || time.minute > 59 || time.second > 59) return null;
  if (zone === undefined) return instantOf(date, time, timeZone);
  const instant = new Date(value.trim().replace(' ', 'T'));
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function isLocale(value: string): value is Locale {
  return value === 'sv' || value === 'en';
}

function failure(locale: Locale, key: MessageKey, params: Record<string, string>, json: boolean): CommandOutput {
  const error = message(locale, key, params);
  return { stdout: `${json ? toJson({ ok: false, error }) : error}\n`, exitCode: 2 };
}

function errorKey(error: string, reason: string | undefined): MessageKey {
  if (error !== 'ambiguous') return error as MessageKey;
  if (reason === 'bare-number') return 'ambiguous-number';
  if (reason === 'range') return 'ambiguous-range';
  if (reason === 'weekday-mismatch') return 'ambiguous-weekday';
  return 'ambiguous';
}

// argv is what follows the command name. Prints `{"ok": true, "due", "text", "recurrence"}` and exits 0, or
// `{"ok": false, "error"}` with a message in the chosen language and exits 2. Without --json it prints a plain
// line (date, tab, text). --now defaults to the current time, --tz to Europe/Stockholm, --lang to sv.
/** `iop-bot parse-reminder "<text>" --now <ISO> --tz <IANA> [--lang sv|en] --json`. */
export function runParseReminderCommand(argv: string[], clock: () => Date = () => new Date()): CommandOutput {
  // Known before parseArgs can fail, so that even a usage error speaks the asked-for language.
  const langIndex = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const langArg = langIndex < 0 ? undefined : (argv[langIndex]!.split('=')[1] ?? argv[langIndex + 1]);
  const fallbackLocale: Locale = langArg === 'en' ? 'en' : 'sv';
  const jsonWanted = argv.includes('--json');

  let values: { now?: string; tz?: string; lang?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { now: { type: 'string' }, tz: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    // parseArgs explains at length how to pass a positional starting with '-'; the first sentence is enough.
    const detail = (error instanceof Error ? error.message : String(error)).split(/\.\s/u)[0] ?? '';
    return failure(fallbackLocale, 'cli-invalid-arguments', { message: detail }, jsonWanted);
  }
  const json = values.json === true;
  if (values.lang !== undefined && !isLocale(values.lang)) {
    return failure(fallbackLocale, 'cli-invalid-lang', { value: values.lang }, json);
  }
  const locale: Locale = values.lang ?? 'sv';
  const timeZone = values.tz ?? DEFAULT_TIME_ZONE;
  if (!isKnownTimeZone(timeZone)) return failure(locale, 'cli-invalid-tz', { value: timeZone }, json);
  const now = values.now === undefined ? clock() : parseNow(values.now, timeZone);
  if (now === null) return failure(locale, 'cli-invalid-now', { value: values.now ?? '' }, json);
  // Tolerate the command name itself when a caller passes the whole argv tail.
  const words = positionals[0] === 'parse-reminder' && positionals.length > 1 ? positionals.slice(1) : positionals;
  const text = words.join(' ');
  if (text.trim() === '') return failure(locale, 'cli-missing-text', {}, json);

  const result = parseReminder(text, { now, timeZone, locale });
  if (!result.ok) {
    const params: Record<string, string> = { ...result.detail, years: String(MAX_AHEAD_YEARS) };
    for (const key of ['date', 'limit'] as const) {
      const iso = result.detail?.[key];
      if (iso !== undefined) params[key] = formatInstant(new Date(iso), locale, timeZone, 'dateTime');
    }
    return failure(locale, errorKey(result.error, result.detail?.reason), params, json);
  }
  const due = formatISO(new TZDate(result.due.getTime(), timeZone));
  const recurrence = result.recurrence && { freq: result.recurrence.freq, interval: result.recurrence.interval };
  if (json) return { stdout: `${toJson({ ok: true, due, text: result.text, recurrence })}\n`, exitCode: 0 };
  const repeat = recurrence ? `\t${recurrence.freq}/${recurrence.interval}` : '';
  return {
    stdout: `${formatInstant(result.due, locale, timeZone, 'dateTime')}\t${result.text}${repeat}\n`,
    exitCode: 0,
  };
}
