import type { Kysely, Selectable } from 'kysely';
import type { OnCallOverrideRecord, OnCallOverrideRepository } from '@vigie/core';
import type { Database, OnCallOverridesTable } from '../schema';

function toOverride(row: Selectable<OnCallOverridesTable>): OnCallOverrideRecord {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    personId: row.person_id,
    from: Number(row.starts_at),
    to: Number(row.ends_at),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

export function onCallOverrideRepository(db: Kysely<Database>): OnCallOverrideRepository {
  return {
    async insert(override) {
      await db
        .insertInto('on_call_overrides')
        .values({
          id: override.id,
          schedule_id: override.scheduleId,
          person_id: override.personId,
          starts_at: override.from,
          ends_at: override.to,
          reason: override.reason,
          created_by: override.createdBy,
          created_at: override.createdAt,
        })
        .execute();
    },
    async findById(id) {
      const row = await db.selectFrom('on_call_overrides').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOverride(row);
    },
    async delete(id) {
      const result = await db.deleteFrom('on_call_overrides').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async overlapping(after, before) {
      const rows = await db
        .selectFrom('on_call_overrides')
        .selectAll()
        .where('ends_at', '>', after)
        .where('starts_at', '<', before)
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toOverride);
    },
  };
}
