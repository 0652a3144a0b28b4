import { describe, expect, it } from 'vitest';
import { compactStrings } from './compact-strings';

describe('compactStrings', () => {
  it('copies plain data with the same strings, keys and undefined members', () => {
    const text = 'menace — espace-hmp';
    const data = {
      id: text.slice(9),
      title: text,
      list: [text.slice(0, 6), 3, true, null, { nested: text.slice(7, 8) }],
      optional: undefined,
    };
    const copy = compactStrings(data);
    expect(copy).toStrictEqual(data);
    expect(copy).not.toBe(data);
    expect(copy.list).not.toBe(data.list);
    expect('optional' in copy).toBe(true);
  });

  it('keeps what is not plain data as it is', () => {
    const pattern = /Hmp(Disk|Disque)(Full|Plein)/;
    const at = new Date(0);
    const copy = compactStrings({ pattern, at, items: [pattern] });
    expect(copy.pattern).toBe(pattern);
    expect(copy.at).toBe(at);
    expect(copy.items[0]).toBe(pattern);
  });
});
