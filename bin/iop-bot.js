#!/usr/bin/env node
// Starts from the compiled JavaScript in dist/ (built on install, `npm run build` after changes) when it is a build
// of the sources as they are; otherwise runs the TypeScript sources through tsx, which compiles them as it loads
// them: the same program, several seconds slower to start.
import { isBuildFresh } from './build-stamp.js';

// Node 24 LTS is the supported runtime; older lines still start (nothing here needs 24 yet) but are past or near
// their end of life, so say so once, on stderr, where it cannot mix with CLI output.
const SUPPORTED_NODE_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < SUPPORTED_NODE_MAJOR && !process.env.IOP_QUIET_NODE_WARNING) {
  process.stderr.write(
    `iop-bot: Node.js ${process.versions.node} is not supported; install Node.js ${SUPPORTED_NODE_MAJOR} LTS (it may still run, untested)\n`,
  );
}

if (isBuildFresh()) {
  await import('../dist/src/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
