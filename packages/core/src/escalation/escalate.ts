import { formatDuration } from '@vigie/contract';
import type { IncidentWork } from '../incidents/incident-work';
import { dueEscalationSteps, expectedDurationMs, nextEscalationAt } from './due-steps';
import { runDuty } from './run-duty';

/**
 * Fires every escalation step now due (each once), carries out its duties, and sets the
 * timer for the next step on elapsed time.
 */
export async function escalate(w: IncidentWork): Promise<void> {
  const threat = w.threat ?? { target: undefined };
  const due = dueEscalationSteps(w.incident, w.plan.escalation, threat, w.now);
  for (const step of due) {
    w.incident.firedSteps = [...w.incident.firedSteps, step.id];
    const elapsed = w.now - w.incident.startedAt;
    const expected = expectedDurationMs(w.incident, threat);
    const why =
      elapsed >= step.after
        ? `elapsed ${formatDuration(elapsed)}`
        : `expected duration ${formatDuration(expected ?? 0)} > ${formatDuration(step.after)}`;
    await w.log(
      'step',
      `${step.title} (${why})`,
      { after: step.after, elapsedMs: elapsed, expectedMs: expected ?? null },
      step.id,
    );
    for (const action of step.actions) await runDuty(w, step, action);
  }
  if (due.length) await w.save();
  const next = nextEscalationAt(w.incident, w.plan.escalation);
  if (next !== undefined) await w.schedule('escalation.evaluate', Math.max(next, w.now), {}, next);
}
