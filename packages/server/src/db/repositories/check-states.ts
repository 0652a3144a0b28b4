import type { Kysely, Selectable } from 'kysely';
import type { CheckState, CheckStateRecord, CheckStateRepository } from '@vigie/core';
import type { Dialect } from '../connect';
import type { Database } from '../schema';
import { BatchStatement } from './batch-statement';
import type { CheckStatesTable } from '../monitoring-schema';
import { chunks, readMeasured, statusCode, statusOf, writeMeasured } from './check-codes';

const STATE_COLUMNS = [
  'check_id',
  'shard',
  'state',
  'since',
  'down_run',
  'not_up_run',
  'up_run',
  'not_down_run',
  'same_run',
  'recent',
  'last_status',
  'last_at',
  'last_latency_ms',
  'last_message',
  'last_measured',
  'updated_at',
] as const satisfies readonly (keyof CheckStatesTable)[];

/** A check's state written whole, over the one stored (16 parameters a row). */
const UPSERT_STATES = new BatchStatement({
  into: `insert into check_states (${STATE_COLUMNS.join(', ')})`,
  columns: STATE_COLUMNS.length,
  tail: `on conflict (check_id) do update set ${STATE_COLUMNS.slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`,
  sizes: [256, 32, 4, 1],
});
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
    lastValues: readMeasured(row.last_measured),
    updatedAt: Number(row.updated_at),
  };
}

export function checkStateRepository(db: Kysely<Database>, dialect: Dialect): CheckStateRepository {
  return {
    async upsertMany(states) {
      await UPSERT_STATES.run(
        db,
        dialect,
        states,
        ({ checkId, shard, memory: m, lastLatencyMs, lastMessage, lastValues, updatedAt }) => [
          checkId,
          shard,
          m.state,
          m.since,
          m.downRun,
          m.notUpRun,
          m.upRun,
          m.notDownRun,
          m.sameRun,
          m.recent,
          m.lastStatus === null ? null : statusCode(m.lastStatus),
          m.lastAt,
          lastLatencyMs,
          lastMessage,
          writeMeasured(lastValues),
          updatedAt,
        ],
      );
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
