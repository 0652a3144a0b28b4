import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('makes version 7 UUIDs that carry their time', () => {
    const id = timeOrderedId(Date.UTC(2026, 10, 29, 8, 30));
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 29, 8, 30));
  });

  it('sorts ids of later milliseconds after earlier ones, and never repeats one', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => timeOrderedId(1_790_000_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 10; i < ids.length; i += 10) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });
});
