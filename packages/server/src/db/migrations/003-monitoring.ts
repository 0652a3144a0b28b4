import { sql, type Kysely } from 'kysely';

/**
 * Monitoring of checks: raw results (pruned after a retention), each check's state, rollups
 * per 5 minutes and per hour, transitions until their consumer took them, results from
 * outside (heartbeats, agents) waiting for their shard's node, shard leases and the nodes
 * alive, heartbeat tokens.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // No primary key: rows are only appended, read by (check, time) and pruned by time.
  await db.schema
    .createTable('check_results')
    .addColumn('check_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('latency_ms', 'double precision', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('measured', 'text')
    .execute();
  await db.schema.createIndex('check_results_check_at').on('check_results').columns(['check_id', 'at']).execute();
  await db.schema.createIndex('check_results_at').on('check_results').column('at').execute();

  await db.schema
    .createTable('check_states')
    .addColumn('check_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('since', 'bigint')
    .addColumn('down_run', 'integer', (c) => c.notNull())
    .addColumn('not_up_run', 'integer', (c) => c.notNull())
    .addColumn('up_run', 'integer', (c) => c.notNull())
    .addColumn('not_down_run', 'integer', (c) => c.notNull())
    .addColumn('same_run', 'integer', (c) => c.notNull())
    .addColumn('recent', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_status', 'smallint')
    .addColumn('last_at', 'bigint')
    .addColumn('last_latency_ms', 'double precision')
    .addColumn('last_message', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('check_states_shard').on('check_states').column('shard').execute();

  await db.schema
    .createTable('check_rollups')
    .addColumn('check_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('bucket_ms', 'integer', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull())
    .addColumn('up', 'integer', (c) => c.notNull())
    .addColumn('degraded', 'integer', (c) => c.notNull())
    .addColumn('down', 'integer', (c) => c.notNull())
    .addColumn('latency_sum', 'double precision', (c) => c.notNull())
    .addColumn('latency_max', 'double precision')
    .addPrimaryKeyConstraint('check_rollups_pk', ['check_id', 'bucket_ms', 'bucket_start'])
    .execute();
  await db.schema
    .createIndex('check_rollups_time')
    .on('check_rollups')
    .columns(['bucket_ms', 'bucket_start'])
    .execute();

  // How far rollups are done (`rolled:300000`), before when raw results were pruned (`pruned`).
  await db.schema
    .createTable('check_marks')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('check_transitions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('check_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('from_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('to_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('latency_ms', 'double precision', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('measured', 'text')
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema.createIndex('check_transitions_check').on('check_transitions').columns(['check_id', 'at']).execute();
  // Few transitions wait at a time: a partial index finds them without scanning history.
  await db.schema
    .createIndex('check_transitions_waiting')
    .on('check_transitions')
    .columns(['shard', 'at'])
    .where(sql.ref('delivered_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('check_inbox')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('check_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('latency_ms', 'double precision', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('measured', 'text')
    .execute();
  await db.schema.createIndex('check_inbox_shard').on('check_inbox').columns(['shard', 'at']).execute();

  await db.schema
    .createTable('check_shard_leases')
    .addColumn('shard', 'integer', (c) => c.primaryKey())
    .addColumn('owner', 'varchar(128)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('check_nodes')
    .addColumn('node_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('alive_until', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('check_heartbeat_tokens')
    .addColumn('check_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('sealed_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
