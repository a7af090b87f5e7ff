// Whether dist/ holds a build of the current sources. The build writes dist/.built last and dates it to when it
// started, so a source saved during or after a build is newer than the stamp and the build counts as stale.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST_ENTRY = join(ROOT, 'dist', 'src', 'cli.js');
export const STAMP = join(ROOT, 'dist', '.built');

/** What the build reads: the sources, the texts they import, and the compiler settings. */
const INPUTS = ['src', 'locales', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtimeMs(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs; // a deleted or renamed file changes its folder's time
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

/** True when `root`/dist was built from the sources as they are now (a few hundred stat calls, milliseconds). */
export function isBuildFresh(root = ROOT) {
  const stamp = statSync(join(root, 'dist', '.built'), { throwIfNoEntry: false });
  if (!stamp || !statSync(join(root, 'dist', 'src', 'cli.js'), { throwIfNoEntry: false })) return false;
  return INPUTS.every((input) => newestMtimeMs(join(root, input)) <= stamp.mtimeMs);
}
