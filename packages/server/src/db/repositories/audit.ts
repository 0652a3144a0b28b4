import type { Kysely } from 'kysely';
import type { AuditEntry, AuditRepository } from '@vigie/core';
import type { Database } from '../schema';

export function auditRepository(db: Kysely<Database>): AuditRepository {
  const readHead = async (): Promise<{ seq: number; hash: string }> => {
    const row = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash };
  };
  return {
    async lockHead() {
      // A no-op write takes the row lock (PostgreSQL) or the write lock (SQLite) until commit,
      // so concurrent appends queue up instead of forking the chain.
      await db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb.ref('seq') }))
        .where('id', '=', 1)
        .execute();
      return readHead();
    },
    async append(entry: AuditEntry) {
      await db
        .insertInto('audit_log')
        .values({
          seq: entry.seq,
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject,
          details: entry.details,
          prev_hash: entry.prevHash,
          hash: entry.hash,
        })
        .execute();
      await db.updateTable('audit_head').set({ seq: entry.seq, hash: entry.hash }).where('id', '=', 1).execute();
    },
    head: readHead,
    async page(afterSeq, limit) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        seq: Number(row.seq),
        at: row.at,
        actor: row.actor,
        action: row.action,
        subject: row.subject,
        details: row.details,
        prevHash: row.prev_hash,
        hash: row.hash,
      }));
    },
  };
}
