/** Results of one check counted by status. */
export interface StatusCounts {
  up: number;
  degraded: number;
  down: number;
}

/** Counts with the ratios drawn from them; ratios are null when there was no result. */
export interface AvailabilityFigures extends StatusCounts {
  total: number;
  /** Share of results where the service worked: up or degraded. */
  availability: number | null;
  /** Share of results fully up. */
  upRatio: number | null;
}

/** Where the counts of a part of a period come from: raw results, or hourly rollups. */
export interface CountSegment {
  source: 'raw' | '1h';
  from: number;
  to: number;
}

const HOUR = 3_600_000;

/** Adds counts together. */
export function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  return { up: a.up + b.up, degraded: a.degraded + b.degraded, down: a.down + b.down };
}

/** The figures of one check's counts. */
export function figuresOf(counts: StatusCounts): AvailabilityFigures {
  const total = counts.up + counts.degraded + counts.down;
  return {
    ...counts,
    total,
    availability: total === 0 ? null : (counts.up + counts.degraded) / total,
    upRatio: total === 0 ? null : counts.up / total,
  };
}

/**
 * The figures of several checks together (an asset, a site, a client): counts are summed,
 * ratios are the mean of each check's ratio, so that a check probed every 15 s weighs no
 * more than one probed every 5 min. Checks without any result are left out of the ratios.
 */
export function combinedFigures(perCheck: readonly AvailabilityFigures[]): AvailabilityFigures {
  const counts = perCheck.reduce<StatusCounts>(addCounts, { up: 0, degraded: 0, down: 0 });
  const measured = perCheck.filter((f) => f.total > 0);
  const mean = (pick: (f: AvailabilityFigures) => number | null): number | null =>
    measured.length === 0 ? null : measured.reduce((sum, f) => sum + (pick(f) ?? 0), 0) / measured.length;
  return {
    ...counts,
    total: counts.up + counts.degraded + counts.down,
    availability: mean((f) => f.availability),
    upRatio: mean((f) => f.upRatio),
  };
}

/**
 * How to count a period [from, to): whole hours from the hourly rollups (cheap over
 * months), the ragged edges from raw results (exact). An edge older than the raw results
 * kept is counted from the rollup of its whole hour: beyond retention, precision is an hour.
 * `rolledUntil`: hourly rollups exist up to this time; `rawKeptFrom`: raw results were pruned
 * before this time (undefined: never).
 */
export function countSegments(
  from: number,
  to: number,
  known: { rolledUntil: number | undefined; rawKeptFrom: number | undefined },
): CountSegment[] {
  if (to <= from) return [];
  const rolledUntil = known.rolledUntil ?? -Infinity;
  const h1 = Math.min(Math.ceil(from / HOUR) * HOUR, to);
  const h2 = Math.max(h1, Math.min(Math.floor(to / HOUR) * HOUR, rolledUntil));
  const segments: CountSegment[] = [];
  if (h1 > from) {
    const rawKept = known.rawKeptFrom === undefined || from >= known.rawKeptFrom;
    if (!rawKept && h1 <= rolledUntil && h1 % HOUR === 0) {
      segments.push({ source: '1h', from: Math.floor(from / HOUR) * HOUR, to: h1 });
    } else {
      segments.push({ source: 'raw', from, to: h1 });
    }
  }
  if (h2 > h1) segments.push({ source: '1h', from: h1, to: h2 });
  if (to > h2) segments.push({ source: 'raw', from: h2, to });
  return segments;
}
