import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDateTime,
  formatDurationForHumans,
  formatEvery,
  fromZonedInputValue,
  toZonedInputValue,
} from './format';

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

describe('formatEvery', () => {
  it.each([
    [MINUTE, 'fr', 'toutes les minutes'],
    [1_000, 'fr', 'toutes les secondes'],
    [5_000, 'fr', 'toutes les 5 s'],
    [60 * MINUTE, 'fr', 'toutes les 60 min'],
    [DAY, 'fr', 'toutes les 24 h'],
    [MINUTE, 'en', 'every minute'],
    [30_000, 'en', 'every 30 secs'],
  ] as const)('says how often %i ms is in %s: "%s"', (ms, language, expected) => {
    expect(formatEvery(ms, language).replace(/\s/g, ' ')).toBe(expected);
  });
});

describe('formatDateTime', () => {
  it('shows dates in the plan’s time zone (Douala is UTC+1)', () => {
    const text = formatDateTime(Date.UTC(2026, 0, 5, 8, 0), 'fr');
    expect(text).toContain('09:00');
    expect(text).toContain('2026');
  });
});

describe('formatClock', () => {
  it.each([
    [0, 'fr', '0 s'],
    [45_000, 'fr', '45 s'],
    [12 * MINUTE + 5_000, 'fr', '12 min 05 s'],
    [HOUR + 5 * MINUTE + 59_000, 'fr', '1 h 05 min'],
    [26 * HOUR, 'fr', '1 j 2 h'],
    [26 * HOUR, 'en', '1 d 2 h'],
    [-5_000, 'en', '0 s'],
  ] as const)('shows %i ms in %s as "%s"', (ms, language, expected) => {
    expect(formatClock(ms, language)).toBe(expected);
  });
});

describe('zoned datetime inputs', () => {
  it('reads a wall-clock time in Douala (UTC+1) as the right instant, and back', () => {
    const instant = fromZonedInputValue('2026-01-05T10:00', 'Africa/Douala');
    expect(instant).toBe(Date.UTC(2026, 0, 5, 9, 0));
    expect(toZonedInputValue(Date.UTC(2026, 0, 5, 9, 0), 'Africa/Douala')).toBe('2026-01-05T10:00');
  });

  it('follows daylight saving time in zones that have it', () => {
    expect(fromZonedInputValue('2026-07-01T12:00', 'Europe/Paris')).toBe(Date.UTC(2026, 6, 1, 10, 0));
    expect(fromZonedInputValue('2026-01-01T12:00', 'Europe/Paris')).toBe(Date.UTC(2026, 0, 1, 11, 0));
  });

  it('refuses a value that is not a date and time', () => {
    expect(fromZonedInputValue('tomorrow', 'Africa/Douala')).toBeNull();
  });
});
