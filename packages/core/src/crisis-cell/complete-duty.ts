import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden, invalid, notFound } from '../errors';
import type { EngineContext } from '../incidents/context';
import type { Duty } from '../incidents/records';
import { withIncident } from '../incidents/with-incident';

/**
 * Marks a duty of the plan as carried out (the detailed report sent, the REX held, the
 * failover approved…). A detailed report's text is sent to the plan's recipients.
 */
export async function completeDuty(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  dutyId: string,
  input: { text?: string | undefined } = {},
): Promise<Duty> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot complete duties');
  return withIncident(ctx, actor, incidentId, async (w) => {
    const duty = await w.tx.duties.find(incidentId, dutyId);
    if (!duty) throw notFound(`no duty "${dutyId}" on this incident`);
    if (duty.status === 'done' || duty.status === 'cancelled')
      throw conflict(`the duty "${dutyId}" is already ${duty.status}`);
    if (duty.kind === 'detailed-report' && !input.text?.trim()) throw invalid('a detailed report needs its text');
    const done: Duty = {
      ...duty,
      status: 'done',
      doneAt: w.now,
      data: { ...duty.data, ...(input.text && { text: input.text.trim() }) },
    };
    await w.tx.duties.update(done);
    await w.log('duty', `${duty.title}: done by ${w.actorLabel()}`, { status: 'done' }, dutyId);
    if (duty.kind === 'detailed-report') {
      const to = (duty.data['to'] as string[] | undefined) ?? ['all-parties'];
      await w.notify('detailed-report', to, { ref: dutyId, dutyTitle: duty.title, text: input.text!.trim() });
    }
    await recordAudit(w.tx, w.now, actor, 'duty.complete', `incident:${incidentId}`, { dutyId });
    return done;
  });
}
