import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before collecting again.
 * On a machine with plenty of memory V8 allows up to 300 % (a factor of 4). Under steady load — 64 turns in flight,
 * each one's objects outliving a few scavenges while it waits on Redis and Slack — the heap then settles near four
 * times the ~65 MiB that is actually live, and RSS near 400 MiB although nothing leaks (heap snapshots after 2,000
 * and 10,000 events retain the same). 30 % — the factor V8 itself uses when it saves memory — keeps the heap near
 * 1.3 times the live data: `npm run bench slack` measures RSS after 10,000 events (422 → 239 MiB); full
 * collections become more frequent, about 0.2 ms of main-thread time per event.
 */
export const HEAP_GROWING_PERCENT = 30;

/** Whether the node command line already says `flag` (dashes or underscores, `=value` or a separate value). */
const chosen = (execArgv: readonly string[], flag: RegExp) => execArgv.some((arg) => flag.test(arg));

/**
 * Caps V8's heap growing factor for this process, unless the operator chose one on the node command line
 * (`node --heap-growing-percent=N …`). V8 reads the flag each time it sets the next collection limit, so setting it
 * at run time takes effect from the next full collection on. Returns whether it set the flag.
 */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (chosen(execArgv, /^--heap[-_]growing[-_]percent\b/)) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

/**
 * The young generation's ceiling, per semi-space: Node 20's maximum. Node 24's V8 lets each of the two semi-spaces
 * grow to 64 MiB on a machine with a large heap limit, and once grown they stay committed: the serving process
 * then holds ~110 MiB of mostly empty young generation from start-up on (the knowledge index is built in one go
 * and survives many scavenges, which is what makes V8 grow it). 16 MiB per semi-space is ample for a turn's
 * short-lived objects; `npm run bench slack` measures RSS at start 231-242 → 143-147 MiB and after 10,000 events
 * 337-340 → 223 MiB. The price: more scavenges (~0.05 ms of GC per event under load) and ~0.1 s more CPU at
 * start-up, where the knowledge index is built with growth off.
 */
export const MAX_SEMI_SPACE_MIB = 16;

const MiB = 1024 * 1024;

/**
 * V8's semi-space growth factor for a young generation of `semiSpaceBytes` per semi-space: 2 (V8's default, it
 * doubles) while doubling stays within the ceiling, else 1 (it keeps its size).
 */
export function semiSpaceGrowthFactor(semiSpaceBytes: number, maxSemiSpaceBytes = MAX_SEMI_SPACE_MIB * MiB): 1 | 2 {
  return semiSpaceBytes * 2 <= maxSemiSpaceBytes ? 2 : 1;
}

/** The current size of one semi-space, from V8's statistics of its new space (two semi-spaces). */
function semiSpaceBytes(): number {
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return (newSpace?.space_size ?? 0) / 2;
}

export interface YoungGenerationOptions {
  execArgv?: readonly string[];
  setFlags?: (flags: string) => void;
  /** Current size of one semi-space in bytes. */
  semiSpaceBytes?: () => number;
  /** Calls `adjust` after every garbage collection; returns a function that stops. */
  afterEachGc?: (adjust: () => void) => () => void;
}

function afterEachGc(adjust: () => void): () => void {
  const observer = new PerformanceObserver(adjust);
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

/**
 * Keeps the young generation within MAX_SEMI_SPACE_MIB per semi-space. V8 reads its maximum only when the process
 * starts (`--max-semi-space-size`, which the operator may pass and which then wins); what it does read at run time
 * is the growth factor, applied when a scavenge decides to grow the new space. So growth stays off (factor 1)
 * until the first collection has been observed, and after each collection it is allowed (factor 2) only while one
 * doubling stays within the ceiling. Long synchronous work (building the knowledge index at start-up) runs with
 * growth off, since observers only run between tasks. Returns a function that stops observing, or undefined when
 * the operator sized the young generation on the node command line.
 */
export function limitYoungGeneration(options: YoungGenerationOptions = {}): (() => void) | undefined {
  const execArgv = options.execArgv ?? process.execArgv;
  if (chosen(execArgv, /^--(max[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)\b/)) return undefined;
  const setFlags = options.setFlags ?? setFlagsFromString;
  const semiSpace = options.semiSpaceBytes ?? semiSpaceBytes;
  let factor: number | undefined;
  const apply = (next: 1 | 2) => {
    if (next === factor) return;
    factor = next;
    setFlags(`--semi-space-growth-factor=${next}`);
  };
  apply(1);
  return (options.afterEachGc ?? afterEachGc)(() => apply(semiSpaceGrowthFactor(semiSpace())));
}
