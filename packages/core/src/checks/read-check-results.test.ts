import { describe, expect, it } from 'vitest';
import { pickResolution } from './read-check-results';

const H = 3_600_000;
const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

describe('result resolution', () => {
  it.each([
    ['the last hour, nothing pruned', NOW - H, undefined, 'raw'],
    ['a day within retention', NOW - 24 * H, NOW - 7 * 24 * H, 'raw'],
    ['an hour older than the raw results kept', NOW - 8 * 24 * H, NOW - 7 * 24 * H, '5m'],
    ['two days', NOW - 48 * H, undefined, '5m'],
    ['a quarter', NOW - 90 * 24 * H, undefined, '1h'],
  ])('%s → %s', (_name, from, rawKeptFrom, expected) => {
    expect(pickResolution(from, from === NOW - 8 * 24 * H ? from + H : NOW, rawKeptFrom)).toBe(expected);
  });
});
