// `npm run build` (and `prepare`, on install): compiles src/ into dist/ with tsc, then stamps the build so that
// bin/iop-bot.js starts from it until a source changes. With --if-possible (on install) a missing TypeScript (an
// install without dev dependencies) or a failed compile is reported and skipped: iop-bot then runs the sources
// through tsx, only slower to start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DIST_ENTRY, ROOT, STAMP } from '../bin/build-stamp.js';

const ifPossible = process.argv.includes('--if-possible');
const skip = (why) => {
  process.stderr.write(`iop-bot: no build (${why}); iop-bot compiles the sources as it loads them instead\n`);
  process.exit(0);
};

let tsc;
try {
  // Through package.json: TypeScript 7's exports map does not expose its bin script as a subpath.
  const manifest = createRequire(import.meta.url).resolve('typescript/package.json');
  tsc = join(dirname(manifest), 'bin', 'tsc');
  if (!existsSync(tsc)) throw new Error('no tsc');
} catch {
  if (ifPossible) skip('TypeScript is not installed');
  process.stderr.write('iop-bot: TypeScript is not installed (npm install installs it)\n');
  process.exit(1);
}

// Stamped with the time the build started: a source saved while it runs makes the build stale.
const startedAt = new Date();
rmSync(STAMP, { force: true });
// tsc's incremental record does not notice deleted output: without the output, start from scratch.
if (!existsSync(DIST_ENTRY)) rmSync(join(ROOT, 'dist', '.tsbuildinfo'), { force: true });
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
if (status !== 0) {
  if (ifPossible) skip(`tsc exited with ${status}`);
  process.exit(status ?? 1);
}
mkdirSync(dirname(STAMP), { recursive: true });
writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
utimesSync(STAMP, startedAt, startedAt);
