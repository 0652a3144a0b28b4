import type { Kysely } from 'kysely';
import type { TimelineEntry, TimelineKind, TimelineRepository } from '@vigie/core';
import type { Dialect } from '../connect';
import type { Database } from '../schema';
import { readJson } from './json';

export function timelineRepository(db: Kysely<Database>, dialect: Dialect): TimelineRepository {
  return {
    async append(entry) {
      // Appends to one incident queue behind its row lock, so sequence numbers never collide.
      if (dialect === 'postgres') {
        await db.selectFrom('incidents').select('id').where('id', '=', entry.incidentId).forUpdate().execute();
      }
      const last = await db
        .selectFrom('timeline')
        .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
        .where('incident_id', '=', entry.incidentId)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      await db
        .insertInto('timeline')
        .values({
          id: entry.id,
          incident_id: entry.incidentId,
          seq,
          at: entry.at,
          kind: entry.kind,
          actor: entry.actor,
          ref: entry.ref,
          summary: entry.summary,
          data: JSON.stringify(entry.data),
        })
        .execute();
      return { ...entry, seq };
    },
    async list(incidentId) {
      const rows = await db
        .selectFrom('timeline')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('seq')
        .execute();
      return rows.map((row): TimelineEntry => ({
        id: row.id,
        incidentId: row.incident_id,
        seq: row.seq,
        at: row.at,
        kind: row.kind as TimelineKind,
        actor: row.actor,
        ref: row.ref,
        summary: row.summary,
        data: readJson<Record<string, unknown>>(row.data),
      }));
    },
  };
}
