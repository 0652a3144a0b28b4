import type { Kysely } from 'kysely';

/** Runbook runs and their steps. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runbook_runs')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('runbook_runs_incident').on('runbook_runs').column('incident_id').execute();

  await db.schema
    .createTable('runbook_steps')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull().references('runbook_runs.id').onDelete('cascade'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('instructions', 'text')
    .addColumn('action', 'varchar(128)')
    .addColumn('asset_id', 'varchar(128)')
    .addColumn('approval', 'integer', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('timeout_ms', 'bigint', (c) => c.notNull())
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'varchar(64)')
    .addColumn('output', 'text')
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('done_by', 'text')
    .addPrimaryKeyConstraint('runbook_steps_pk', ['run_id', 'idx'])
    .execute();
  await db.schema.createIndex('runbook_steps_task').on('runbook_steps').column('task_id').execute();
}
