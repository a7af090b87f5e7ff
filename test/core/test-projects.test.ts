import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNIT_TESTS } from '../projects.ts';

// What a unit test may not do: talk to Redis, start a server, a child process or a browser, or open a connection.
// Neither it nor any test helper it imports (transitively) may import such a module, and the test itself may not
// make a request, listen, spawn, or start a harness or stand-in.
const IO_MODULES = /from '(ioredis|bullmq|ws|playwright-core|node:child_process|node:http|node:https|node:net)'/;
const IO_CALLS =
  /\b(fetch|spawn|execFile|fork|createRuntime|testRedis|startPrivateRedis|startSlackWebApi|startBotConnector|startSlackHarness|startTeamsHarness|postSigned|postEvent|postCommand|postInteraction)\(|\.listen\(/;

/** Source without comments, so documentation may mention what the code must not do. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(dir, entry.name))
      : entry.name.endsWith('.test.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** `test/core/*.test.ts` as a regular expression (the only glob forms the list uses: `*` and `**`). */
function globRegExp(glob: string): RegExp {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '(.*/)?')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern}$`);
}

/** The file and every test helper it imports values from, transitively (sources under src/ are not followed). */
function withHelpers(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, specifier] of code(file).matchAll(/^import (?!type )[^;]*?from '(\.{1,2}\/[^']+)'/gms)) {
    const target = relative('.', resolve(dirname(file), specifier!));
    if (target.startsWith('test/')) withHelpers(target, seen);
  }
  return seen;
}

const unitFiles = testFiles('test').filter((file) => UNIT_TESTS.some((glob) => globRegExp(glob).test(file)));

describe('test projects', () => {
  it('names only files that exist in the unit project', () => {
    const all = testFiles('test');
    expect(UNIT_TESTS.filter((glob) => !all.some((file) => globRegExp(glob).test(file)))).toEqual([]);
    expect(unitFiles.length).toBeGreaterThan(20);
  });

  it('keeps Redis, servers, child processes and connections out of the unit project', () => {
    const offenders = unitFiles.flatMap((file) => {
      const helpers = [...withHelpers(file)].filter((f) => f !== file && IO_MODULES.test(code(f)));
      const itself = IO_CALLS.test(code(file)) || IO_MODULES.test(code(file));
      return [...(itself ? [file] : []), ...helpers.map((helper) => `${file} via ${helper}`)];
    });
    expect(offenders).toEqual([]);
  });
});
