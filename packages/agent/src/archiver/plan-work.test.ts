import { describe, expect, it } from 'vitest';
import { planWork } from './plan-work';
import type { Recording } from './recording';

const rec = (name: string): Recording => ({ relativePath: name, absolutePath: `/r/${name}`, size: 1, mtimeMs: 0 });

describe('planWork: a rerun after a crash', () => {
  it('finishes the interrupted recordings first, even those the selection no longer picks', () => {
    const scanned = [rec('a'), rec('b'), rec('c'), rec('d')];
    const plan = planWork(['c', 'a'], scanned, [rec('a'), rec('b')]);
    expect(plan.work.map((r) => r.relativePath)).toEqual(['c', 'a', 'b']);
    expect(plan.recovered).toBe(2);
    expect(plan.gone).toEqual([]);
  });

  it('lists the interrupted recordings whose source is gone (archived then deleted, or removed by hand)', () => {
    const plan = planWork(['x', 'a'], [rec('a')], []);
    expect(plan.work.map((r) => r.relativePath)).toEqual(['a']);
    expect(plan.gone).toEqual(['x']);
  });

  it('is the selection alone after a clean run', () => {
    const plan = planWork([], [rec('a'), rec('b')], [rec('b')]);
    expect(plan).toEqual({ work: [rec('b')], recovered: 0, gone: [] });
  });
});
