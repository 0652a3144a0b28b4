import { describe, expect, it } from 'vitest';
import { parseDateBound } from './date-bound';

const NOW = Date.UTC(2024, 5, 30, 12);

describe('parseDateBound', () => {
  it('reads a day in local time: its first millisecond as a start, its last as an end', () => {
    expect(parseDateBound('2024-05-01', 'from', NOW)).toBe(new Date(2024, 4, 1).getTime());
    expect(parseDateBound('2024-05-01', 'to', NOW)).toBe(new Date(2024, 4, 2).getTime() - 1);
  });

  it('reads a date and time, and a duration back from now', () => {
    expect(parseDateBound('2024-05-01T08:30:00Z', 'from', NOW)).toBe(Date.UTC(2024, 4, 1, 8, 30));
    expect(parseDateBound('7d', 'from', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseDateBound('12h', 'to', NOW)).toBe(NOW - 12 * 3_600_000);
  });

  it.each(['2024-02-30', '2024-13-01', 'yesterday', '01/05/2024', ''])('refuses %j', (text) => {
    expect(parseDateBound(text, 'from', NOW)).toBeUndefined();
  });
});
