import { describe, expect, it } from 'vitest';
import {
  HEAP_GROWING_PERCENT,
  limitHeapGrowth,
  limitYoungGeneration,
  MAX_SEMI_SPACE_MIB,
  semiSpaceGrowthFactor,
} from '../../src/infra/heap-growth.ts';

const MiB = 1024 * 1024;

describe('heap growth', () => {
  it("caps V8's heap growing factor well below its default of up to 300 %", () => {
    const set: string[] = [];
    expect(limitHeapGrowth([], (flags) => set.push(flags))).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    expect(HEAP_GROWING_PERCENT).toBeLessThanOrEqual(50);
  });

  it("leaves an operator's own choice on the node command line alone", () => {
    const set: string[] = [];
    for (const execArgv of [['--heap-growing-percent=0'], ['--heap_growing_percent', '80']]) {
      expect(limitHeapGrowth(execArgv, (flags) => set.push(flags))).toBe(false);
    }
    expect(set).toEqual([]);
  });
});

describe('young generation', () => {
  it('lets a semi-space double only while the doubled size stays within the ceiling', () => {
    const max = MAX_SEMI_SPACE_MIB * MiB;
    expect(semiSpaceGrowthFactor(1 * MiB)).toBe(2);
    expect(semiSpaceGrowthFactor(max / 2)).toBe(2);
    expect(semiSpaceGrowthFactor(max / 2 + 1)).toBe(1);
    expect(semiSpaceGrowthFactor(max)).toBe(1);
    // Grown past it anyway (a long synchronous task ran between two checks): it stays as it is.
    expect(semiSpaceGrowthFactor(4 * max)).toBe(1);
    expect(MAX_SEMI_SPACE_MIB).toBeLessThanOrEqual(16);
  });

  it('starts with growth off and sets the factor after each collection only when it changes', () => {
    const set: string[] = [];
    let semi = 1 * MiB;
    let collected: () => void = () => {};
    const stop = limitYoungGeneration({
      execArgv: [],
      setFlags: (flags) => set.push(flags),
      semiSpaceBytes: () => semi,
      afterEachGc: (adjust) => {
        collected = adjust;
        return () => {};
      },
    });
    expect(stop).toBeTypeOf('function');
    expect(set).toEqual(['--semi-space-growth-factor=1']);
    collected();
    collected();
    expect(set).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
    semi = MAX_SEMI_SPACE_MIB * MiB;
    collected();
    expect(set.at(-1)).toBe('--semi-space-growth-factor=1');
    // V8 shrank it again (an idle spell): growth is allowed again.
    semi = 2 * MiB;
    collected();
    expect(set.at(-1)).toBe('--semi-space-growth-factor=2');
    expect(set).toHaveLength(4);
  });

  it('leaves the young generation alone when the operator sized it on the node command line', () => {
    const set: string[] = [];
    for (const execArgv of [
      ['--max-semi-space-size=64'],
      ['--max_semi_space_size', '32'],
      ['--semi-space-growth-factor=3'],
    ]) {
      const stop = limitYoungGeneration({
        execArgv,
        setFlags: (flags) => set.push(flags),
        afterEachGc: () => () => {},
      });
      expect(stop).toBeUndefined();
    }
    expect(set).toEqual([]);
  });

  it('observes real collections in this process', () => {
    const stop = limitYoungGeneration({ execArgv: [], setFlags: () => {} });
    expect(stop).toBeTypeOf('function');
    stop?.();
  });
});
