import { describe, expect, it } from 'vitest';
import { BooleanOptionSchema, DurationOptionSchema, inRanges, parseMilliseconds, StatusRangesSchema } from './options';

describe('parseMilliseconds', () => {
  it.each([
    ['250ms', 250],
    ['1.5ms', 1.5],
    ['2s', 2000],
    ['1m30s', 90_000],
    ['750', 750],
    ['fast', undefined],
    ['2 hours', undefined],
  ])('reads %s', (text, ms) => expect(parseMilliseconds(text)).toBe(ms));
});

describe('option schemas', () => {
  it('reads durations written as numbers or text', () => {
    expect(DurationOptionSchema.parse(120)).toBe(120);
    expect(DurationOptionSchema.parse('3s')).toBe(3000);
    expect(DurationOptionSchema.safeParse('soon').success).toBe(false);
  });

  it('reads booleans written as text on the command line', () => {
    expect(BooleanOptionSchema.parse('yes')).toBe(true);
    expect(BooleanOptionSchema.parse('FALSE')).toBe(false);
    expect(BooleanOptionSchema.safeParse('maybe').success).toBe(false);
  });

  it('reads status ranges and matches codes against them', () => {
    const ranges = StatusRangesSchema.parse('200-299, 301,404');
    expect(ranges).toEqual([
      [200, 299],
      [301, 301],
      [404, 404],
    ]);
    expect(inRanges(204, ranges)).toBe(true);
    expect(inRanges(302, ranges)).toBe(false);
    expect(StatusRangesSchema.parse(503)).toEqual([[503, 503]]);
    expect(StatusRangesSchema.safeParse('299-200').success).toBe(false);
  });
});
