import type { Kysely } from 'kysely';

/** Replacements on the plan's on-call schedules: someone else holds the duty for a while. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('on_call_overrides')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('schedule_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Each message to a schedule reads the replacements under way.
  await db.schema.createIndex('on_call_overrides_by_end').on('on_call_overrides').column('ends_at').execute();
}
