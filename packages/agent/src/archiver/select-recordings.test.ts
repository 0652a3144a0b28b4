import { describe, expect, it } from 'vitest';
import type { Recording } from './recording';
import { bytesToReachFree, selectRecordings } from './select-recordings';

const NOW = Date.UTC(2024, 5, 30, 12);
const DAY = 86_400_000;
const MIN = 60_000;

function recording(name: string, ageMs: number, size = 100): Recording {
  return { relativePath: name, absolutePath: `/rec/${name}`, size, mtimeMs: NOW - ageMs };
}

const names = (recordings: Recording[]) => recordings.map((r) => r.relativePath);

describe('selectRecordings', () => {
  const tree = [
    recording('b-40d.wav', 40 * DAY),
    recording('a-31d.wav', 31 * DAY),
    recording('c-30d.wav', 30 * DAY),
    recording('d-29d.wav', 29 * DAY),
    recording('e-1h.wav', 60 * MIN),
    recording('f-now.wav', 1_000),
  ];

  it.each([
    { olderThan: 30 * DAY, expected: ['b-40d.wav', 'a-31d.wav', 'c-30d.wav'] },
    { olderThan: 31 * DAY, expected: ['b-40d.wav', 'a-31d.wav'] },
    { olderThan: 41 * DAY, expected: [] },
    { olderThan: 0, expected: ['b-40d.wav', 'a-31d.wav', 'c-30d.wav', 'd-29d.wav', 'e-1h.wav'] },
  ])(
    'selects by age: older than $olderThan ms, oldest first, never younger than min-age',
    ({ olderThan, expected }) => {
      const selection = selectRecordings(tree, { olderThanMs: olderThan, minAgeMs: 10 * MIN }, undefined, NOW);
      expect(names(selection.recordings)).toEqual(expected);
      expect(selection.bytesToFree).toBe(0);
    },
  );

  it('frees space oldest first until the goal is reached, and no further', () => {
    const space = { totalBytes: 10_000, freeBytes: 1_750 }; // 17.5 % free, goal 20 %: 250 bytes to free
    const selection = selectRecordings(tree, { minFreePercent: 20, minAgeMs: 10 * MIN }, space, NOW);
    expect(selection.bytesToFree).toBe(250);
    expect(names(selection.recordings)).toEqual(['b-40d.wav', 'a-31d.wav', 'c-30d.wav']);
    expect(selection.shortfallBytes).toBe(0);
  });

  it('selects nothing by space when the volume already has the free space asked', () => {
    const selection = selectRecordings(
      tree,
      { minFreePercent: 20, minAgeMs: 0 },
      { totalBytes: 1000, freeBytes: 200 },
      NOW,
    );
    expect(selection.recordings).toEqual([]);
  });

  it('counts the old recordings towards the space goal before taking younger ones', () => {
    const space = { totalBytes: 10_000, freeBytes: 1_700 }; // 300 bytes to free
    const selection = selectRecordings(tree, { olderThanMs: 35 * DAY, minFreePercent: 20, minAgeMs: 0 }, space, NOW);
    expect(names(selection.recordings)).toEqual(['b-40d.wav', 'a-31d.wav', 'c-30d.wav']);
  });

  it('reports the shortfall when even every eligible recording is not enough, and spares the young ones', () => {
    const space = { totalBytes: 10_000, freeBytes: 0 };
    const selection = selectRecordings(tree, { minFreePercent: 50, minAgeMs: 2 * 60 * MIN }, space, NOW);
    expect(names(selection.recordings)).toEqual(['b-40d.wav', 'a-31d.wav', 'c-30d.wav', 'd-29d.wav']);
    expect(selection.shortfallBytes).toBe(5_000 - 400);
  });

  it('breaks ties of equal age by path, so runs choose the same recordings', () => {
    const twins = [recording('z.wav', DAY), recording('m.wav', DAY), recording('a.wav', DAY)];
    const selection = selectRecordings(twins, { olderThanMs: DAY, minAgeMs: 0 }, undefined, NOW);
    expect(names(selection.recordings)).toEqual(['a.wav', 'm.wav', 'z.wav']);
  });

  it('computes the bytes to free from the percentage of the volume', () => {
    expect(bytesToReachFree({ totalBytes: 1000, freeBytes: 100 }, 15)).toBe(50);
    expect(bytesToReachFree({ totalBytes: 1000, freeBytes: 150 }, 15)).toBe(0);
    expect(bytesToReachFree({ totalBytes: 1000, freeBytes: 300 }, 15)).toBe(0);
  });
});
