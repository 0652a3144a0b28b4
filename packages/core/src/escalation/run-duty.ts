import { actionId, formatDuration, type EscalationAction, type EscalationStep } from '@vigie/contract';
import type { IncidentWork } from '../incidents/incident-work';
import { crisisCellMembers } from '../notifications/recipients';
import { startRunbookIn } from '../runbooks/start-runbook';

const CONFERENCE_LEAD_MS = 15 * 60_000;

/** Records a duty the incident now owes, as the plan names it. */
async function openDuty(
  w: IncidentWork,
  action: EscalationAction,
  status: 'pending' | 'active' | 'done' | 'proposed',
  dueAt: number | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  const dutyId = actionId(action);
  if (await w.tx.duties.find(w.incident.id, dutyId)) return;
  await w.tx.duties.insert({
    id: `${w.incident.id}:${dutyId}`,
    incidentId: w.incident.id,
    dutyId,
    kind: action.do,
    title: action.title ?? action.do,
    status,
    dueAt,
    doneAt: status === 'done' ? w.now : null,
    data,
  });
}

/** Carries out one action of an escalation step the moment the step fires. */
export async function runDuty(w: IncidentWork, step: EscalationStep, action: EscalationAction): Promise<void> {
  const ref = actionId(action);
  const title = action.title ?? action.do;
  const now = w.now;
  switch (action.do) {
    case 'conference-call': {
      await openDuty(w, action, 'done', now);
      await w.log('duty', title, { step: step.id, kind: action.do }, ref);
      await w.notify('conference-call', action.with, {
        ref,
        dutyTitle: title,
        invite: {
          start: now + CONFERENCE_LEAD_MS,
          durationMs: action.lasts,
          title: `${title} — INC-${w.incident.number} ${w.incident.title}`,
          description: action.purpose ?? title,
          location:
            w.plan.communication.bridge?.url ??
            w.plan.communication.bridge?.phone ??
            w.plan.communication.bridge?.title ??
            '',
        },
      });
      return;
    }
    case 'crisis-cell': {
      const members = crisisCellMembers(w.plan);
      for (const { role, person } of members) {
        await w.tx.crisisCell.add({
          incidentId: w.incident.id,
          role,
          personId: person.id,
          name: person.name,
          email: person.email,
          joinedAt: now,
        });
      }
      await openDuty(w, action, 'active', null);
      await w.log(
        'crisis-cell',
        title,
        { members: members.map((m) => ({ role: m.role, id: m.person.id, name: m.person.name })) },
        ref,
      );
      await w.notify('crisis-cell-activated', ['crisis-cell'], {
        ref,
        dutyTitle: title,
        text: members.map((m) => `${m.role}: ${m.person.name}`).join('\n'),
      });
      return;
    }
    case 'sitrep': {
      const dueAt = now + action.every;
      await openDuty(w, action, 'active', dueAt, { every: action.every, grace: action.grace, to: action.to });
      await w.log(
        'duty',
        `${title}: every ${formatDuration(action.every)}, first due at +${formatDuration(action.every)}`,
        { step: step.id, kind: action.do, dueAt },
        ref,
      );
      await w.schedule('duty.sitrep-due', dueAt, { dutyId: ref, dueAt }, `${ref}:${dueAt}`);
      return;
    }
    case 'action-plan': {
      const dueAt = now + action.due;
      await openDuty(w, action, 'active', dueAt);
      await w.log('duty', title, { step: step.id, kind: action.do, dueAt }, ref);
      await w.schedule('duty.reminder', dueAt, { dutyId: ref, event: 'action-plan-reminder' }, `${ref}:${dueAt}`);
      return;
    }
    case 'rex': {
      await openDuty(w, action, 'pending', null, { within: action.within });
      await w.log(
        'duty',
        `${title}: to hold within ${formatDuration(action.within)} of closure`,
        { step: step.id, kind: action.do },
        ref,
      );
      return;
    }
    case 'notify': {
      await openDuty(w, action, 'done', now);
      await w.log('duty', title, { step: step.id, kind: action.do }, ref);
      await w.notify('client-alert', action.to, { ref, dutyTitle: title });
      return;
    }
    case 'update': {
      const dueAt = now + action.every;
      await openDuty(w, action, 'active', dueAt, { every: action.every, to: action.to });
      await w.log(
        'duty',
        `${title}: every ${formatDuration(action.every)} until resolution`,
        { step: step.id, kind: action.do, dueAt },
        ref,
      );
      await w.schedule('duty.update-due', dueAt, { dutyId: ref, n: 1 }, `${ref}:1`);
      return;
    }
    case 'failover': {
      await openDuty(w, action, 'proposed', null, { site: action.site });
      await w.log(
        'duty',
        `${title}: failover to ${action.site} proposed, awaiting approval`,
        { step: step.id, kind: action.do, site: action.site },
        ref,
      );
      await w.notify('failover-proposed', ['crisis-cell'], { ref, dutyTitle: title });
      // The failover runbook is laid out at once; its first action waits for a person's approval.
      if (w.plan.redundancy?.failover.length) await startRunbookIn(w, 'failover');
      return;
    }
    case 'deployment-plan': {
      await openDuty(w, action, 'done', now);
      await w.log('duty', title, { step: step.id, kind: action.do }, ref);
      await w.notify('deployment-plan', action.to, {
        ref,
        dutyTitle: title,
        text: w.plan.redundancy?.deploymentPlan ?? null,
      });
      return;
    }
    case 'detailed-report': {
      const dueAt = now + action.due;
      await openDuty(w, action, 'active', dueAt, { to: action.to });
      await w.log(
        'duty',
        `${title}: due by +${formatDuration(action.due)}`,
        { step: step.id, kind: action.do, dueAt },
        ref,
      );
      await w.schedule('duty.reminder', dueAt, { dutyId: ref, event: 'detailed-report-due' }, `${ref}:${dueAt}`);
      return;
    }
  }
}
