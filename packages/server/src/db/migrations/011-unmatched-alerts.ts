import type { Kysely } from 'kysely';

/**
 * Firing alerts that revealed no threat, one row per `alertname` and `threat` label: what an
 * administrator reads to find a sender misrouted or a rule missing from the plan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unmatched_alerts')
    .addColumn('key', 'varchar(1024)', (c) => c.primaryKey())
    .addColumn('alertname', 'varchar(512)', (c) => c.notNull())
    .addColumn('threat_label', 'varchar(512)')
    .addColumn('reason', 'varchar(32)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .execute();
}
