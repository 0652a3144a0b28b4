import { actionId } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden } from '../errors';
import { escalate } from '../escalation/escalate';
import { PAGING_TIMERS, schedulePaging } from '../on-call/paging';
import type { EngineContext } from './context';
import type { IncidentWork } from './incident-work';
import type { Incident } from './model';
import type { JobKind } from './records';
import { withIncident } from './with-incident';

const ONGOING_TIMERS: JobKind[] = [
  'escalation.evaluate',
  'duty.sitrep-due',
  'duty.sitrep-overdue',
  'duty.update-due',
  ...PAGING_TIMERS,
];

async function finishOngoingDuties(w: IncidentWork): Promise<void> {
  for (const duty of await w.tx.duties.list(w.incident.id)) {
    if (duty.status === 'active' && (duty.kind === 'sitrep' || duty.kind === 'update' || duty.kind === 'crisis-cell')) {
      await w.tx.duties.update({ ...duty, status: 'done', doneAt: w.now });
    }
  }
}

/**
 * Service is back: the plan's timers stop, every party is told by email, and the
 * incident report to be signed by all parties becomes due.
 */
export async function resolveIncident(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  input: { summary?: string | undefined; cause?: string | undefined } = {},
): Promise<Incident> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot resolve incidents');
  return withIncident(ctx, actor, incidentId, async (w) => {
    if (!['open', 'acknowledged', 'mitigating'].includes(w.incident.status))
      throw conflict(`the incident is already ${w.incident.status}`);
    w.incident.status = 'resolved';
    w.incident.resolvedAt = w.now;
    if (input.summary?.trim()) w.incident.summary = input.summary.trim();
    if (input.cause?.trim()) w.incident.cause = input.cause.trim();
    await w.save();
    await w.cancel(ONGOING_TIMERS);
    await finishOngoingDuties(w);
    await w.log('status', `Resolved by ${w.actorLabel()}`, {
      status: 'resolved',
      durationMs: w.now - w.incident.startedAt,
    });

    const closure = w.plan.closure;
    if (closure) {
      await w.notify('incident-resolved', closure.notify.to, {
        ref: 'closure',
        dutyTitle: closure.notify.title ?? null,
        slot: w.now,
      });
      const dueAt = w.now + closure.report.due;
      const existing = await w.tx.duties.find(w.incident.id, 'rapport-incident');
      const duty = {
        id: `${w.incident.id}:rapport-incident`,
        incidentId: w.incident.id,
        dutyId: 'rapport-incident',
        kind: 'report',
        title: closure.report.title ?? 'Incident report',
        status: 'active' as const,
        dueAt,
        doneAt: null,
        data: { signatories: closure.report.signatories },
      };
      if (existing) await w.tx.duties.update({ ...existing, status: 'active', dueAt, doneAt: null });
      else await w.tx.duties.insert(duty);
      await w.log(
        'duty',
        `${duty.title}: to be signed by ${closure.report.signatories.map((s) => s.party).join(', ')}`,
        { dueAt },
        'rapport-incident',
      );
      await w.schedule(
        'duty.reminder',
        dueAt,
        { dutyId: 'rapport-incident', event: 'report-due' },
        `rapport-incident:${dueAt}`,
      );
    }
    await recordAudit(w.tx, w.now, actor, 'incident.resolve', `incident:${incidentId}`);
    return w.incident;
  });
}

/** Closes a resolved incident; a lessons-learned review (REX) owed by the crisis becomes due. */
export async function closeIncident(ctx: EngineContext, actor: Actor, incidentId: string): Promise<Incident> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot close incidents');
  return withIncident(ctx, actor, incidentId, async (w) => {
    if (w.incident.status !== 'resolved') throw conflict('only a resolved incident can be closed');
    w.incident.status = 'closed';
    w.incident.closedAt = w.now;
    await w.save();
    await w.log('status', `Closed by ${w.actorLabel()}`, { status: 'closed' });
    for (const step of w.plan.escalation.filter((s) => w.incident.firedSteps.includes(s.id))) {
      for (const action of step.actions) {
        if (action.do !== 'rex') continue;
        const ref = actionId(action);
        const duty = await w.tx.duties.find(w.incident.id, ref);
        if (!duty || duty.status !== 'pending') continue;
        const dueAt = w.now + action.within;
        await w.tx.duties.update({ ...duty, status: 'active', dueAt });
        await w.log('duty', `${duty.title}: due by ${new Date(dueAt).toISOString()}`, { dueAt }, ref);
        await w.notify('rex-due', ['crisis-cell'], { ref, dutyTitle: duty.title, dueAt });
        await w.schedule('duty.reminder', dueAt, { dutyId: ref, event: 'rex-due' }, `${ref}:${dueAt}`);
      }
    }
    await recordAudit(w.tx, w.now, actor, 'incident.close', `incident:${incidentId}`);
    return w.incident;
  });
}

/** The failure is back: the incident is open again and the plan's clock resumes. */
export async function reopenIncident(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  reason?: string,
): Promise<Incident> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot reopen incidents');
  return withIncident(ctx, actor, incidentId, async (w) => {
    if (w.incident.status !== 'resolved' && w.incident.status !== 'closed')
      throw conflict('the incident is still ongoing');
    w.incident.status = 'open';
    w.incident.resolvedAt = null;
    w.incident.closedAt = null;
    await w.save();
    await w.log('status', `Reopened by ${w.actorLabel()}${reason ? `: ${reason}` : ''}`, {
      status: 'open',
      reason: reason ?? null,
    });
    for (const duty of await w.tx.duties.list(w.incident.id)) {
      if (duty.kind === 'sitrep' && duty.status === 'done') {
        const every = Number(duty.data['every']);
        const dueAt = w.now + every;
        await w.tx.duties.update({ ...duty, status: 'active', dueAt, doneAt: null });
        await w.schedule('duty.sitrep-due', dueAt, { dutyId: duty.dutyId, dueAt }, `${duty.dutyId}:${dueAt}`);
      }
      if (duty.kind === 'update' && duty.status === 'done') {
        const every = Number(duty.data['every']);
        await w.tx.duties.update({ ...duty, status: 'active', dueAt: w.now + every, doneAt: null });
        await w.schedule(
          'duty.update-due',
          w.now + every,
          { dutyId: duty.dutyId, n: `r${w.now}` },
          `${duty.dutyId}:r${w.now}`,
        );
      }
    }
    await escalate(w);
    // Back to open: nobody holds it now, so the paging starts over from now.
    await schedulePaging(w, w.now);
    await recordAudit(w.tx, w.now, actor, 'incident.reopen', `incident:${incidentId}`, { reason: reason ?? null });
    return w.incident;
  });
}
