import { describe, expect, it } from 'vitest';
import { combinedFigures, countSegments, figuresOf } from './availability';

const H = 3_600_000;
const DAY = 24 * H;
const T = Date.UTC(2026, 0, 5, 0, 0, 0);

describe('availability figures', () => {
  it('counts degraded as available but not as up', () => {
    expect(figuresOf({ up: 6, degraded: 2, down: 2 })).toEqual({
      up: 6,
      degraded: 2,
      down: 2,
      total: 10,
      availability: 0.8,
      upRatio: 0.6,
    });
  });

  it('has no ratio without results', () => {
    expect(figuresOf({ up: 0, degraded: 0, down: 0 }).availability).toBeNull();
  });

  it('averages checks, each weighing the same whatever its interval, leaving out those never measured', () => {
    const combined = combinedFigures([
      figuresOf({ up: 90, degraded: 0, down: 10 }),
      figuresOf({ up: 4, degraded: 0, down: 0 }),
      figuresOf({ up: 0, degraded: 0, down: 0 }),
    ]);
    expect(combined.total).toBe(104);
    expect(combined.availability).toBeCloseTo(0.95, 10);
    expect(combined.upRatio).toBeCloseTo(0.95, 10);
  });
});

describe('count segments', () => {
  it.each([
    [
      'within one hour, all raw',
      T + 10 * 60_000,
      T + 50 * 60_000,
      { rolledUntil: T + 5 * H, rawKeptFrom: T - 7 * DAY },
      [['raw', T + 10 * 60_000, T + 50 * 60_000]],
    ],
    [
      'whole hours from rollups, ragged edges raw',
      T + 30 * 60_000,
      T + 5 * H + 15 * 60_000,
      { rolledUntil: T + 6 * H, rawKeptFrom: T - 7 * DAY },
      [
        ['raw', T + 30 * 60_000, T + H],
        ['1h', T + H, T + 5 * H],
        ['raw', T + 5 * H, T + 5 * H + 15 * 60_000],
      ],
    ],
    [
      'raw beyond what is rolled up yet',
      T,
      T + 10 * H,
      { rolledUntil: T + 4 * H, rawKeptFrom: T - 7 * DAY },
      [
        ['1h', T, T + 4 * H],
        ['raw', T + 4 * H, T + 10 * H],
      ],
    ],
    [
      'all raw when nothing is rolled up',
      T + 1,
      T + 3 * H,
      { rolledUntil: undefined, rawKeptFrom: T - DAY },
      [
        ['raw', T + 1, T + H],
        ['raw', T + H, T + 3 * H],
      ],
    ],
    [
      'an edge older than the raw kept counts its whole hour',
      T - 30 * DAY + 20 * 60_000,
      T,
      { rolledUntil: T - H, rawKeptFrom: T - 7 * DAY },
      [
        ['1h', T - 30 * DAY, T - 30 * DAY + H],
        ['1h', T - 30 * DAY + H, T - H],
        ['raw', T - H, T],
      ],
    ],
    ['nothing for an empty period', T, T, { rolledUntil: T, rawKeptFrom: T }, []],
  ])('%s', (_name, from, to, known, expected) => {
    expect(countSegments(from, to, known).map((s) => [s.source, s.from, s.to])).toEqual(expected);
  });
});
