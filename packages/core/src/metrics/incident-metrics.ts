import type { Plan } from '@vigie/contract';
import type { Incident, IncidentStatus } from '../incidents/model';
import { metricFamily, seconds, type MetricFamily } from './metric-family';

/** The statuses of an incident not closed yet: a resolved one still waits for its report's signatures. */
export const UNCLOSED_STATUSES = [
  'open',
  'acknowledged',
  'mitigating',
  'resolved',
] as const satisfies readonly IncidentStatus[];

/**
 * Incidents not closed, counted per threat of the plan and status — every pair written, 0
 * included, so that an alerting rule finds its series before the first incident — and when
 * the oldest open one of each threat began. Drills are left out: they page no one.
 */
export function incidentMetrics(plan: Plan, incidents: readonly Incident[]): MetricFamily[] {
  const count = metricFamily(
    'vigie_incidents',
    'gauge',
    'Incidents not closed, per threat of the plan and status (open, acknowledged, mitigating, resolved); drills left out.',
  );
  const oldest = metricFamily(
    'vigie_incident_oldest_start_timestamp_seconds',
    'gauge',
    'When the interruption of the oldest incident not yet resolved of a threat began.',
  );
  const real = incidents.filter((incident) => !incident.drill);
  // A threat a newer plan dropped is still counted while its incidents are not closed.
  const threats = new Set([...plan.threats.map((t) => t.id), ...real.map((incident) => incident.threatId)]);
  for (const threat of threats) {
    const ofThreat = real.filter((incident) => incident.threatId === threat);
    for (const status of UNCLOSED_STATUSES)
      count.add({ threat, status }, ofThreat.filter((incident) => incident.status === status).length);
    const unresolved = ofThreat.filter((incident) => incident.status !== 'resolved');
    if (unresolved.length) oldest.add({ threat }, seconds(Math.min(...unresolved.map((i) => i.startedAt))));
  }
  return [count, oldest];
}
