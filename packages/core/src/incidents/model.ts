import type { Severity } from '@vigie/contract';

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'mitigating', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An interruption of service being handled, from its start to its closure. */
export interface Incident {
  id: string;
  /** A short number people can say on the phone (INC-42). */
  number: number;
  threatId: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  assets: string[];
  clients: string[];
  /** When the interruption began (may precede the opening). */
  startedAt: number;
  openedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  /** The technician's estimate of when service is back; null until set. */
  etaAt: number | null;
  /** The cause as known so far, told to the client. */
  cause: string | null;
  summary: string | null;
  /** Where it came from: a person, a detection, an alert. */
  source: string;
  dedupKey: string;
  planVersion: number;
  /** Escalation steps already fired: each fires once. */
  firedSteps: string[];
  /** Set by a drill: an exercise that sends nothing to real people. */
  drill: boolean;
  updatedAt: number;
}

/** Statuses in which the interruption is still going on. */
export function isActive(status: IncidentStatus): boolean {
  return status === 'open' || status === 'acknowledged' || status === 'mitigating';
}

const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['acknowledged', 'mitigating', 'resolved'],
  acknowledged: ['mitigating', 'resolved'],
  mitigating: ['resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

/** Whether an incident may move from one status to another (reopening goes back to open). */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
