import type { CheckResultsResponse, ResultBucket, ResultResolution } from '@vigie/contract';
import type { Actor } from '../auth/roles';
import { invalid } from '../errors';
import type { CheckBucket } from '../ports';
import { visibleCheckOrFail } from './check-scope';
import { monitoredPlan, type MonitoringContext } from './monitoring-context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Raw results one answer carries at most. */
export const RAW_RESULTS_LIMIT = 5_000;

/** The size of the buckets of each rolled-up resolution. */
export const BUCKET_MS = { '5m': 300_000, '1h': HOUR } as const;

/**
 * The resolution a period reads best at: raw results up to one day back (while they are
 * kept), 5-minute buckets up to 31 days, hourly buckets beyond.
 */
export function pickResolution(from: number, to: number, rawKeptFrom: number | undefined): ResultResolution {
  const span = to - from;
  if (span <= DAY && (rawKeptFrom === undefined || from >= rawKeptFrom)) return 'raw';
  return span <= 31 * DAY ? '5m' : '1h';
}

function toBucket(bucket: CheckBucket): ResultBucket {
  const count = bucket.up + bucket.degraded + bucket.down;
  return {
    start: bucket.start,
    up: bucket.up,
    degraded: bucket.degraded,
    down: bucket.down,
    latencyAvgMs: count === 0 ? null : Math.round((bucket.latencySum / count) * 10) / 10,
    latencyMaxMs: bucket.latencyMax,
  };
}

/**
 * A check's results over a period (the last hour by default), raw or in buckets. Buckets
 * come from the stored rollups where those are complete, and are counted from raw
 * results for the recent part not rolled up yet.
 */
export async function readCheckResults(
  ctx: MonitoringContext,
  actor: Actor,
  input: { checkId: string; from?: number | undefined; to?: number | undefined; resolution: 'auto' | ResultResolution },
): Promise<CheckResultsResponse> {
  const { plan } = await monitoredPlan(ctx);
  const check = visibleCheckOrFail(plan, input.checkId, actor);
  const to = input.to ?? ctx.clock.now();
  const from = input.from ?? to - HOUR;
  if (from >= to) throw invalid('`from` must be before `to`');
  return ctx.store.transaction(async (tx) => {
    const resolution =
      input.resolution === 'auto' ? pickResolution(from, to, await tx.checkResults.prunedBefore()) : input.resolution;
    if (resolution === 'raw') {
      const rows = await tx.checkResults.list(check.id, from, to, RAW_RESULTS_LIMIT + 1);
      return {
        checkId: check.id,
        from,
        to,
        resolution,
        truncated: rows.length > RAW_RESULTS_LIMIT,
        results: rows
          .slice(0, RAW_RESULTS_LIMIT)
          .map((r) => ({ at: r.at, status: r.status, latencyMs: r.latencyMs, message: r.message })),
      };
    }
    const bucketMs = BUCKET_MS[resolution];
    const start = from - (from % bucketMs);
    const split = Math.min(Math.max((await tx.checkRollups.rolledUntil(bucketMs)) ?? start, start), to);
    const stored = split > start ? await tx.checkRollups.list(check.id, bucketMs, start, split) : [];
    const recent = split < to ? await tx.checkResults.buckets(check.id, bucketMs, split, to) : [];
    return { checkId: check.id, from, to, resolution, buckets: [...stored, ...recent].map(toBucket) };
  });
}
