import { describe, expect, it } from 'vitest';
import type { CheckResultStatus } from '@vigie/contract';
import { initialCheckMemory, isConfirmingChange, retryDelayOf, type CheckMemory } from './check-state';
import { nextCheckState } from './next-check-state';

const P32 = { failAfter: 3, recoverAfter: 2 };
const STATUS: Record<string, CheckResultStatus> = { u: 'up', g: 'degraded', d: 'down' };

/** After each result of `sequence` (u up, g degraded, d down): is the check confirming a change? */
function confirming(sequence: string, policy = P32): boolean[] {
  let memory: CheckMemory = initialCheckMemory();
  return [...sequence].map((letter, i) => {
    const result = { status: STATUS[letter]!, latencyMs: 1, message: letter, values: {} };
    memory = nextCheckState({ checkId: 'c', memory, result, at: i * 1000, policy }).memory;
    return isConfirmingChange(memory);
  });
}

describe('confirming a change of state', () => {
  it('holds from a failure until failAfter of them, and from a success until recoverAfter', () => {
    // up, two failures counted, down at the third, one success counted, up at the second.
    expect(confirming('udddduu')).toEqual([false, true, true, false, false, true, false]);
  });

  it('holds for a degraded result on an up check, and for a down result on a degraded one', () => {
    expect(confirming('ugggd')).toEqual([false, true, true, false, true]);
  });

  it('holds for a new check failing, and never with failAfter 1', () => {
    expect(confirming('dd')).toEqual([true, true]);
    expect(confirming('udu', { failAfter: 1, recoverAfter: 1 })).toEqual([false, false, false]);
  });

  it('does not hold for a flapping check', () => {
    const after = confirming('ududududu');
    expect(after.at(-1)).toBe(false);
  });
});

describe('the delay before a retry', () => {
  it('is a third of the interval to the second by default, at least a second, never longer than the interval', () => {
    expect(retryDelayOf({ every: 30_000 })).toBe(10_000);
    expect(retryDelayOf({ every: 5_000 })).toBe(2_000);
    expect(retryDelayOf({ every: 2_000 })).toBe(1_000);
    expect(retryDelayOf({ every: 500 })).toBe(500);
  });

  it('is the check’s own retryEvery when given, but never longer than its interval', () => {
    expect(retryDelayOf({ every: 60_000, retryEvery: 5_000 })).toBe(5_000);
    expect(retryDelayOf({ every: 60_000, retryEvery: 120_000 })).toBe(60_000);
  });
});
