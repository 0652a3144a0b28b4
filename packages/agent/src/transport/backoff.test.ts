import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it.each([
    [0, 0, 500],
    [0, 1, 1_000],
    [1, 0, 1_000],
    [3, 1, 8_000],
    [10, 1, 60_000],
    [10, 0, 30_000],
    [1000, 1, 60_000],
  ])('attempt %i with a draw of %f waits %i ms', (attempt, draw, expected) => {
    expect(backoffDelay(attempt, { baseMs: 1_000, maxMs: 60_000 }, () => draw)).toBe(expected);
  });

  it('spreads agents that fail together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(8_000);
  });
});
