import type { Kysely } from 'kysely';

/** Agents (token hash only), the tasks they are asked to run, and their reports (bounded history). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('assets', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('enrolled_by', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint')
    .addColumn('last_report_at', 'bigint')
    .addColumn('report_interval_ms', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('silence_fed_at', 'bigint')
    .execute();

  await db.schema
    .createTable('agent_tasks')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('agent_id', 'varchar(64)', (c) => c.notNull().references('agents.id'))
    .addColumn('asset_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('action', 'varchar(128)', (c) => c.notNull())
    .addColumn('timeout_ms', 'bigint', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('queued_by', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('exit_code', 'integer')
    .addColumn('output', 'text')
    .addColumn('output_truncated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .execute();
  await db.schema.createIndex('agent_tasks_agent_status').on('agent_tasks').columns(['agent_id', 'status']).execute();
  await db.schema
    .createIndex('agent_tasks_agent_queued')
    .on('agent_tasks')
    .columns(['agent_id', 'queued_at'])
    .execute();

  await db.schema
    .createTable('agent_reports')
    .addColumn('agent_id', 'varchar(64)', (c) => c.notNull().references('agents.id'))
    .addColumn('report_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_reports_pk', ['agent_id', 'report_id'])
    .execute();
  await db.schema.createIndex('agent_reports_agent_at').on('agent_reports').columns(['agent_id', 'at']).execute();
}
