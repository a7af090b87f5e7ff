#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step to forget): tsx compiles on load.
import { register } from 'tsx/esm/api';

// Node 24 LTS is the supported runtime; older lines still start (nothing here needs 24 yet) but are past or near
// their end of life, so say so once, on stderr, where it cannot mix with CLI output.
const SUPPORTED_NODE_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < SUPPORTED_NODE_MAJOR && !process.env.IOP_QUIET_NODE_WARNING) {
  process.stderr.write(
    `iop-bot: Node.js ${process.versions.node} is not supported; install Node.js ${SUPPORTED_NODE_MAJOR} LTS (it may still run, untested)\n`,
  );
}

register();
await import('../src/cli.ts');
