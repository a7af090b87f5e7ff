import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKnowledgeCommand } from '../../src/cli/knowledge-command.ts';
import { loadConfig } from '../../src/config.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { KNOWLEDGE_DIR } from '../qa/support.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';

const prefix = uniquePrefix('knowledge-reload');
const redisKeys = testRedis(prefix);
let dir: string;
let runtimes: Runtime[];

const LERUM = `---
id: municipality-lerum
title: Lerums kommun – riktlinjer för IOP
language: sv
kind: municipality
municipality: {id: lerum, name: Lerum, aliases: [lerums kommun], contact: iop@lerum.se}
sources: [{title: Riktlinjer för IOP, publisher: Lerums kommun, kind: municipal}]
---

## Vilken uppsägningstid gäller för en IOP i Lerum?

Uppsägningstiden är sex månader.
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iop-reload-'));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  const config = loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    KNOWLEDGE_DIR: dir,
    LOG_LEVEL: 'silent',
  });
  runtimes = [
    await createRuntime(config, pino({ level: 'silent' }), { serving: true }),
    await createRuntime(config, pino({ level: 'silent' }), { serving: true }),
  ];
});
afterAll(async () => {
  for (const runtime of runtimes) await runtime.close();
  await redisKeys.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const reload = () =>
  runKnowledgeCommand(['reload'], {
    KNOWLEDGE_DIR: dir,
    DEFAULT_LOCALE: 'en',
    DEFAULT_MUNICIPALITY: undefined,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
  });

const hasLerum = (runtime: Runtime) =>
  runtime.municipalities.get('lerum') !== undefined &&
  runtime.knowledge.passages('sv').some((p) => p.heading === 'Vilken uppsägningstid gäller för en IOP i Lerum?');

describe('knowledge reload', () => {
  it('makes every running instance answer from the changed folder, without a restart', async () => {
    expect(runtimes.some(hasLerum)).toBe(false);
    await writeFile(join(dir, 'municipalities', 'lerum.sv.md'), LERUM);
    const result = await reload();
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.match(/^✔ .+: reloaded, \d+ documents/gm)).toHaveLength(2);
    expect(runtimes.every(hasLerum)).toBe(true);
    // The declared municipality is listed in Swedish alphabetical order among the others.
    const names = runtimes[0]?.municipalities.all().map((m) => m.name) ?? [];
    expect(names).toEqual([...names].sort(new Intl.Collator('sv').compare));
    expect(names).toContain('Lerum');
  });

  it('keeps the knowledge in use when a file is broken, and says which file on every instance', async () => {
    await writeFile(join(dir, 'municipalities', 'broken.sv.md'), '---\nid: broken\n---\n\n## Fråga?\n\nSvar.\n');
    const result = await reload();
    expect(result.exitCode).toBe(1);
    expect(result.stdout.match(/^✘ .+: kept the knowledge in use/gm)).toHaveLength(2);
    expect(result.stdout).toContain('broken.sv.md');
    expect(runtimes.every(hasLerum)).toBe(true);
  });
});
