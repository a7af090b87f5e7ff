import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../src/infra/heap-growth.ts';

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
