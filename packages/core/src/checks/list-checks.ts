import type { CheckView } from '@vigie/contract';
import type { Actor } from '../auth/roles';
import { visibleChecks } from './check-scope';
import { toCheckView } from './check-views';
import { monitoredPlan, type MonitoringContext } from './monitoring-context';

/** The checks of the active plan a person may see, each with its state and last result. */
export async function listChecks(
  ctx: MonitoringContext,
  actor: Actor,
): Promise<{ planVersion: number; checks: CheckView[] }> {
  const { plan, version } = await monitoredPlan(ctx);
  const checks = visibleChecks(plan, actor);
  const states = await ctx.store.transaction((tx) => tx.checkStates.forChecks(checks.map((c) => c.id)));
  const byCheck = new Map(states.map((s) => [s.checkId, s]));
  return {
    planVersion: version.number,
    checks: checks.map((check) => toCheckView(plan, check, byCheck.get(check.id))),
  };
}
