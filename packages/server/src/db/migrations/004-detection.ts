import { sql, type Kysely } from 'kysely';

/** Signals (detections held for grouping, then opened or attached) and maintenance windows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signals')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('source', 'varchar(512)', (c) => c.notNull())
    .addColumn('threat_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('asset_id', 'varchar(128)')
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('live', 'integer', (c) => c.notNull())
    .addColumn('incident_id', 'varchar(64)')
    .addColumn('recovered_at', 'bigint')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  // One live signal per source and threat: a repeat refreshes it.
  await db.schema
    .createIndex('signals_live_source')
    .on('signals')
    .columns(['source', 'threat_id'])
    .unique()
    .where(sql.ref('live'), '=', 1)
    .execute();
  // Live signals are found through the partial index above; a signal gets an incident
  // only once raised, so most rows (alerts by the thousand) stay out of this index.
  await db.schema
    .createIndex('signals_incident')
    .on('signals')
    .column('incident_id')
    .where(sql.ref('incident_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('scope', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('maintenance_windows_time')
    .on('maintenance_windows')
    .columns(['starts_at', 'ends_at'])
    .execute();
}
