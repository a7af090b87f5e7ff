/**
 * `TEAMS_LOCAL_NOAUTH=1` serves `/api/messages` without authentication, so the whole server listens on loopback
 * only. The real server runs as a child (`node bin/iop-bot.js serve`) and is probed from this machine's other
 * interfaces.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/private-redis.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** This machine's own addresses that are not loopback (where a server on every interface is also reachable). */
function outsideAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80'))
    .map((a) => a?.address ?? '');
}

/** Resolves with 'open' when a TCP connection to host:port succeeds, 'refused' when it is refused. */
function probe(host: string, port: number): Promise<'open' | 'refused' | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3_000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : String(error.code)),
    );
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('TEAMS_LOCAL_NOAUTH', () => {
  it('listens on 127.0.0.1 only, and says so', async () => {
    const outside = outsideAddresses();
    // The probe itself works here: a server on every interface is reachable on these addresses.
    const control = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => control.listen(0, resolve));
    const controlPort = (control.address() as { port: number }).port;
    for (const address of outside) expect(await probe(address, controlPort)).toBe('open');
    await new Promise<void>((resolve) => control.close(() => resolve()));

    const port = await freePort();
    const child = spawn(process.execPath, ['bin/iop-bot.js', 'serve'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TEAMS_LOCAL_NOAUTH: '1',
        STATE_STORE: 'memory',
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 30_000;
    while (!output.includes('IOP-assistenten is serving')) {
      if (child.exitCode !== null) throw new Error(`iop-bot serve exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`iop-bot serve did not start within 30 s:\n${output}`);
      await sleep(100);
    }

    expect(await probe('127.0.0.1', port)).toBe('open');
    expect(await probe('::1', port)).toBe('refused');
    for (const address of outside) expect(await probe(address, port)).toBe('refused');
    const serving = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'IOP-assistenten is serving');
    expect(serving).toMatchObject({ host: '127.0.0.1', port });
    const warning = output.split('\n').find((line) => line.includes('TEAMS_LOCAL_NOAUTH=1'));
    expect(warning).toMatch(/127\.0\.0\.1/);
  });
});
