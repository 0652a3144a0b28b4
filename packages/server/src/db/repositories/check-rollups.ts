import { sql, type Kysely } from 'kysely';
import type { CheckCounts, CheckRollupRepository } from '@vigie/core';
import type { Database } from '../schema';
import { chunks, num, readMark, writeMark } from './check-codes';
import { statusSums } from './check-results';

const IDS_PER_QUERY = 1_000;

/** Existing buckets are recomputed, so that running a rollup twice changes nothing. */
const REPLACE = ['up', 'degraded', 'down', 'latency_sum', 'latency_max'] as const;

export function checkRollupRepository(db: Kysely<Database>): CheckRollupRepository {
  return {
    async rollUpResults(bucketMs, from, to) {
      const start = sql<number>`at - (at % ${sql.lit(bucketMs)})`;
      await db
        .insertInto('check_rollups')
        .columns(['check_id', 'bucket_ms', 'bucket_start', ...REPLACE])
        .expression(
          db
            .selectFrom('check_results')
            .select([
              'check_id',
              sql<number>`${sql.lit(bucketMs)}`.as('bucket_ms'),
              start.as('bucket_start'),
              statusSums.up.as('up'),
              statusSums.degraded.as('degraded'),
              statusSums.down.as('down'),
              sql<number>`sum(latency_ms)`.as('latency_sum'),
              sql<number>`max(latency_ms)`.as('latency_max'),
            ])
            // The WHERE also keeps SQLite from reading ON CONFLICT as a join constraint.
            .where('at', '>=', from)
            .where('at', '<', to)
            .groupBy(['check_id', start]),
        )
        .onConflict((oc) =>
          oc
            .columns(['check_id', 'bucket_ms', 'bucket_start'])
            .doUpdateSet((eb) => Object.fromEntries(REPLACE.map((c) => [c, eb.ref(`excluded.${c}`)]))),
        )
        .execute();
    },
    async rollUpBuckets(sourceMs, bucketMs, from, to) {
      const start = sql<number>`bucket_start - (bucket_start % ${sql.lit(bucketMs)})`;
      await db
        .insertInto('check_rollups')
        .columns(['check_id', 'bucket_ms', 'bucket_start', ...REPLACE])
        .expression(
          db
            .selectFrom('check_rollups')
            .select([
              'check_id',
              sql<number>`${sql.lit(bucketMs)}`.as('bucket_ms'),
              start.as('bucket_start'),
              sql<number>`sum(up)`.as('up'),
              sql<number>`sum(degraded)`.as('degraded'),
              sql<number>`sum(down)`.as('down'),
              sql<number>`sum(latency_sum)`.as('latency_sum'),
              sql<number>`max(latency_max)`.as('latency_max'),
            ])
            .where('bucket_ms', '=', sourceMs)
            .where('bucket_start', '>=', from)
            .where('bucket_start', '<', to)
            .groupBy(['check_id', start]),
        )
        .onConflict((oc) =>
          oc
            .columns(['check_id', 'bucket_ms', 'bucket_start'])
            .doUpdateSet((eb) => Object.fromEntries(REPLACE.map((c) => [c, eb.ref(`excluded.${c}`)]))),
        )
        .execute();
    },
    async list(checkId, bucketMs, from, to) {
      const rows = await db
        .selectFrom('check_rollups')
        .selectAll()
        .where('check_id', '=', checkId)
        .where('bucket_ms', '=', bucketMs)
        .where('bucket_start', '>=', from)
        .where('bucket_start', '<', to)
        .orderBy('bucket_start')
        .execute();
      return rows.map((r) => ({
        checkId: r.check_id,
        start: Number(r.bucket_start),
        up: r.up,
        degraded: r.degraded,
        down: r.down,
        latencySum: Number(r.latency_sum),
        latencyMax: r.latency_max === null ? null : Number(r.latency_max),
      }));
    },
    async count(checkIds, bucketMs, from, to) {
      const out: CheckCounts[] = [];
      for (const ids of chunks(checkIds, IDS_PER_QUERY)) {
        const rows = await db
          .selectFrom('check_rollups')
          .select([
            'check_id',
            sql<number>`sum(up)`.as('up'),
            sql<number>`sum(degraded)`.as('degraded'),
            sql<number>`sum(down)`.as('down'),
          ])
          .where('check_id', 'in', ids)
          .where('bucket_ms', '=', bucketMs)
          .where('bucket_start', '>=', from)
          .where('bucket_start', '<', to)
          .groupBy('check_id')
          .execute();
        for (const r of rows)
          out.push({ checkId: r.check_id, up: num(r.up), degraded: num(r.degraded), down: num(r.down) });
      }
      return out;
    },
    rolledUntil: (bucketMs) => readMark(db, `rolled:${bucketMs}`),
    setRolledUntil: (bucketMs, until) => writeMark(db, `rolled:${bucketMs}`, until),
    async pruneBefore(bucketMs, before) {
      const result = await db
        .deleteFrom('check_rollups')
        .where('bucket_ms', '=', bucketMs)
        .where('bucket_start', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
