import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN_IN_CORE = /from '(@slack\/|@microsoft\/|botbuilder|ioredis|bullmq|pino|node:fs|node:http|prom-client)/;

/** Source without comments, so documentation may mention what the code must not do. */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('architecture', () => {
  it('keeps the core free of platform, Redis and I/O packages', () => {
    const offenders = sourceFiles('src/core').filter((file) => FORBIDDEN_IN_CORE.test(code(file)));
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
