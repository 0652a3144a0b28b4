import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden, notFound } from '../errors';
import type { EngineContext } from '../incidents/context';
import type { ActionItem, ActionItemStatus } from '../incidents/records';
import { withIncident } from '../incidents/with-incident';

export interface ActionItemInput {
  title: string;
  owner?: string | null | undefined;
  dueAt?: number | null | undefined;
  status?: ActionItemStatus | undefined;
}

/** Adds an item to the crisis cell's formal action plan. */
export async function addActionItem(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  input: ActionItemInput,
): Promise<ActionItem> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot change the action plan');
  return withIncident(ctx, actor, incidentId, async (w) => {
    const item: ActionItem = {
      id: ctx.random.id(),
      incidentId,
      title: input.title.trim(),
      owner: input.owner?.trim() || null,
      dueAt: input.dueAt ?? null,
      status: input.status ?? 'todo',
      createdAt: w.now,
      updatedAt: w.now,
    };
    await w.tx.actionItems.insert(item);
    await w.log('action-item', `Action plan: ${item.title}${item.owner ? ` (${item.owner})` : ''}`, {
      itemId: item.id,
      status: item.status,
    });
    await recordAudit(w.tx, w.now, actor, 'action-item.create', `incident:${incidentId}`, { itemId: item.id });
    return item;
  });
}

/** Changes an item of the action plan: owner, due time, status. */
export async function updateActionItem(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  itemId: string,
  changes: Partial<ActionItemInput>,
): Promise<ActionItem> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot change the action plan');
  return withIncident(ctx, actor, incidentId, async (w) => {
    const item = await w.tx.actionItems.findById(itemId);
    if (!item || item.incidentId !== incidentId) throw notFound(`no action item ${itemId} on this incident`);
    const updated: ActionItem = {
      ...item,
      ...(changes.title !== undefined && { title: changes.title.trim() }),
      ...(changes.owner !== undefined && { owner: changes.owner?.trim() || null }),
      ...(changes.dueAt !== undefined && { dueAt: changes.dueAt }),
      ...(changes.status !== undefined && { status: changes.status }),
      updatedAt: w.now,
    };
    await w.tx.actionItems.update(updated);
    await w.log(
      updated.status === 'done' && item.status !== 'done' ? 'action' : 'action-item',
      `Action plan: ${updated.title} — ${updated.status}`,
      {
        itemId,
        status: updated.status,
      },
    );
    await recordAudit(w.tx, w.now, actor, 'action-item.update', `incident:${incidentId}`, {
      itemId,
      status: updated.status,
    });
    return updated;
  });
}
