import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBuildFresh } from '../../bin/build-stamp.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const BUILT_AT = new Date('2026-03-01T10:00:00Z');
const before = new Date(BUILT_AT.getTime() - 60_000);
const after = new Date(BUILT_AT.getTime() + 60_000);

/** A project folder as the build leaves it: sources older than the stamp, the compiled entry and the stamp. */
function builtProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'iop-build-stamp-'));
  roots.push(root);
  const write = (path: string, time: Date) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), time, time);
  };
  for (const source of ['src/cli.ts', 'src/core/bot.ts', 'locales/sv.json', 'tsconfig.json', 'tsconfig.build.json'])
    write(source, before);
  for (const dir of ['src/core', 'src', 'locales']) utimesSync(join(root, dir), before, before);
  write('dist/src/cli.js', BUILT_AT);
  write('dist/.built', BUILT_AT);
  return root;
}

describe('whether iop-bot starts from dist/', () => {
  it('uses a build made after every source it compiles', () => {
    expect(isBuildFresh(builtProject())).toBe(true);
  });

  it('does not use it once a source, a text or the compiler settings changed', () => {
    for (const changed of ['src/core/bot.ts', 'locales/sv.json', 'tsconfig.build.json']) {
      const root = builtProject();
      utimesSync(join(root, changed), after, after);
      expect(isBuildFresh(root)).toBe(false);
    }
  });

  it('does not use it when a source was added or removed', () => {
    const added = builtProject();
    writeFileSync(join(added, 'src/core/new-feature.ts'), '');
    expect(isBuildFresh(added)).toBe(false);
    const removed = builtProject();
    rmSync(join(removed, 'src/core/bot.ts'));
    expect(isBuildFresh(removed)).toBe(false);
  });

  it('does not use a build that never finished or was deleted', () => {
    const unfinished = builtProject();
    rmSync(join(unfinished, 'dist/.built'));
    expect(isBuildFresh(unfinished)).toBe(false);
    const deleted = builtProject();
    rmSync(join(deleted, 'dist/src/cli.js'));
    expect(isBuildFresh(deleted)).toBe(false);
  });
});
