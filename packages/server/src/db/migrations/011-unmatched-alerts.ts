import type { Kysely } from 'kysely';

/**
 * Firing alerts that revealed no threat, one row per `alertname` and `threat` label: what an
 * administrator reads to find a sender misrouted or a rule missing from the plan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unmatched_alerts')
    // 64 bits of the two labels, in hexadecimal: the labels themselves may be of any length.
    .addColumn('key', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('alertname', 'text', (c) => c.notNull())
    .addColumn('threat_label', 'text')
    .addColumn('reason', 'varchar(32)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .execute();
}
