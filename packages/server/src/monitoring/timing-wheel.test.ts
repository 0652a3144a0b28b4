import { describe, expect, it } from 'vitest';
import { TimingWheel } from './timing-wheel';

describe('timing wheel', () => {
  it('fires each value at the first advance at or after its due time, never before', () => {
    const wheel = new TimingWheel<string>(20, 8, 1_000);
    wheel.schedule('a', 1_030);
    wheel.schedule('b', 1_041);
    expect(wheel.advance(1_020)).toEqual([]);
    expect(wheel.advance(1_029)).toEqual([]);
    expect(wheel.advance(1_031)).toEqual(['a']);
    expect(wheel.advance(1_040)).toEqual([]);
    expect(wheel.advance(1_041)).toEqual(['b']);
    expect(wheel.size).toBe(0);
  });

  it('keeps values due beyond one turn of the wheel for a later turn', () => {
    const wheel = new TimingWheel<string>(10, 4, 0);
    wheel.schedule('later', 95);
    for (let t = 10; t < 95; t += 5) expect(wheel.advance(t)).toEqual([]);
    expect(wheel.advance(95)).toEqual(['later']);
  });

  it('catches up after a stall longer than a turn', () => {
    const wheel = new TimingWheel<number>(10, 4, 0);
    for (let i = 1; i <= 10; i++) wheel.schedule(i, i * 10);
    expect(wheel.advance(1_000).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('fires a value scheduled in the past at the next advance, and forgets a cancelled one', () => {
    const wheel = new TimingWheel<string>(10, 16, 500);
    const gone = wheel.schedule('gone', 520);
    wheel.schedule('past', 100);
    wheel.cancel(gone);
    expect(wheel.advance(530)).toEqual(['past']);
    expect(wheel.size).toBe(0);
  });

  it('fires values due in the current tick once their time comes, not a tick late', () => {
    const wheel = new TimingWheel<string>(20, 8, 1_000);
    wheel.schedule('soon', 1_005);
    wheel.schedule('later', 1_015);
    expect(wheel.advance(1_006)).toEqual(['soon']);
    expect(wheel.advance(1_016)).toEqual(['later']);
  });
});
