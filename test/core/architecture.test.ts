import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Packages the core may use: validation and date arithmetic. Everything else comes in through a port. */
// docx builds a Word document in memory: no platform, no I/O (the checklist export).
const ALLOWED_PACKAGES = ['zod', 'chrono-node', 'date-fns', '@date-fns/tz', 'docx'];

/** Source without comments, so documentation may mention what the code must not do. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every module specifier the file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const source = code(file);
  const found = [...source.matchAll(/(?:^|\s)(?:import|export)\b[^'"]*?\bfrom\s*'([^']+)'/g)].map((m) => m[1] ?? '');
  const bare = [...source.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
  const dynamic = [...source.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? '');
  return [...found, ...bare, ...dynamic];
}

/** The package a bare specifier names: `date-fns/addDays` → `date-fns`, `@date-fns/tz` → `@date-fns/tz`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
}

/** True when `specifier`, imported by `file`, stays inside src/core or is an allowed package or a node built-in. */
function allowedInCore(file: string, specifier: string): boolean {
  if (specifier.startsWith('.')) {
    const target = normalize(join(dirname(file), specifier));
    // The message catalogues are data the translator reads, not code.
    return target.startsWith(`${join('src', 'core')}/`) || /^locales\/[a-z]{2}\.json$/.test(target);
  }
  if (specifier.startsWith('node:')) return true;
  if (builtinModules.includes(specifier)) return true;
  return ALLOWED_PACKAGES.includes(packageOf(specifier));
}

describe('architecture', () => {
  it('lets the core import only itself, node built-ins and its few allowed packages', () => {
    const offenders = sourceFiles('src/core').flatMap((file) =>
      importsOf(file)
        .filter((specifier) => !allowedInCore(file, specifier))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('flags an import of infrastructure from the core', () => {
    expect(allowedInCore('src/core/bot.ts', '../infra/logger.ts')).toBe(false);
    expect(allowedInCore('src/core/qa/x.ts', '../../adapters/slack/render.ts')).toBe(false);
    expect(allowedInCore('src/core/bot.ts', 'ioredis')).toBe(false);
    expect(allowedInCore('src/core/bot.ts', 'node:crypto')).toBe(true);
    expect(allowedInCore('src/core/reminders/when.ts', 'date-fns/addDays')).toBe(true);
    expect(allowedInCore('src/core/reminders/when.ts', './parse/horizon.ts')).toBe(true);
    expect(allowedInCore('src/core/i18n/translator.ts', '../../../locales/sv.json')).toBe(true);
    expect(allowedInCore('src/core/i18n/translator.ts', '../../../package.json')).toBe(false);
  });

  it('keeps time-zone arithmetic in reminders/time (and date formatting in i18n/dates.ts)', () => {
    const home = (file: string) =>
      file.startsWith(join('src', 'core', 'reminders', 'time')) || file.endsWith(join('i18n', 'dates.ts'));
    const offenders = sourceFiles('src/core').filter(
      (file) => !home(file) && importsOf(file).some((specifier) => /^(@date-fns\/tz|date-fns)(\/|$)/.test(specifier)),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in config.ts', () => {
    const offenders = sourceFiles('src').filter(
      (file) => !file.endsWith('config.ts') && /process\.env/.test(code(file)),
    );
    expect(offenders).toEqual([]);
  });

  it('never asks the system clock inside the core', () => {
    const offenders = sourceFiles('src/core').filter((file) => /new Date\(\)|Date\.now\(\)/.test(code(file)));
    expect(offenders).toEqual([]);
  });
});
