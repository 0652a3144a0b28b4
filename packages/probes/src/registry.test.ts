import { describe, expect, it } from 'vitest';
import { PROBE_KINDS } from '@vigie/contract';
import { isActiveProbeKind, PROBES } from './registry';

describe('probe registry', () => {
  it('has a probe for every kind of the plan format but the passive ones', () => {
    const active = PROBE_KINDS.filter((kind) => kind !== 'heartbeat' && kind !== 'agent');
    expect(Object.keys(PROBES).sort()).toEqual([...active].sort());
  });

  it('files each probe under its own kind', () => {
    for (const [kind, probe] of Object.entries(PROBES)) expect(probe.kind).toBe(kind);
  });

  it('tells active kinds from the rest', () => {
    expect(isActiveProbeKind('sip-options')).toBe(true);
    expect(isActiveProbeKind('heartbeat')).toBe(false);
    expect(isActiveProbeKind('toString')).toBe(false);
  });
});
