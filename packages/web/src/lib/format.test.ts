import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDurationForHumans } from './format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatDurationForHumans', () => {
  it.each([
    [60 * MINUTE, 'fr', '60 min'],
    [15 * MINUTE, 'fr', '15 min'],
    [90 * MINUTE, 'fr', '90 min'],
    [6 * HOUR, 'fr', '6 h'],
    [DAY, 'fr', '24 h'],
    [7 * DAY, 'fr', '7 jours'],
    [30_000, 'fr', '30 s'],
    [60 * MINUTE, 'en', '60 mins'],
    [7 * DAY, 'en', '7 days'],
  ] as const)('says %i ms in %s as "%s"', (ms, language, expected) => {
    expect(formatDurationForHumans(ms, language).replace(/\s/g, ' ')).toBe(expected);
  });
});

describe('formatDateTime', () => {
  it('shows dates in the plan’s time zone (Douala is UTC+1)', () => {
    const text = formatDateTime(Date.UTC(2026, 0, 5, 8, 0), 'fr');
    expect(text).toContain('09:00');
    expect(text).toContain('2026');
  });
});
