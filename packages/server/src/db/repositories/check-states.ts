import type { Kysely, Selectable } from 'kysely';
import type { CheckState, CheckStateRecord, CheckStateRepository } from '@vigie/core';
import type { Database } from '../schema';
import type { CheckStatesTable } from '../monitoring-schema';
import { chunks, statusCode, statusOf } from './check-codes';

/** 15 parameters a row: 1,000 rows stay under SQLite's bound parameter limit. */
const ROWS_PER_UPSERT = 1_000;
const IDS_PER_QUERY = 1_000;

function toRecord(row: Selectable<CheckStatesTable>): CheckStateRecord {
  return {
    checkId: row.check_id,
    shard: row.shard,
    memory: {
      state: row.state as CheckState,
      since: row.since === null ? null : Number(row.since),
      downRun: row.down_run,
      notUpRun: row.not_up_run,
      upRun: row.up_run,
      notDownRun: row.not_down_run,
      sameRun: row.same_run,
      recent: row.recent,
      lastStatus: row.last_status === null ? null : statusOf(row.last_status),
      lastAt: row.last_at === null ? null : Number(row.last_at),
    },
    lastLatencyMs: row.last_latency_ms === null ? null : Number(row.last_latency_ms),
    lastMessage: row.last_message,
    updatedAt: Number(row.updated_at),
  };
}

export function checkStateRepository(db: Kysely<Database>): CheckStateRepository {
  return {
    async upsertMany(states) {
      for (const part of chunks(states, ROWS_PER_UPSERT)) {
        await db
          .insertInto('check_states')
          .values(
            part.map(({ checkId, shard, memory: m, lastLatencyMs, lastMessage, updatedAt }) => ({
              check_id: checkId,
              shard,
              state: m.state,
              since: m.since,
              down_run: m.downRun,
              not_up_run: m.notUpRun,
              up_run: m.upRun,
              not_down_run: m.notDownRun,
              same_run: m.sameRun,
              recent: m.recent,
              last_status: m.lastStatus === null ? null : statusCode(m.lastStatus),
              last_at: m.lastAt,
              last_latency_ms: lastLatencyMs,
              last_message: lastMessage,
              updated_at: updatedAt,
            })),
          )
          .onConflict((oc) =>
            oc.column('check_id').doUpdateSet((eb) => ({
              shard: eb.ref('excluded.shard'),
              state: eb.ref('excluded.state'),
              since: eb.ref('excluded.since'),
              down_run: eb.ref('excluded.down_run'),
              not_up_run: eb.ref('excluded.not_up_run'),
              up_run: eb.ref('excluded.up_run'),
              not_down_run: eb.ref('excluded.not_down_run'),
              same_run: eb.ref('excluded.same_run'),
              recent: eb.ref('excluded.recent'),
              last_status: eb.ref('excluded.last_status'),
              last_at: eb.ref('excluded.last_at'),
              last_latency_ms: eb.ref('excluded.last_latency_ms'),
              last_message: eb.ref('excluded.last_message'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },
    async forChecks(checkIds) {
      const out: CheckStateRecord[] = [];
      for (const ids of chunks(checkIds, IDS_PER_QUERY)) {
        const rows = await db.selectFrom('check_states').selectAll().where('check_id', 'in', ids).execute();
        out.push(...rows.map(toRecord));
      }
      return out;
    },
    async forShards(shards) {
      if (shards.length === 0) return [];
      const rows = await db
        .selectFrom('check_states')
        .selectAll()
        .where('shard', 'in', [...shards])
        .execute();
      return rows.map(toRecord);
    },
  };
}
