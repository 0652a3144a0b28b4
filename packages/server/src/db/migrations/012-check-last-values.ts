import type { Kysely } from 'kysely';

/**
 * A check's state keeps the values its last result measured (a battery's charge, the days a
 * TLS certificate has left), so that they can be read for every check at once: the metrics a
 * Prometheus server scrapes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('check_states').addColumn('last_measured', 'text').execute();
}
