import { describe, expect, it } from 'vitest';
import { nextHandover } from './handover';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const weekly = {
  id: 'astreinte',
  title: 'Astreinte',
  people: ['awa', 'bruno'],
  every: 7 * DAY,
  from: '2026-01-05T08:00:00+01:00',
};
const FIRST = Date.parse(weekly.from);

describe('nextHandover', () => {
  it('is the end of the turn under way, strictly after the instant given', () => {
    expect(nextHandover(weekly, [], FIRST + DAY, 'Africa/Douala')).toBe(FIRST + 7 * DAY);
    expect(nextHandover(weekly, [], FIRST, 'Africa/Douala')).toBe(FIRST + 7 * DAY);
    expect(nextHandover(weekly, [], FIRST - 1, 'Africa/Douala')).toBe(FIRST);
  });

  it('is a replacement’s start or end when one comes first', () => {
    const cover = {
      id: 'r',
      personId: 'chantal',
      from: FIRST + 2 * DAY,
      to: FIRST + 3 * DAY,
      reason: null,
      createdAt: 0,
    };
    expect(nextHandover(weekly, [cover], FIRST + DAY, 'Africa/Douala')).toBe(cover.from);
    expect(nextHandover(weekly, [cover], cover.from, 'Africa/Douala')).toBe(cover.to);
    expect(nextHandover(weekly, [cover], cover.to, 'Africa/Douala')).toBe(FIRST + 7 * DAY);
  });
});
