import type { Plan } from '@vigie/contract';
import { expectedDurationMs } from '../escalation/due-steps';
import type { Incident } from './model';
import { isActive } from './model';
import type { CrisisCellMember, TimelineEntry } from './records';

export interface IncidentSummary extends Incident {
  elapsedMs: number;
  expectedMs: number | null;
  targetMs: number | null;
  nextEscalation: { stepId: string; title: string; at: number } | null;
}

/** An incident with its clock: elapsed and expected duration, and the next step of the ladder. */
export function summarizeIncident(incident: Incident, plan: Plan, now: number): IncidentSummary {
  const threat = plan.threats.find((t) => t.id === incident.threatId);
  const expected = expectedDurationMs(incident, { target: threat?.target });
  const pending = isActive(incident.status)
    ? plan.escalation
        .filter((step) => !incident.firedSteps.includes(step.id))
        .map((step) => ({ stepId: step.id, title: step.title, at: incident.startedAt + step.after }))
        .sort((a, b) => a.at - b.at)
    : [];
  return {
    ...incident,
    elapsedMs: (incident.resolvedAt ?? now) - incident.startedAt,
    expectedMs: expected ?? null,
    targetMs: threat?.target ?? null,
    nextEscalation: pending[0] ?? null,
  };
}

const CLIENT_VISIBLE_KINDS = new Set(['status', 'step', 'eta', 'cause', 'sitrep']);

/** What a client's user may read of a timeline: the course of events, not the internal chatter. */
export function timelineForClient(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .filter((e) => CLIENT_VISIBLE_KINDS.has(e.kind) || (e.kind === 'note' && e.data['public'] === true))
    .map((e) => ({ ...e, actor: e.actor === 'Vigie' ? e.actor : 'Media Contact', data: {} }));
}

/** Crisis cell members without their addresses, for a client's user. */
export function crisisCellForClient(members: CrisisCellMember[]): CrisisCellMember[] {
  return members.map((m) => ({ ...m, email: null }));
}
