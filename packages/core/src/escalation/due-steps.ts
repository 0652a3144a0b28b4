import type { EscalationStep, ThreatDefinition } from '@vigie/contract';
import { isActive, type Incident } from '../incidents/model';

type EscalationView = Pick<Incident, 'startedAt' | 'etaAt' | 'status' | 'firedSteps'>;

/**
 * How long the interruption is expected to last: the technician's ETA once set, until
 * then the threat's target time; undefined when neither is known.
 */
export function expectedDurationMs(
  incident: Pick<Incident, 'startedAt' | 'etaAt'>,
  threat: Pick<ThreatDefinition, 'target'>,
): number | undefined {
  if (incident.etaAt !== null) return incident.etaAt - incident.startedAt;
  return threat.target;
}

/**
 * The steps of the ladder due now and not fired yet. A step with threshold T fires as
 * soon as the elapsed time reaches T, or the expected duration is greater than T
 * ("si la résolution de la panne est supérieure à 60 minutes").
 */
export function dueEscalationSteps(
  incident: EscalationView,
  ladder: readonly EscalationStep[],
  threat: Pick<ThreatDefinition, 'target'>,
  now: number,
): EscalationStep[] {
  if (!isActive(incident.status)) return [];
  const elapsed = now - incident.startedAt;
  const expected = expectedDurationMs(incident, threat);
  return ladder.filter(
    (step) =>
      !incident.firedSteps.includes(step.id) &&
      (elapsed >= step.after || (expected !== undefined && expected > step.after)),
  );
}

/** When the next step will be due on elapsed time alone, or undefined when none is left. */
export function nextEscalationAt(incident: EscalationView, ladder: readonly EscalationStep[]): number | undefined {
  if (!isActive(incident.status)) return undefined;
  const pending = ladder
    .filter((step) => !incident.firedSteps.includes(step.id))
    .map((step) => incident.startedAt + step.after);
  return pending.length ? Math.min(...pending) : undefined;
}
