import type { Plan } from '@vigie/contract';
import type { MaintenanceWindow } from './model';

/** The maintenance windows of the plan, in the form stored ones take. */
export function planMaintenance(plan: Plan): MaintenanceWindow[] {
  return plan.maintenance.map((window, i) => ({
    id: `plan-${i}`,
    scope: window.asset ? 'asset' : 'site',
    targetId: (window.asset ?? window.site)!,
    from: Date.parse(window.from),
    to: Date.parse(window.to),
    reason: window.reason,
    createdBy: 'plan',
    createdAt: 0,
  }));
}

/** The window, if any, under which an asset (or its whole site) is in maintenance at a time. */
export function maintenanceCovering(
  plan: Plan,
  windows: readonly MaintenanceWindow[],
  assetId: string | null,
  at: number,
): MaintenanceWindow | undefined {
  if (!assetId || windows.length === 0) return undefined;
  const site = plan.assets.find((a) => a.id === assetId)?.site;
  return windows.find(
    (w) =>
      w.from <= at &&
      at < w.to &&
      ((w.scope === 'asset' && w.targetId === assetId) || (w.scope === 'site' && w.targetId === site)),
  );
}

/**
 * The window under which a failure spanning several assets is planned work: only when
 * every one of them is in maintenance; the first one's window.
 */
export function maintenanceCoveringAll(
  plan: Plan,
  windows: readonly MaintenanceWindow[],
  assetIds: readonly string[],
  at: number,
): MaintenanceWindow | undefined {
  const covering = assetIds.map((id) => maintenanceCovering(plan, windows, id, at));
  return covering.length > 0 && covering.every((window) => window !== undefined) ? covering[0] : undefined;
}

/** The assets among these that a window covers: the one it names, or those on the site it names. */
export function assetsUnder(plan: Plan, window: MaintenanceWindow, assetIds: readonly string[]): string[] {
  if (window.scope === 'asset') return assetIds.filter((id) => id === window.targetId);
  const onSite = new Set(plan.assets.filter((a) => a.site === window.targetId).map((a) => a.id));
  return assetIds.filter((id) => onSite.has(id));
}
