import type { Kysely, Selectable } from 'kysely';
import type { CheckState, CheckTransitionRecord, CheckTransitionRepository } from '@vigie/core';
import type { Database } from '../schema';
import type { CheckTransitionsTable } from '../monitoring-schema';
import { chunks, readMeasured, statusCode, statusOf, writeMeasured } from './check-codes';

const ROWS_PER_INSERT = 2_000;

function toRecord(row: Selectable<CheckTransitionsTable>): CheckTransitionRecord {
  return {
    id: row.id,
    checkId: row.check_id,
    shard: row.shard,
    at: Number(row.at),
    from: row.from_state as CheckState,
    to: row.to_state as CheckState,
    result: {
      status: statusOf(row.status),
      latencyMs: Number(row.latency_ms),
      message: row.message,
      values: readMeasured(row.measured),
    },
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  };
}

export function checkTransitionRepository(db: Kysely<Database>): CheckTransitionRepository {
  return {
    async insertMany(transitions) {
      for (const part of chunks(transitions, ROWS_PER_INSERT)) {
        await db
          .insertInto('check_transitions')
          .values(
            part.map((t) => ({
              id: t.id,
              check_id: t.checkId,
              shard: t.shard,
              at: t.at,
              from_state: t.from,
              to_state: t.to,
              status: statusCode(t.result.status),
              latency_ms: t.result.latencyMs,
              message: t.result.message,
              measured: writeMeasured(t.result.values),
              delivered_at: t.deliveredAt,
            })),
          )
          .execute();
      }
    },
    async markDelivered(ids, at) {
      for (const part of chunks(ids, 1_000)) {
        await db.updateTable('check_transitions').set({ delivered_at: at }).where('id', 'in', part).execute();
      }
    },
    async undelivered(shards, before, limit) {
      if (shards.length === 0) return [];
      const rows = await db
        .selectFrom('check_transitions')
        .selectAll()
        .where('delivered_at', 'is', null)
        .where('shard', 'in', [...shards])
        .where('at', '<', before)
        .orderBy('at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async listForCheck(checkId, limit) {
      const rows = await db
        .selectFrom('check_transitions')
        .selectAll()
        .where('check_id', '=', checkId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
  };
}
