import type { Kysely, Selectable } from 'kysely';
import type { HeartbeatTokenRecord, HeartbeatTokenRepository } from '@vigie/core';
import type { Database } from '../schema';
import type { CheckHeartbeatTokensTable } from '../monitoring-schema';

function toRecord(row: Selectable<CheckHeartbeatTokensTable>): HeartbeatTokenRecord {
  return {
    checkId: row.check_id,
    tokenHash: row.token_hash,
    sealedToken: row.sealed_token,
    createdAt: Number(row.created_at),
  };
}

export function heartbeatTokenRepository(db: Kysely<Database>): HeartbeatTokenRepository {
  return {
    async put(record) {
      const values = { token_hash: record.tokenHash, sealed_token: record.sealedToken, created_at: record.createdAt };
      await db
        .insertInto('check_heartbeat_tokens')
        .values({ check_id: record.checkId, ...values })
        .onConflict((oc) => oc.column('check_id').doUpdateSet(values))
        .execute();
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom('check_heartbeat_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async list() {
      const rows = await db.selectFrom('check_heartbeat_tokens').selectAll().orderBy('check_id').execute();
      return rows.map(toRecord);
    },
  };
}
