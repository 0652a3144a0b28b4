import { SYSTEM_ACTOR } from '../auth/roles';
import { escalate } from '../escalation/escalate';
import type { EngineContext } from '../incidents/context';
import type { IncidentWork } from '../incidents/incident-work';
import { isActive } from '../incidents/model';
import type { Job } from '../incidents/records';
import { withIncident } from '../incidents/with-incident';
import type { IncidentNotificationEvent } from '../notifications/events';
import { pageUnacknowledged } from '../on-call/paging';

/** The crisis manager(s), else the whole crisis cell, else the team. */
function crisisManagers(w: IncidentWork): string[] {
  const managers = w.plan.crisisCell?.members.filter((m) => m.role === 'crisis-manager').map((m) => m.who) ?? [];
  return managers.length ? managers : owners(w);
}

function owners(w: IncidentWork): string[] {
  return w.plan.crisisCell && w.incident.firedSteps.length ? ['crisis-cell'] : ['team'];
}

async function sitrepDue(w: IncidentWork, job: Job): Promise<void> {
  const dutyId = String(job.payload['dutyId']);
  const dueAt = Number(job.payload['dueAt']);
  const duty = await w.tx.duties.find(w.incident.id, dutyId);
  // A SITREP posted since this timer was set moved the due time: the timer is stale.
  if (!duty || duty.status !== 'active' || duty.dueAt !== dueAt || !isActive(w.incident.status)) return;
  const grace = Number(duty.data['grace']);
  await w.log('duty', `${duty.title}: due now`, { dueAt }, dutyId);
  await w.notify('sitrep-reminder', crisisManagers(w), { ref: dutyId, slot: dueAt, dutyTitle: duty.title, dueAt });
  await w.schedule('duty.sitrep-overdue', dueAt + grace, { dutyId, dueAt }, `${dutyId}:${dueAt}`);
}

async function sitrepOverdue(w: IncidentWork, job: Job): Promise<void> {
  const dutyId = String(job.payload['dutyId']);
  const dueAt = Number(job.payload['dueAt']);
  const duty = await w.tx.duties.find(w.incident.id, dutyId);
  if (!duty || duty.status !== 'active' || duty.dueAt !== dueAt || !isActive(w.incident.status)) return;
  await w.log('duty', `${duty.title}: overdue`, { dueAt, overdue: true }, dutyId);
  await w.notify('sitrep-overdue', ['crisis-cell'], { ref: dutyId, slot: dueAt, dutyTitle: duty.title, dueAt });
  // The missed report is not waited for forever: the next hour's report falls due.
  const next = dueAt + Number(duty.data['every']);
  await w.tx.duties.update({ ...duty, dueAt: next });
  await w.schedule('duty.sitrep-due', next, { dutyId, dueAt: next }, `${dutyId}:${next}`);
}

async function updateDue(w: IncidentWork, job: Job): Promise<void> {
  const dutyId = String(job.payload['dutyId']);
  const duty = await w.tx.duties.find(w.incident.id, dutyId);
  if (!duty || duty.status !== 'active' || !isActive(w.incident.status)) return;
  const every = Number(duty.data['every']);
  const n = job.payload['n'] as number | string;
  const next = job.runAt + every;
  await w.tx.duties.update({ ...duty, dueAt: next });
  await w.schedule(
    'duty.update-due',
    next,
    { dutyId, n: typeof n === 'number' ? n + 1 : `${n}+` },
    `${dutyId}:${next}`,
  );
  const latest = (await w.tx.timeline.list(w.incident.id))
    .filter((e) => e.kind === 'note' && e.data['public'] === true)
    .at(-1);
  await w.notify('hourly-update', (duty.data['to'] as string[] | undefined) ?? ['client-it'], {
    ref: dutyId,
    slot: job.runAt,
    dutyTitle: duty.title,
    text: latest?.summary ?? null,
  });
}

async function reminder(w: IncidentWork, job: Job): Promise<void> {
  const dutyId = String(job.payload['dutyId']);
  const event = job.payload['event'] as IncidentNotificationEvent;
  const duty = await w.tx.duties.find(w.incident.id, dutyId);
  if (!duty || duty.status !== 'active') return;
  if (duty.kind === 'action-plan' && (await w.tx.actionItems.list(w.incident.id)).length > 0) return;
  await w.log('duty', `${duty.title}: reminder, due now`, { dueAt: duty.dueAt }, dutyId);
  await w.notify(event, owners(w), { ref: dutyId, slot: job.runAt, dutyTitle: duty.title, dueAt: duty.dueAt });
}

/**
 * Runs a timer of the plan (an escalation check, a SITREP or update falling due, a
 * reminder) and marks it done in the same transaction, so it takes effect exactly once.
 */
export async function runTimer(ctx: EngineContext, job: Job): Promise<void> {
  if (!job.incidentId) throw new Error(`timer ${job.key} has no incident`);
  await withIncident(
    ctx,
    SYSTEM_ACTOR,
    job.incidentId,
    async (w) => {
      switch (job.kind) {
        case 'escalation.evaluate':
          await escalate(w);
          break;
        case 'duty.sitrep-due':
          await sitrepDue(w, job);
          break;
        case 'duty.sitrep-overdue':
          await sitrepOverdue(w, job);
          break;
        case 'duty.update-due':
          await updateDue(w, job);
          break;
        case 'duty.reminder':
          await reminder(w, job);
          break;
        case 'paging.unacknowledged':
          await pageUnacknowledged(w, job);
          break;
        case 'notification.deliver':
          throw new Error('deliveries are not timers');
      }
      await w.tx.jobs.complete(job.id, w.now);
    },
    { lateByMs: ctx.clock.now() - job.runAt },
  );
}
