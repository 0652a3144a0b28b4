import { describe, expect, it } from 'vitest';
import { everyFr } from './french-durations';

describe('everyFr', () => {
  it.each([
    [30_000, 'toutes les 30 s'],
    [300_000, 'toutes les 5 min'],
    [2 * 3_600_000, 'toutes les 2 h'],
    [26 * 3_600_000, 'tous les 1 j 2 h'],
    [3 * 86_400_000, 'tous les 3 j'],
    [3_600_000, 'toutes les heures'],
    [86_400_000, 'tous les jours'],
  ])('%d ms', (ms, every) => {
    expect(everyFr(ms)).toBe(every);
  });
});
