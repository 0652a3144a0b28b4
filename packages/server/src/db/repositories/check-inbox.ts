import type { Kysely } from 'kysely';
import type { CheckInboxRepository } from '@vigie/core';
import type { Dialect } from '../connect';
import type { Database } from '../schema';
import { readMeasured, statusCode, statusOf, writeMeasured } from './check-codes';

export function checkInboxRepository(db: Kysely<Database>, dialect: Dialect): CheckInboxRepository {
  return {
    async insert(record) {
      await db
        .insertInto('check_inbox')
        .values({
          id: record.id,
          check_id: record.checkId,
          shard: record.shard,
          at: record.at,
          status: statusCode(record.result.status),
          latency_ms: record.result.latencyMs,
          message: record.result.message,
          measured: writeMeasured(record.result.values),
        })
        .execute();
    },
    async take(shards, limit) {
      if (shards.length === 0) return [];
      let query = db
        .selectFrom('check_inbox')
        .selectAll()
        .where('shard', 'in', [...shards])
        .orderBy('at')
        .orderBy('id')
        .limit(limit);
      // A shard changing hands must not have its results taken twice.
      if (dialect === 'postgres') query = query.forUpdate().skipLocked();
      const rows = await query.execute();
      if (rows.length === 0) return [];
      await db
        .deleteFrom('check_inbox')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows.map((r) => ({
        id: r.id,
        checkId: r.check_id,
        shard: r.shard,
        at: Number(r.at),
        result: {
          status: statusOf(r.status),
          latencyMs: Number(r.latency_ms),
          message: r.message,
          values: readMeasured(r.measured),
        },
      }));
    },
  };
}
