import type { Kysely } from 'kysely';
import type { Repositories, Store } from '@vigie/core';
import type { Database } from './schema';
import { apiTokenRepository } from './repositories/api-tokens';
import { auditRepository } from './repositories/audit';
import { planRepository } from './repositories/plans';
import { sessionRepository } from './repositories/sessions';
import { userRepository } from './repositories/users';

export function repositoriesFor(db: Kysely<Database>): Repositories {
  return {
    users: userRepository(db),
    sessions: sessionRepository(db),
    apiTokens: apiTokenRepository(db),
    plans: planRepository(db),
    audit: auditRepository(db),
  };
}

/** The store over Kysely: each unit of work is one database transaction. */
export function kyselyStore(db: Kysely<Database>): Store {
  return {
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesFor(trx))),
  };
}
