import { sql, type Kysely } from 'kysely';

/** Incidents, their timeline, durable jobs, the notification outbox, crisis cells and duties. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('threat_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('severity', 'varchar(16)', (c) => c.notNull())
    .addColumn('assets', 'text', (c) => c.notNull())
    .addColumn('clients', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('eta_at', 'bigint')
    .addColumn('cause', 'text')
    .addColumn('summary', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'varchar(512)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('fired_steps', 'text', (c) => c.notNull())
    .addColumn('drill', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One ongoing incident per threat and assets: a second signal attaches to it.
  await db.schema
    .createIndex('incidents_active_dedup')
    .on('incidents')
    .column('dedup_key')
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute();
  await db.schema.createIndex('incidents_started').on('incidents').column('started_at').execute();

  await db.schema
    .createTable('incident_clients')
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('client_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_clients_pk', ['incident_id', 'client_id'])
    .execute();
  await db.schema.createIndex('incident_clients_client').on('incident_clients').column('client_id').execute();

  await db.schema
    .createTable('timeline')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('ref', 'varchar(128)')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('timeline_incident_seq', ['incident_id', 'seq'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('key', 'varchar(512)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('incident_id', 'varchar(64)')
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_incident').on('jobs').columns(['incident_id', 'status']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('key', 'varchar(512)', (c) => c.notNull().unique())
    .addColumn('incident_id', 'varchar(64)')
    .addColumn('event', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('recipient_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('fallback_of', 'varchar(64)')
    .addColumn('ref', 'varchar(128)')
    .execute();
  await db.schema.createIndex('notifications_incident').on('notifications').column('incident_id').execute();

  await db.schema
    .createTable('crisis_cell_members')
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('crisis_cell_members_pk', ['incident_id', 'role', 'person_id'])
    .execute();

  await db.schema
    .createTable('sitreps')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('next_steps', 'text', (c) => c.notNull())
    .addColumn('needs', 'text')
    .execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('due_at', 'bigint')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('duties')
    .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('duty_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('duties_incident_duty', ['incident_id', 'duty_id'])
    .execute();
}
