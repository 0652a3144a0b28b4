import { sql, type Kysely } from 'kysely';

/**
 * The signals waiting out their group wait, found without reading the others: each flush
 * pages through them oldest first, and the table keeps every signal ever recovered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('signals_pending')
    .on('signals')
    .columns(['first_at', 'id'])
    // Written out, not bound: a query uses a partial index only when it holds the same terms.
    .where(sql<boolean>`status = 'pending'`)
    .execute();
}
