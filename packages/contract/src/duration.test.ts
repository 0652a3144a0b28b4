import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['20m', 20 * 60_000],
    ['4h', 4 * 3_600_000],
    ['1h30m', 90 * 60_000],
    ['30s', 30_000],
    ['2d', 2 * 86_400_000],
    ['1y', 365 * 86_400_000],
    ['1.5h', 90 * 60_000],
    [' 15m ', 15 * 60_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '4', 'h', '4 hours', '-1h', '4x', 'm20'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [90 * 60_000, '1h30m'],
    [6 * 3_600_000, '6h'],
    [45_000, '45s'],
    [0, '0s'],
    [365 * 86_400_000, '1y'],
  ])('writes %d as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
