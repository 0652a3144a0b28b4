import type { Kysely, Selectable } from 'kysely';
import type { Role, UserRecord, UserRepository } from '@vigie/core';
import type { Database, UsersTable } from '../schema';

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    clientId: row.client_id,
    language: row.language === 'en' ? 'en' : 'fr',
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export function userRepository(db: Kysely<Database>): UserRepository {
  return {
    async insert(user) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          client_id: user.clientId,
          language: user.language,
          password_hash: user.passwordHash,
          created_at: user.createdAt,
          disabled_at: user.disabledAt,
        })
        .execute();
    },
    async findByEmail(email) {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return row && toRecord(row);
    },
    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
      return rows.map(toRecord);
    },
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async update(id, changes) {
      await db
        .updateTable('users')
        .set({
          ...(changes.email !== undefined && { email: changes.email }),
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.clientId !== undefined && { client_id: changes.clientId }),
          ...(changes.language !== undefined && { language: changes.language }),
          ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
          ...(changes.disabledAt !== undefined && { disabled_at: changes.disabledAt }),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
