import type { Kysely } from 'kysely';

/**
 * Silences: inbound alerts whose labels match are muted for a while, as in Alertmanager;
 * each counts what it muted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('silences')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    // JSON: [{name, value, isRegex, isEqual}].
    .addColumn('matchers', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('muted_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_muted_at', 'bigint')
    .execute();
  // Each batch of alerts reads the silences not yet ended.
  await db.schema.createIndex('silences_by_end').on('silences').column('ends_at').execute();
}
