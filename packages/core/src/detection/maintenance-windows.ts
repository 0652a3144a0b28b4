import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden, invalid, notFound } from '../errors';
import type { EngineContext } from '../incidents/context';
import { activePlanOrFail } from '../incidents/with-incident';
import type { MaintenanceWindow } from './model';

/** Plans a maintenance window: no incident opens for the asset or site meanwhile; data is kept. */
export async function planMaintenanceWindow(
  ctx: EngineContext,
  actor: Actor,
  input: { scope: 'asset' | 'site'; targetId: string; from: number; to: number; reason: string },
): Promise<MaintenanceWindow> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot plan maintenance');
  const { plan } = await activePlanOrFail(ctx);
  const known =
    input.scope === 'asset'
      ? plan.assets.some((a) => a.id === input.targetId)
      : plan.sites.some((s) => s.id === input.targetId);
  if (!known) throw invalid(`unknown ${input.scope} "${input.targetId}"`);
  if (input.to <= input.from) throw invalid('the window must end after it starts');
  const window: MaintenanceWindow = {
    ...input,
    id: ctx.random.id(),
    createdBy: actor.label,
    createdAt: ctx.clock.now(),
  };
  return ctx.store.transaction(async (tx) => {
    await tx.maintenance.insert(window);
    await recordAudit(tx, window.createdAt, actor, 'maintenance.plan', `maintenance:${window.id}`, { ...input });
    return window;
  });
}

/** Cancels a maintenance window. */
export async function cancelMaintenanceWindow(ctx: EngineContext, actor: Actor, id: string): Promise<void> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot change maintenance');
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.maintenance.delete(id))) throw notFound(`no maintenance window ${id}`);
    await recordAudit(tx, ctx.clock.now(), actor, 'maintenance.cancel', `maintenance:${id}`);
  });
}
