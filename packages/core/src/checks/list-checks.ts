import type { CheckView } from '@vigie/contract';
import type { Actor } from '../auth/roles';
import { maintenanceCovering, planMaintenance } from '../detection/maintenance';
import { visibleChecks } from './check-scope';
import { toCheckView } from './check-views';
import { monitoredPlan, type MonitoringContext } from './monitoring-context';

/** The checks of the active plan a person may see, each with its state, last result and maintenance now. */
export async function listChecks(
  ctx: MonitoringContext,
  actor: Actor,
): Promise<{ planVersion: number; checks: CheckView[] }> {
  const { plan, version } = await monitoredPlan(ctx);
  const now = ctx.clock.now();
  const checks = visibleChecks(plan, actor);
  const { states, stored } = await ctx.store.transaction(async (tx) => ({
    states: await tx.checkStates.forChecks(checks.map((c) => c.id)),
    stored: await tx.maintenance.overlapping(now, now + 1),
  }));
  const byCheck = new Map(states.map((s) => [s.checkId, s]));
  // Only those under way: most often none, and no check is looked at.
  const windows = [...planMaintenance(plan), ...stored].filter((w) => w.from <= now && now < w.to);
  return {
    planVersion: version.number,
    checks: checks.map((check) =>
      toCheckView(plan, check, byCheck.get(check.id), maintenanceCovering(plan, windows, check.asset, now)),
    ),
  };
}
