import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden, precondition } from '../errors';
import type { EngineContext } from '../incidents/context';
import { isActive } from '../incidents/model';
import type { Sitrep } from '../incidents/records';
import { withIncident } from '../incidents/with-incident';

export interface SitrepInput {
  situation: string;
  actions: string;
  nextSteps: string;
  needs?: string | undefined;
}

/**
 * Posts a situation report of the crisis cell: it is sent at once to the plan's
 * recipients (the client's IT among them), and the next one falls due an interval later.
 */
export async function postSitrep(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  input: SitrepInput,
): Promise<Sitrep> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot post situation reports');
  return withIncident(ctx, actor, incidentId, async (w) => {
    if (!isActive(w.incident.status)) throw conflict('the incident is no longer ongoing');
    const duty = (await w.tx.duties.list(w.incident.id)).find((d) => d.kind === 'sitrep' && d.status === 'active');
    if (!duty)
      throw precondition('no crisis cell is active on this incident: situation reports start with the 60-minute step');
    const sitrep: Sitrep = {
      id: ctx.random.id(),
      incidentId,
      at: w.now,
      author: w.actorLabel(),
      situation: input.situation.trim(),
      actions: input.actions.trim(),
      nextSteps: input.nextSteps.trim(),
      needs: input.needs?.trim() || null,
    };
    await w.tx.sitreps.insert(sitrep);
    const every = Number(duty.data['every']);
    const dueAt = w.now + every;
    await w.tx.duties.update({ ...duty, dueAt });
    await w.cancel(['duty.sitrep-due', 'duty.sitrep-overdue']);
    await w.schedule('duty.sitrep-due', dueAt, { dutyId: duty.dutyId, dueAt }, `${duty.dutyId}:${dueAt}`);
    await w.log(
      'sitrep',
      `Situation report by ${sitrep.author}`,
      { sitrepId: sitrep.id, nextDueAt: dueAt },
      duty.dutyId,
    );
    const recipients = (duty.data['to'] as string[] | undefined) ?? ['crisis-cell'];
    await w.notify('sitrep-posted', recipients, {
      ref: duty.dutyId,
      slot: sitrep.id,
      dutyTitle: duty.title,
      sitrep: {
        situation: sitrep.situation,
        actions: sitrep.actions,
        nextSteps: sitrep.nextSteps,
        needs: sitrep.needs,
        author: sitrep.author,
      },
    });
    await recordAudit(w.tx, w.now, actor, 'sitrep.post', `incident:${incidentId}`, { sitrepId: sitrep.id });
    return sitrep;
  });
}
