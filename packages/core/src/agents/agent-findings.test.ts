import { describe, expect, it } from 'vitest';
import { formatAge, formatSize } from './agent-findings';

describe('formatAge', () => {
  it.each([
    [45_000, '45 s', '45 s'],
    [12 * 60_000, '12 min', '12 min'],
    [30.5 * 3_600_000, '30.5 h', '30,5 h'],
    [3.5 * 86_400_000, '3.5 d', '3,5 j'],
  ])('%i ms is %s, in French %s', (ms, en, fr) => {
    expect(formatAge(ms)).toBe(en);
    expect(formatAge(ms, 'fr')).toBe(fr);
  });
});

describe('formatSize', () => {
  it.each([
    [512, '512 B', '512 o'],
    [10_000, '10 KB', '10 ko'],
    [120e6, '120 MB', '120 Mo'],
    [1.43e9, '1.43 GB', '1,43 Go'],
    [2e12, '2 TB', '2 To'],
  ])('%i bytes is %s, in French %s', (bytes, en, fr) => {
    expect(formatSize(bytes)).toBe(en);
    expect(formatSize(bytes, 'fr')).toBe(fr);
  });
});
