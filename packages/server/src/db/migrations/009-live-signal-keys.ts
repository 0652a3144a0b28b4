import { sql, type Kysely } from 'kysely';
import { liveSignalKey } from '../repositories/live-signal-key';
import type { Database } from '../schema';

/** Signals keyed per statement: two parameters each. */
const KEYS_PER_STATEMENT = 250;

/**
 * Live signals are found by a 64-bit key of their source and threat (`liveSignalKey`)
 * instead of the two texts: the index holds a number where it held about forty characters,
 * so a batch of new alerts, each landing at a random place in it, dirties fewer pages. The
 * threats that ever had a signal are listed, so that a source's live signals are still found
 * from the source alone (its key under each of them).
 */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Database>;
  await db.schema.alterTable('signals').addColumn('live_key', 'bigint').execute();
  await db.schema
    .createTable('signal_threats')
    .addColumn('threat_id', 'varchar(128)', (c) => c.primaryKey())
    .execute();
  await sql`insert into signal_threats (threat_id) select distinct threat_id from signals`.execute(db);

  const live = await db.selectFrom('signals').select(['id', 'source', 'threat_id']).where('live', '=', 1).execute();
  for (let i = 0; i < live.length; i += KEYS_PER_STATEMENT) {
    const chunk = live.slice(i, i + KEYS_PER_STATEMENT);
    const keys = sql<bigint>`case id ${sql.join(
      chunk.map(
        ({ id, source, threat_id }) => sql`when ${id} then cast(${liveSignalKey(source, threat_id)} as bigint)`,
      ),
      sql` `,
    )} end`;
    await db
      .updateTable('signals')
      .set({ live_key: keys })
      .where(
        'id',
        'in',
        chunk.map(({ id }) => id),
      )
      .execute();
  }

  await db.schema
    .createIndex('signals_live_key')
    .on('signals')
    .column('live_key')
    .unique()
    .where(sql.ref('live'), '=', 1)
    .execute();
  await db.schema.dropIndex('signals_live_source').execute();
  // The live combinations (`rule:…`), few among the live signals, read at every flush.
  await db.schema
    .createIndex('signals_live_rules')
    .on('signals')
    .column('source')
    // Written out, not bound: a query uses a partial index only when it holds the same terms.
    .where(sql<boolean>`live = 1 and source >= 'rule:' and source < 'rule;'`)
    .execute();
}
