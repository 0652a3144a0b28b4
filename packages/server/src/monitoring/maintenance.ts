import type { Store } from '@vigie/core';

const FIVE_MINUTES = 300_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MaintenanceOptions {
  /** Raw results older than this are deleted (once rolled up). */
  resultsRetentionMs: number;
  /** 5-minute rollups older than this are deleted; hourly ones are kept. */
  rollupRetentionMs: number;
  /** How long after a bucket ends it is rolled up: results of slow probes arrive late. */
  delayMs?: number;
}

/** What one maintenance round did. */
export interface MaintenanceReport {
  fiveMinutesUntil: number | undefined;
  hoursUntil: number | undefined;
  resultsPruned: number;
  rollupsPruned: number;
}

const floorTo = (t: number, size: number): number => t - (t % size);

/**
 * Rolls raw results up into 5-minute buckets, those into hourly ones, then prunes raw
 * results past their retention — never before the hourly rollups hold them — and
 * 5-minute rollups past theirs. Each step is its own short transaction and does a
 * bounded amount of work, so a node back after days catches up over several rounds.
 * Running it twice, or on two nodes, changes nothing: buckets are recomputed, not added.
 */
export async function runMonitoringMaintenance(
  store: Store,
  now: number,
  options: MaintenanceOptions,
): Promise<MaintenanceReport> {
  const delay = options.delayMs ?? 3 * 60_000;

  const fiveMinutesUntil = await store.transaction(async (tx) => {
    const oldest = await tx.checkResults.oldest();
    const from =
      (await tx.checkRollups.rolledUntil(FIVE_MINUTES)) ?? (oldest === undefined ? undefined : floorTo(oldest, HOUR));
    if (from === undefined) return undefined;
    const to = Math.min(floorTo(now - delay, FIVE_MINUTES), from + DAY);
    if (to <= from) return from;
    await tx.checkRollups.rollUpResults(FIVE_MINUTES, from, to);
    await tx.checkRollups.setRolledUntil(FIVE_MINUTES, to);
    return to;
  });

  const hoursUntil = await store.transaction(async (tx) => {
    if (fiveMinutesUntil === undefined) return tx.checkRollups.rolledUntil(HOUR);
    const oldest = await tx.checkResults.oldest();
    const from =
      (await tx.checkRollups.rolledUntil(HOUR)) ??
      floorTo(Math.min(oldest ?? fiveMinutesUntil, fiveMinutesUntil), HOUR);
    const to = Math.min(floorTo(fiveMinutesUntil, HOUR), from + 7 * DAY);
    if (to <= from) return from;
    await tx.checkRollups.rollUpBuckets(FIVE_MINUTES, HOUR, from, to);
    await tx.checkRollups.setRolledUntil(HOUR, to);
    return to;
  });

  let resultsPruned = 0;
  if (hoursUntil !== undefined) {
    const before = Math.min(now - options.resultsRetentionMs, hoursUntil);
    for (let round = 0; round < 20; round++) {
      const deleted = await store.transaction((tx) => tx.checkResults.pruneBefore(before, 50_000));
      resultsPruned += deleted;
      if (deleted === 0) break;
    }
  }
  const rollupsPruned = await store.transaction(async (tx) => {
    await tx.shardLeases.forgetNodesBefore(now - DAY);
    const before = Math.min(now - options.rollupRetentionMs, hoursUntil ?? -Infinity);
    return Number.isFinite(before) ? tx.checkRollups.pruneBefore(FIVE_MINUTES, before) : 0;
  });
  return { fiveMinutesUntil, hoursUntil, resultsPruned, rollupsPruned };
}
