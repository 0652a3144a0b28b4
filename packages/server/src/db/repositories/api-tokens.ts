import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenRecord, ApiTokenRepository } from '@vigie/core';
import type { ApiTokensTable, Database } from '../schema';

function toRecord(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function apiTokenRepository(db: Kysely<Database>): ApiTokenRepository {
  return {
    async insert(token) {
      await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          name: token.name,
          token_hash: token.tokenHash,
          user_id: token.userId,
          created_at: token.createdAt,
          last_used_at: token.lastUsedAt,
          revoked_at: token.revokedAt,
        })
        .execute();
    },
    async findByHash(tokenHash) {
      const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toRecord(row);
    },
    async findById(id) {
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map(toRecord);
    },
    async list() {
      const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
      return rows.map(toRecord);
    },
    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revoke(id, at) {
      await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
    },
  };
}
