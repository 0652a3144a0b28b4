import { formatDuration } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden, invalid } from '../errors';
import { escalate } from '../escalation/escalate';
import type { EngineContext } from './context';
import { canTransition, isActive, type Incident } from './model';
import { PAGING_TIMERS } from '../on-call/paging';
import { withIncident } from './with-incident';

function requireOperator(actor: Actor): void {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot change incidents');
}

/** A technician takes the incident in hand. */
export async function acknowledgeIncident(ctx: EngineContext, actor: Actor, incidentId: string): Promise<Incident> {
  requireOperator(actor);
  return withIncident(ctx, actor, incidentId, async (w) => {
    if (!canTransition(w.incident.status, 'acknowledged'))
      throw conflict(`an incident ${w.incident.status} cannot be acknowledged`);
    w.incident.status = 'acknowledged';
    w.incident.acknowledgedAt = w.now;
    await w.save();
    await w.cancel(PAGING_TIMERS);
    await w.log('status', `Acknowledged by ${w.actorLabel()}`, { status: 'acknowledged' });
    await recordAudit(w.tx, w.now, actor, 'incident.acknowledge', `incident:${incidentId}`);
    return w.incident;
  });
}

/** Work to restore service is under way. */
export async function startMitigation(ctx: EngineContext, actor: Actor, incidentId: string): Promise<Incident> {
  requireOperator(actor);
  return withIncident(ctx, actor, incidentId, async (w) => {
    if (!canTransition(w.incident.status, 'mitigating'))
      throw conflict(`an incident ${w.incident.status} cannot move to mitigating`);
    if (w.incident.acknowledgedAt === null) w.incident.acknowledgedAt = w.now;
    w.incident.status = 'mitigating';
    await w.save();
    await w.cancel(PAGING_TIMERS);
    await w.log('status', 'Restoration under way', { status: 'mitigating' });
    await recordAudit(w.tx, w.now, actor, 'incident.mitigate', `incident:${incidentId}`);
    return w.incident;
  });
}

/**
 * Sets or moves the technician's estimate of recovery. The expected duration follows it,
 * so a step whose threshold it now passes fires at once.
 */
export async function setIncidentEta(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  etaAt: number,
): Promise<Incident> {
  requireOperator(actor);
  return withIncident(ctx, actor, incidentId, async (w) => {
    if (!isActive(w.incident.status)) throw conflict('the incident is no longer ongoing');
    if (etaAt <= w.incident.startedAt) throw invalid('the ETA must come after the start of the incident');
    const previous = w.incident.etaAt;
    w.incident.etaAt = etaAt;
    await w.save();
    await w.log('eta', `ETA set: expected duration ${formatDuration(etaAt - w.incident.startedAt)}`, {
      etaAt,
      previousEtaAt: previous,
      expectedMs: etaAt - w.incident.startedAt,
    });
    await escalate(w);
    await recordAudit(w.tx, w.now, actor, 'incident.set-eta', `incident:${incidentId}`, {
      etaAt,
      previousEtaAt: previous,
    });
    return w.incident;
  });
}

/** Records the cause as known so far; it is told to the client in the next messages. */
export async function setIncidentCause(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  cause: string,
): Promise<Incident> {
  requireOperator(actor);
  return withIncident(ctx, actor, incidentId, async (w) => {
    w.incident.cause = cause.trim();
    await w.save();
    await w.log('cause', `Cause: ${w.incident.cause}`, { cause: w.incident.cause });
    await recordAudit(w.tx, w.now, actor, 'incident.set-cause', `incident:${incidentId}`);
    return w.incident;
  });
}

/** A note in the timeline; an `action` note says what was done and is reported as such. */
export async function addIncidentNote(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  input: { text: string; kind: 'note' | 'action'; public?: boolean | undefined },
): Promise<void> {
  requireOperator(actor);
  await withIncident(ctx, actor, incidentId, async (w) => {
    await w.log(input.kind, input.text.trim(), { public: input.public ?? false });
    await recordAudit(w.tx, w.now, actor, `incident.${input.kind}`, `incident:${incidentId}`);
  });
}
