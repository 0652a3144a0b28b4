import { describe, expect, it } from 'vitest';
import { HEAP_GROWTH_PERCENT, limitHeapGrowth } from './heap-growth';

describe('limitHeapGrowth', () => {
  it('sets V8’s heap growth for the server', () => {
    const set: string[] = [];
    expect(limitHeapGrowth(['--enable-source-maps', ''], (flags) => set.push(flags))).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`]);
  });

  it('keeps a growth given on the command line or in NODE_OPTIONS', () => {
    const set: string[] = [];
    expect(limitHeapGrowth(['--heap-growing-percent=80'], (flags) => set.push(flags))).toBe(false);
    expect(limitHeapGrowth(['', '--max-old-space-size=512 --heap_growing_percent=10'], (f) => set.push(f))).toBe(false);
    expect(set).toEqual([]);
  });
});
