import { sql, type Kysely } from 'kysely';

/**
 * The live signals raised on an incident, found without reading those that recovered: when
 * a storm of alerts resolves, each batch asks whether any of the incident's signals is still
 * live, and the incident may hold a hundred thousand that are not. Signals waiting out their
 * group wait (no incident yet) stay out of it, so receiving alerts costs it nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('signals_live_incident')
    .on('signals')
    .column('incident_id')
    .where((eb) => eb.and([eb(sql.ref('live'), '=', 1), eb(sql.ref('incident_id'), 'is not', null)]))
    .execute();
}
