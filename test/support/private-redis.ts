import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server of the test's own on a free loopback port (never the shared one at 6379), so a test can kill,
 * pause and restart it. By default it keeps nothing on disk and a restart comes back empty; `persistent` runs it
 * as production should (append-only file, fsync on every write), so a restart comes back with its data.
 */
export class PrivateRedis {
  private child: ChildProcess | undefined;
  private readonly dir: string | undefined;
  port = 0;

  constructor(options: { persistent?: boolean } = {}) {
    this.dir = options.persistent ? mkdtempSync(join(tmpdir(), 'iop-redis-')) : undefined;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it (on the same port as before, after a kill) and waits until it answers PING. */
  async start(): Promise<void> {
    this.port ||= await freePort();
    const storage = this.dir
      ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir]
      : ['--appendonly', 'no'];
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...storage],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    const probe = new Redis(this.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined); // refused connects while it starts are expected
    try {
      for (let attempt = 0; attempt < 100; attempt++) {
        if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${child.exitCode}`);
        try {
          if (probe.status !== 'ready') await probe.connect();
          if ((await probe.ping()) === 'PONG') return;
        } catch {
          probe.disconnect();
          await sleep(50);
        }
      }
      throw new Error(`redis-server on port ${this.port} did not answer`);
    } finally {
      probe.disconnect();
    }
  }

  /** SIGSTOP: it keeps its connections but answers nothing, like a hung server. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  /** A crash, not a polite shutdown (resumed first, in case a test left it paused). */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }
}
