import { sql, type Kysely } from 'kysely';
import type { CheckBucket, CheckCounts, CheckResultRepository } from '@vigie/core';
import type { Dialect } from '../connect';
import type { Database } from '../schema';
import { BatchStatement } from './batch-statement';
import { chunks, num, readMark, readMeasured, statusCode, statusOf, writeMark, writeMeasured } from './check-codes';

/** Results are appended in batches (6 parameters a row: far under the databases' bounds). */
const INSERT_RESULTS = new BatchStatement({
  into: 'insert into check_results (check_id, at, status, latency_ms, message, measured)',
  columns: 6,
  tail: '',
  sizes: [512, 64, 8, 1],
});
const IDS_PER_QUERY = 1_000;

/** Counting by status, shared by counts and buckets. */
export const statusSums = {
  up: sql<number>`sum(case when status = 0 then 1 else 0 end)`,
  degraded: sql<number>`sum(case when status = 1 then 1 else 0 end)`,
  down: sql<number>`sum(case when status = 2 then 1 else 0 end)`,
};

export function checkResultRepository(db: Kysely<Database>, dialect: Dialect): CheckResultRepository {
  return {
    async insertMany(results) {
      await INSERT_RESULTS.run(db, dialect, results, (r) => [
        r.checkId,
        r.at,
        statusCode(r.status),
        r.latencyMs,
        r.message,
        writeMeasured(r.values),
      ]);
    },
    async list(checkId, from, to, limit) {
      const rows = await db
        .selectFrom('check_results')
        .selectAll()
        .where('check_id', '=', checkId)
        .where('at', '>=', from)
        .where('at', '<', to)
        .orderBy('at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        checkId: r.check_id,
        at: Number(r.at),
        status: statusOf(Number(r.status)),
        latencyMs: Number(r.latency_ms),
        message: r.message,
        values: readMeasured(r.measured),
      }));
    },
    async count(checkIds, from, to) {
      const out: CheckCounts[] = [];
      for (const ids of chunks(checkIds, IDS_PER_QUERY)) {
        const rows = await db
          .selectFrom('check_results')
          .select(['check_id', statusSums.up.as('up'), statusSums.degraded.as('degraded'), statusSums.down.as('down')])
          .where('check_id', 'in', ids)
          .where('at', '>=', from)
          .where('at', '<', to)
          .groupBy('check_id')
          .execute();
        for (const r of rows)
          out.push({ checkId: r.check_id, up: num(r.up), degraded: num(r.degraded), down: num(r.down) });
      }
      return out;
    },
    async buckets(checkId, bucketMs, from, to) {
      const start = sql<number>`at - (at % ${sql.lit(bucketMs)})`;
      const rows = await db
        .selectFrom('check_results')
        .select([
          start.as('start'),
          statusSums.up.as('up'),
          statusSums.degraded.as('degraded'),
          statusSums.down.as('down'),
          sql<number>`sum(latency_ms)`.as('latency_sum'),
          sql<number | null>`max(latency_ms)`.as('latency_max'),
        ])
        .where('check_id', '=', checkId)
        .where('at', '>=', from)
        .where('at', '<', to)
        .groupBy(start)
        .orderBy(start)
        .execute();
      return rows.map((r): CheckBucket => ({
        checkId,
        start: num(r.start),
        up: num(r.up),
        degraded: num(r.degraded),
        down: num(r.down),
        latencySum: num(r.latency_sum),
        latencyMax: r.latency_max === null ? null : Number(r.latency_max),
      }));
    },
    prunedBefore: () => readMark(db, 'pruned'),
    async oldest() {
      const row = await db
        .selectFrom('check_results')
        .select((eb) => eb.fn.min<number | null>('at').as('at'))
        .executeTakeFirst();
      return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
    },
    async pruneBefore(before, limit) {
      // Raw results are incomplete before this time from now on, even if a few rows remain.
      if (before > ((await readMark(db, 'pruned')) ?? -Infinity)) await writeMark(db, 'pruned', before);
      // Bounded deletes keep each transaction short on a big table.
      const doomed = db.selectFrom('check_results').select('at').where('at', '<', before).orderBy('at').limit(limit);
      const edge = await db
        .selectFrom(doomed.as('d'))
        .select((eb) => eb.fn.max<number | null>('d.at').as('at'))
        .executeTakeFirst();
      if (edge?.at === null || edge?.at === undefined) return 0;
      const result = await db
        .deleteFrom('check_results')
        .where('at', '<=', Number(edge.at))
        .where('at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
