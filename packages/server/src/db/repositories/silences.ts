import { sql, type Kysely, type Selectable } from 'kysely';
import type { SilenceRecord, SilenceRepository } from '@vigie/core';
import type { Database, SilencesTable } from '../schema';
import { readJson } from './json';

function toSilence(row: Selectable<SilencesTable>): SilenceRecord {
  return {
    id: row.id,
    matchers: readJson<SilenceRecord['matchers']>(row.matchers),
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    mutedCount: Number(row.muted_count),
    lastMutedAt: row.last_muted_at === null ? null : Number(row.last_muted_at),
  };
}

export function silenceRepository(db: Kysely<Database>): SilenceRepository {
  return {
    async insert(silence) {
      await db
        .insertInto('silences')
        .values({
          id: silence.id,
          matchers: JSON.stringify(silence.matchers),
          starts_at: silence.startsAt,
          ends_at: silence.endsAt,
          comment: silence.comment,
          created_by: silence.createdBy,
          created_at: silence.createdAt,
          updated_at: silence.updatedAt,
          muted_count: silence.mutedCount,
          last_muted_at: silence.lastMutedAt,
        })
        .execute();
    },
    async update(silence) {
      const result = await db
        .updateTable('silences')
        .set({
          matchers: JSON.stringify(silence.matchers),
          starts_at: silence.startsAt,
          ends_at: silence.endsAt,
          comment: silence.comment,
          updated_at: silence.updatedAt,
        })
        .where('id', '=', silence.id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async findById(id) {
      const row = await db.selectFrom('silences').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSilence(row);
    },
    async endingAfter(endsAfter) {
      const rows = await db
        .selectFrom('silences')
        .selectAll()
        .where('ends_at', '>', endsAfter)
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toSilence);
    },
    async recordMuted(counts, at) {
      for (const [id, count] of counts) {
        await db
          .updateTable('silences')
          .set((eb) => ({ muted_count: sql<number>`${eb.ref('muted_count')} + ${count}`, last_muted_at: at }))
          .where('id', '=', id)
          .execute();
      }
    },
  };
}
