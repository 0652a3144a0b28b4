import { describe, expect, it } from 'vitest';
import type { EscalationStep } from '@vigie/contract';
import { dueEscalationSteps, expectedDurationMs, nextEscalationAt } from './due-steps';
import type { IncidentStatus } from '../incidents/model';

const MIN = 60_000;
const HOUR = 60 * MIN;
const LADDER: EscalationStep[] = [
  { id: 'crisis', title: '> 60 min', after: HOUR, actions: [{ do: 'crisis-cell' }] },
  { id: 'long', title: '> 6 h', after: 6 * HOUR, actions: [{ do: 'crisis-cell', id: 'other' }] },
];
const START = Date.UTC(2026, 0, 5, 8, 0);

function incident(overrides: { etaIn?: number; status?: IncidentStatus; fired?: string[] } = {}) {
  return {
    startedAt: START,
    etaAt: overrides.etaIn === undefined ? null : START + overrides.etaIn,
    status: overrides.status ?? ('open' as IncidentStatus),
    firedSteps: overrides.fired ?? [],
  };
}

describe('dueEscalationSteps', () => {
  it.each([
    // description, target, eta, elapsed, fired, expected ids
    ['Patch Hermès (up to 4 h) enters the 60-minute step at once', 4 * HOUR, undefined, 0, [], ['crisis']],
    ['data loss (up to 1 h) does not enter it at once', HOUR, undefined, 0, [], []],
    ['data loss enters it when still open at 60 minutes', HOUR, undefined, HOUR, [], ['crisis']],
    ['data loss one minute before 60 minutes: nothing', HOUR, undefined, HOUR - MIN, [], []],
    ['a 20-minute target at 59 minutes: nothing', 20 * MIN, undefined, 59 * MIN, [], []],
    ['a 20-minute target at 60 minutes: the crisis step', 20 * MIN, undefined, HOUR, [], ['crisis']],
    ['no target: elapsed time alone, before', undefined, undefined, 59 * MIN, [], []],
    ['no target: elapsed time alone, at 60 minutes', undefined, undefined, HOUR, [], ['crisis']],
    ['no target: both steps at 6 hours', undefined, undefined, 6 * HOUR, [], ['crisis', 'long']],
    ['an ETA of 2 h enters the crisis step at once, even for a short target', 20 * MIN, 2 * HOUR, 0, [], ['crisis']],
    ['an ETA past 6 h starts the long step at once', 30 * MIN, 8 * HOUR, 10 * MIN, [], ['crisis', 'long']],
    ['an ETA of exactly 60 minutes is not greater than 60 minutes', 4 * HOUR, HOUR, 0, [], []],
    ['an ETA moved down to 30 min cancels the target’s expectation', 4 * HOUR, 30 * MIN, 10 * MIN, [], []],
    ['an ETA moved down does not stop elapsed time', 4 * HOUR, 30 * MIN, HOUR, [], ['crisis']],
    ['a step fires once', 4 * HOUR, undefined, 2 * HOUR, ['crisis'], []],
    ['the long step still fires after the crisis step', 4 * HOUR, undefined, 6 * HOUR, ['crisis'], ['long']],
    ['a 7-hour target enters both steps at once', 7 * HOUR, undefined, 0, [], ['crisis', 'long']],
  ])('%s', (_what, target, etaIn, elapsed, fired, expected) => {
    const due = dueEscalationSteps(incident({ etaIn, fired }), LADDER, { target }, START + elapsed);
    expect(due.map((s) => s.id)).toEqual(expected);
  });

  it.each(['resolved', 'closed'] as const)('fires nothing once the incident is %s', (status) => {
    expect(dueEscalationSteps(incident({ status }), LADDER, { target: 8 * HOUR }, START + 7 * HOUR)).toEqual([]);
  });
});

describe('expectedDurationMs', () => {
  it('is the ETA once set, else the target', () => {
    expect(expectedDurationMs(incident(), { target: 4 * HOUR })).toBe(4 * HOUR);
    expect(expectedDurationMs(incident({ etaIn: 2 * HOUR }), { target: 4 * HOUR })).toBe(2 * HOUR);
    expect(expectedDurationMs(incident(), { target: undefined })).toBeUndefined();
  });
});

describe('nextEscalationAt', () => {
  it('is the threshold of the first step not fired', () => {
    expect(nextEscalationAt(incident(), LADDER)).toBe(START + HOUR);
    expect(nextEscalationAt(incident({ fired: ['crisis'] }), LADDER)).toBe(START + 6 * HOUR);
    expect(nextEscalationAt(incident({ fired: ['crisis', 'long'] }), LADDER)).toBeUndefined();
    expect(nextEscalationAt(incident({ status: 'resolved' }), LADDER)).toBeUndefined();
  });
});
