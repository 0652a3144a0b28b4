import { describe, expect, it } from 'vitest';
import { periodBounds } from './report-period';

const DOUALA = 'Africa/Douala';
const PARIS = 'Europe/Paris';
const DAY = 86_400_000;
// 2026-11-30 10:00 in Douala (UTC+1).
const NOW = Date.UTC(2026, 10, 30, 9, 0);

describe('periodBounds', () => {
  it('gives rolling periods back from now', () => {
    expect(periodBounds('7d', NOW, DOUALA)).toEqual({ from: NOW - 7 * DAY, to: NOW });
    expect(periodBounds('30d', NOW, DOUALA)).toEqual({ from: NOW - 30 * DAY, to: NOW });
  });

  it('gives calendar months from midnight in the plan’s time zone', () => {
    // 1 November 00:00 in Douala is 31 October 23:00 UTC.
    expect(periodBounds('this-month', NOW, DOUALA)).toEqual({ from: Date.UTC(2026, 9, 31, 23, 0), to: NOW });
    expect(periodBounds('last-month', NOW, DOUALA)).toEqual({
      from: Date.UTC(2026, 8, 30, 23, 0),
      to: Date.UTC(2026, 9, 31, 23, 0),
    });
    // January's last month is December of the year before.
    expect(periodBounds('last-month', Date.UTC(2027, 0, 10), DOUALA)).toEqual({
      from: Date.UTC(2026, 10, 30, 23, 0),
      to: Date.UTC(2026, 11, 31, 23, 0),
    });
  });

  it('gives chosen days from the first midnight to the one after the last, never past now', () => {
    expect(periodBounds('days', NOW, DOUALA, { first: '2026-11-02', last: '2026-11-08' })).toEqual({
      from: Date.UTC(2026, 10, 1, 23, 0),
      to: Date.UTC(2026, 10, 8, 23, 0),
    });
    expect(periodBounds('days', NOW, DOUALA, { first: '2026-11-29', last: '2026-12-05' })).toEqual({
      from: Date.UTC(2026, 10, 28, 23, 0),
      to: NOW,
    });
    // A day of 25 hours where clocks go back is counted whole.
    expect(periodBounds('days', NOW, PARIS, { first: '2026-10-25', last: '2026-10-25' })).toEqual({
      from: Date.UTC(2026, 9, 24, 22, 0),
      to: Date.UTC(2026, 9, 25, 23, 0),
    });
  });

  it('makes no period of days given backwards or not given', () => {
    expect(periodBounds('days', NOW, DOUALA, { first: '2026-11-08', last: '2026-11-02' })).toBeNull();
    expect(periodBounds('days', NOW, DOUALA, { first: '', last: '2026-11-02' })).toBeNull();
    expect(periodBounds('days', NOW, DOUALA)).toBeNull();
  });
});
