import type { AvailabilityResponse, AvailabilityScope } from '@vigie/contract';
import type { Actor } from '../auth/roles';
import { invalid } from '../errors';
import { addCounts, combinedFigures, countSegments, figuresOf, type StatusCounts } from './availability';
import { checksInScope } from './check-scope';
import { monitoredPlan, type MonitoringContext } from './monitoring-context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NONE: StatusCounts = { up: 0, degraded: 0, down: 0 };

/**
 * Availability of a check, an asset, a site or a client over a period (the last 30 days
 * by default): per check, the share of its results where the service worked; for a group,
 * the mean over its checks. Whole hours are read from the hourly rollups, the edges from
 * raw results (see `countSegments`).
 */
export async function readAvailability(
  ctx: MonitoringContext,
  actor: Actor,
  input: { scope: AvailabilityScope; id: string; from?: number | undefined; to?: number | undefined },
): Promise<AvailabilityResponse> {
  const { plan } = await monitoredPlan(ctx);
  const checks = checksInScope(plan, input.scope, input.id, actor);
  const to = input.to ?? ctx.clock.now();
  const from = input.from ?? to - 30 * DAY;
  if (from >= to) throw invalid('`from` must be before `to`');
  const ids = checks.map((c) => c.id);
  const totals = new Map<string, StatusCounts>();
  if (ids.length > 0) {
    await ctx.store.transaction(async (tx) => {
      const segments = countSegments(from, to, {
        rolledUntil: await tx.checkRollups.rolledUntil(HOUR),
        rawKeptFrom: await tx.checkResults.prunedBefore(),
      });
      for (const segment of segments) {
        const counts =
          segment.source === 'raw'
            ? await tx.checkResults.count(ids, segment.from, segment.to)
            : await tx.checkRollups.count(ids, HOUR, segment.from, segment.to);
        for (const c of counts) totals.set(c.checkId, addCounts(totals.get(c.checkId) ?? NONE, c));
      }
    });
  }
  const perCheck = checks.map((check) => ({
    checkId: check.id,
    name: check.name ?? check.id,
    ...figuresOf(totals.get(check.id) ?? NONE),
  }));
  return { scope: input.scope, id: input.id, from, to, ...combinedFigures(perCheck), checks: perCheck };
}
