import type { Actor } from '../auth/roles';
import { visibleChecks } from '../checks/check-scope';
import { monitoredPlan, type MonitoringContext } from '../checks/monitoring-context';
import { planMaintenance } from '../detection/maintenance';
import { EXPIRED_SILENCES_KEPT_MS } from '../detection/silences';
import type { Incident } from '../incidents/model';
import { checkMetrics } from './check-metrics';
import { incidentMetrics, UNCLOSED_STATUSES } from './incident-metrics';
import { metricFamily, type MetricFamily } from './metric-family';
import { onCallMetrics } from './on-call-metrics';
import { silenceMetrics } from './silence-metrics';

/** Incidents read per query while counting those not closed. */
const INCIDENTS_PER_PAGE = 1_000;

/**
 * What Vigie tells a Prometheus server about the plan in force, its checks and its incidents,
 * as the person (or API token) scraping may see them: a client's user, its own client's.
 */
export async function readMetrics(ctx: MonitoringContext, actor: Actor): Promise<MetricFamily[]> {
  const { plan, version } = await monitoredPlan(ctx);
  const now = ctx.clock.now();
  const checks = visibleChecks(plan, actor);
  // Silences are the contact centre's own business, not a client's.
  const internal = actor.clientId === null;
  const { states, windows, incidents, silences, overrides } = await ctx.store.transaction(async (tx) => {
    const incidents: Incident[] = [];
    for (let offset = 0; ; offset += INCIDENTS_PER_PAGE) {
      const page = await tx.incidents.list({
        status: [...UNCLOSED_STATUSES],
        clientId: actor.clientId ?? undefined,
        limit: INCIDENTS_PER_PAGE,
        offset,
      });
      incidents.push(...page);
      if (page.length < INCIDENTS_PER_PAGE) break;
    }
    return {
      states: await tx.checkStates.forChecks(checks.map((c) => c.id)),
      windows: await tx.maintenance.overlapping(now, now + 1),
      incidents,
      silences: internal ? await tx.silences.endingAfter(now - EXPIRED_SILENCES_KEPT_MS) : [],
      overrides: internal && plan.onCall.length ? await tx.onCallOverrides.overlapping(now, now + 1) : [],
    };
  });
  const planVersion = metricFamily('vigie_plan_version', 'gauge', 'The number of the plan version in force.');
  planVersion.add({}, version.number);
  return [
    planVersion,
    ...checkMetrics(plan, checks, states, [...planMaintenance(plan), ...windows], now),
    ...incidentMetrics(plan, incidents),
    ...(internal ? silenceMetrics(silences, now) : []),
    ...(internal && plan.onCall.length ? onCallMetrics(plan, overrides, now) : []),
  ];
}
