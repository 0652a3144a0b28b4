import { describe, expect, it } from 'vitest';
import type { Plan } from '@vigie/contract';
import type { Incident } from '../incidents/model';
import { incidentMetrics } from './incident-metrics';

const PLAN = { threats: [{ id: 'energie' }, { id: 'reseau' }] } as unknown as Plan;
const incident = (threatId: string, status: Incident['status'], startedAt: number, drill = false): Incident =>
  ({ threatId, status, startedAt, drill }) as Incident;

describe('incident metrics', () => {
  const [count, oldest] = incidentMetrics(PLAN, [
    incident('energie', 'open', 5_000),
    incident('energie', 'mitigating', 3_000),
    incident('energie', 'resolved', 1_000),
    incident('energie', 'open', 500, true),
    incident('ancienne-menace', 'acknowledged', 7_000),
  ]);
  const counted = Object.fromEntries(
    count!.samples.map((s) => [`${s.labels['threat']} ${s.labels['status']}`, s.value]),
  );

  it('counts incidents per threat and status, every threat of the plan and status written, drills left out', () => {
    expect(counted).toEqual({
      'energie open': 1,
      'energie acknowledged': 0,
      'energie mitigating': 1,
      'energie resolved': 1,
      'reseau open': 0,
      'reseau acknowledged': 0,
      'reseau mitigating': 0,
      'reseau resolved': 0,
      'ancienne-menace open': 0,
      'ancienne-menace acknowledged': 1,
      'ancienne-menace mitigating': 0,
      'ancienne-menace resolved': 0,
    });
  });

  it('gives when the oldest incident not yet resolved of each threat began', () => {
    expect(oldest!.samples).toEqual([
      { labels: { threat: 'energie' }, value: 3 },
      { labels: { threat: 'ancienne-menace' }, value: 7 },
    ]);
  });
});
