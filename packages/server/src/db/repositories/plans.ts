import type { Kysely, Selectable } from 'kysely';
import type { PlanRepository, PlanVersionRecord } from '@vigie/core';
import type { Database, PlanVersionsTable } from '../schema';

function toRecord(row: Selectable<PlanVersionsTable>): PlanVersionRecord {
  return {
    id: row.id,
    number: row.number,
    fileName: row.file_name,
    contentHash: row.content_hash,
    source: row.source,
    loadedBy: row.loaded_by,
    loadedAt: row.loaded_at,
    activatedAt: row.activated_at,
    active: row.active === 1,
  };
}

export function planRepository(db: Kysely<Database>): PlanRepository {
  return {
    async insert(version) {
      await db
        .insertInto('plan_versions')
        .values({
          id: version.id,
          number: version.number,
          file_name: version.fileName,
          content_hash: version.contentHash,
          source: version.source,
          loaded_by: version.loadedBy,
          loaded_at: version.loadedAt,
          activated_at: version.activatedAt,
          active: version.active ? 1 : 0,
        })
        .execute();
    },
    async activate(id, at) {
      await db.updateTable('plan_versions').set({ active: 0 }).where('active', '=', 1).execute();
      await db.updateTable('plan_versions').set({ active: 1, activated_at: at }).where('id', '=', id).execute();
    },
    async active() {
      const row = await db.selectFrom('plan_versions').selectAll().where('active', '=', 1).executeTakeFirst();
      return row && toRecord(row);
    },
    async activeHead() {
      return db
        .selectFrom('plan_versions')
        .select(['id', 'content_hash as contentHash'])
        .where('active', '=', 1)
        .executeTakeFirst();
    },
    async findById(id) {
      const row = await db.selectFrom('plan_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async findByHash(contentHash) {
      const row = await db
        .selectFrom('plan_versions')
        .selectAll()
        .where('content_hash', '=', contentHash)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async list() {
      const rows = await db
        .selectFrom('plan_versions')
        .select(['id', 'number', 'file_name', 'content_hash', 'loaded_by', 'loaded_at', 'activated_at', 'active'])
        .orderBy('number', 'desc')
        .execute();
      return rows.map((row) => {
        const { source: _source, ...rest } = toRecord({ ...row, source: '' });
        return rest;
      });
    },
    async nextNumber() {
      const row = await db
        .selectFrom('plan_versions')
        .select((eb) => eb.fn.max<number | null>('number').as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },
  };
}
