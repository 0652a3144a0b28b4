import type { Actor } from '../auth/roles';
import { notFound, precondition } from '../errors';
import type { EngineContext } from './context';
import { IncidentWork } from './incident-work';

/** Loads the active plan or explains that none is loaded. */
export async function activePlanOrFail(ctx: EngineContext) {
  const active = await ctx.plans.active();
  if (!active) throw precondition('no plan is loaded: load one first');
  return active;
}

/**
 * Runs work on one incident in one transaction; a client user reaches only the
 * incidents of its own client (others look absent, not forbidden).
 */
export async function withIncident<T>(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  work: (w: IncidentWork) => Promise<T>,
  options: { lateByMs?: number } = {},
): Promise<T> {
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const incident = await tx.incidents.findById(incidentId);
    if (!incident || (actor.clientId !== null && !incident.clients.includes(actor.clientId))) {
      throw notFound(`no incident ${incidentId}`);
    }
    const w = new IncidentWork(tx, plan, incident, now, actor, ctx.random, ctx.publicUrl);
    w.lateByMs = options.lateByMs ?? 0;
    return work(w);
  });
}
