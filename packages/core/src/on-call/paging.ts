import { formatDuration } from '@vigie/contract';
import type { IncidentWork } from '../incidents/incident-work';
import type { Job, JobKind } from '../incidents/records';

/** The timers that page the plan's next people while nobody acknowledges an incident. */
export const PAGING_TIMERS: JobKind[] = ['paging.unacknowledged'];

/**
 * Sets one timer per step of the plan's `communication.unacknowledged`, counted from the
 * incident's opening (or its reopening, `since`): each tells its people if nobody has taken
 * the incident in hand by then. The steps are copied into the timers, so that a new version
 * of the plan does not change an incident's paging.
 */
export async function schedulePaging(w: IncidentWork, since = w.incident.openedAt): Promise<void> {
  for (const [step, { after, to }] of w.plan.communication.unacknowledged.entries()) {
    const slot = since === w.incident.openedAt ? step : `${step}:${since}`;
    await w.schedule('paging.unacknowledged', since + after, { step, after, to }, slot);
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A paging timer fired: the incident is still open — nobody has acknowledged it or started
 * its restoration since it (re)opened —, its step's people are told.
 */
export async function pageUnacknowledged(w: IncidentWork, job: Job): Promise<void> {
  if (w.incident.status !== 'open') return;
  const step = Number(job.payload['step']);
  const after = Number(job.payload['after']);
  const to = stringList(job.payload['to']);
  const ref = `unacknowledged:${step}`;
  const people = (await w.people(to)).map((person) => person.name);
  await w.log(
    'duty',
    `Not acknowledged after ${formatDuration(after)}: paging ${people.join(', ') || 'nobody (no such recipient in the plan)'}`,
    { unacknowledged: true, afterMs: after, people },
    ref,
  );
  await w.notify('incident-unacknowledged', to, { ref, slot: step });
}
