import { spawnSync } from 'node:child_process';
import { isBuildFresh } from '../../bin/build-stamp.js';

/**
 * Global setup of the integration project: the tests that start `iop-bot` as a process run dist/ when it is a build
 * of the current sources (bin/iop-bot.js), so build it once here rather than have every one of those processes
 * compile the sources through tsx. A failed build is reported and skipped: they then run the sources, only slower.
 */
export default function buildOnce(): void {
  if (isBuildFresh()) return;
  spawnSync(process.execPath, ['scripts/build.js', '--if-possible'], { stdio: 'inherit' });
}
