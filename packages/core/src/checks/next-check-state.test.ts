import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckResultStatus } from '@vigie/contract';
import { initialCheckMemory, type CheckMemory, type CheckPolicy } from './check-state';
import { nextCheckState } from './next-check-state';

const STATUS: Record<string, CheckResultStatus> = { u: 'up', g: 'degraded', d: 'down' };
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

function result(status: CheckResultStatus): CheckResult {
  return { status, latencyMs: 3, message: `probe said ${status}`, values: {} };
}

/** Plays a sequence such as `uddd` (u up, g degraded, d down; spaces ignored), one result per second. */
function play(sequence: string, policy: CheckPolicy, start: CheckMemory = initialCheckMemory()) {
  let memory = start;
  const transitions: string[] = [];
  [...sequence.replaceAll(' ', '')].forEach((letter, i) => {
    const step = nextCheckState({ checkId: 'c', memory, result: result(STATUS[letter]!), at: T0 + i * 1000, policy });
    memory = step.memory;
    if (step.transition) transitions.push(`${i}:${step.transition.from}>${step.transition.to}`);
  });
  return { memory, transitions };
}

const P32 = { failAfter: 3, recoverAfter: 2 };

describe('check state machine', () => {
  it.each([
    ['is up at its first up result', 'u', P32, ['0:unknown>up'], 'up'],
    ['stays unknown while failing fewer than failAfter times', 'dd', P32, [], 'unknown'],
    ['goes down from unknown after failAfter down results', 'ddd', P32, ['2:unknown>down'], 'down'],
    ['goes down after failAfter consecutive down results', 'uddd', P32, ['0:unknown>up', '3:up>down'], 'down'],
    ['ignores failures fewer than failAfter', 'uddu dd u', P32, ['0:unknown>up'], 'up'],
    ['comes back after recoverAfter up results', 'uddd uu', P32, ['0:unknown>up', '3:up>down', '5:down>up'], 'up'],
    [
      'needs recoverAfter consecutive good results to come back',
      'uddd udu u',
      P32,
      ['0:unknown>up', '3:up>down', '7:down>up'],
      'up',
    ],
    ['is degraded after failAfter degraded results', 'uggg', P32, ['0:unknown>up', '3:up>degraded'], 'degraded'],
    [
      'counts down results towards degraded until there are failAfter of them',
      'udgd',
      P32,
      ['0:unknown>up', '3:up>degraded'],
      'degraded',
    ],
    [
      'goes from degraded to down after failAfter down results',
      'uggg ddd',
      P32,
      ['0:unknown>up', '3:up>degraded', '6:degraded>down'],
      'down',
    ],
    [
      'recovers from down to degraded when the good results were not all up',
      'uddd gu u',
      P32,
      ['0:unknown>up', '3:up>down', '5:down>degraded', '6:degraded>up'],
      'up',
    ],
    [
      'is degraded at once with failAfter 1',
      'ug',
      { failAfter: 1, recoverAfter: 1 },
      ['0:unknown>up', '1:up>degraded'],
      'degraded',
    ],
    [
      'is down at once with failAfter 1',
      'ud',
      { failAfter: 1, recoverAfter: 1 },
      ['0:unknown>up', '1:up>down'],
      'down',
    ],
    [
      'flaps after five changes among the last ten results',
      'ududud',
      P32,
      ['0:unknown>up', '5:up>flapping'],
      'flapping',
    ],
    ['flaps between up and degraded too', 'ugugug', P32, ['0:unknown>up', '5:up>flapping'], 'flapping'],
    [
      'does not flap on two outages in ten results',
      'uudd duud dd',
      P32,
      ['0:unknown>up', '4:up>down', '6:down>up', '9:up>down'],
      'down',
    ],
    [
      'stays flapping while unstable, then settles after a calm stretch of five',
      'ududud dud dddd',
      P32,
      ['0:unknown>up', '5:up>flapping', '12:flapping>down'],
      'down',
    ],
    [
      'settles up after five up results in a row',
      'ududud uuuuu',
      P32,
      ['0:unknown>up', '5:up>flapping', '10:flapping>up'],
      'up',
    ],
    [
      'waits for failAfter identical results to settle when it is longer than the calm stretch',
      'ududud ddddddd',
      { failAfter: 8, recoverAfter: 2 },
      ['0:unknown>up', '5:up>flapping', '12:flapping>down'],
      'down',
    ],
    [
      'does not flap again at once after settling',
      'ududud dddd u',
      P32,
      ['0:unknown>up', '5:up>flapping', '9:flapping>down'],
      'down',
    ],
  ])('%s (%s)', (_name, sequence, policy, transitions, final) => {
    const played = play(sequence, policy);
    expect(played.transitions).toEqual(transitions);
    expect(played.memory.state).toBe(final);
  });

  it('carries the result and the time of the change, and remembers since when', () => {
    const down = play('uddd', P32);
    expect(down.memory.since).toBe(T0 + 3000);
    const step = nextCheckState({
      checkId: 'crm-web',
      memory: down.memory,
      result: result('up'),
      at: T0 + 9000,
      policy: { failAfter: 3, recoverAfter: 1 },
    });
    expect(step.transition).toEqual({
      checkId: 'crm-web',
      from: 'down',
      to: 'up',
      at: T0 + 9000,
      result: result('up'),
    });
    expect(step.memory.since).toBe(T0 + 9000);
    expect(step.memory.lastAt).toBe(T0 + 9000);
  });

  it('keeps since when the state does not change', () => {
    const up = play('uuuu', P32);
    expect(up.memory.since).toBe(T0);
  });

  it('resumes its counts from a stored memory, as after a restart', () => {
    const before = play('udd', P32).memory;
    const stored = JSON.parse(JSON.stringify(before)) as CheckMemory;
    expect(play('d', P32, stored).transitions).toEqual(['0:up>down']);
  });

  it('keeps at most the last ten statuses', () => {
    expect(play('uuuuuuuuuuuuuuud', P32).memory.recent).toBe('uuuuuuuuud');
  });
});
