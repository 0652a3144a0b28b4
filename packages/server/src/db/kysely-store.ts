import type { Kysely } from 'kysely';
import type { Repositories, Store } from '@vigie/core';
import type { Dialect } from './connect';
import type { Database } from './schema';
import { actionItemRepository, crisisCellRepository, dutyRepository, sitrepRepository } from './repositories/crisis';
import { incidentRepository } from './repositories/incidents';
import { jobRepository } from './repositories/jobs';
import { notificationRepository } from './repositories/notifications';
import { timelineRepository } from './repositories/timeline';
import { apiTokenRepository } from './repositories/api-tokens';
import { auditRepository } from './repositories/audit';
import { planRepository } from './repositories/plans';
import { sessionRepository } from './repositories/sessions';
import { userRepository } from './repositories/users';

export function repositoriesFor(db: Kysely<Database>, dialect: Dialect): Repositories {
  return {
    incidents: incidentRepository(db, dialect),
    timeline: timelineRepository(db),
    jobs: jobRepository(db, dialect),
    notifications: notificationRepository(db),
    crisisCell: crisisCellRepository(db),
    sitreps: sitrepRepository(db),
    actionItems: actionItemRepository(db),
    duties: dutyRepository(db),
    users: userRepository(db),
    sessions: sessionRepository(db),
    apiTokens: apiTokenRepository(db),
    plans: planRepository(db),
    audit: auditRepository(db),
  };
}

/** The store over Kysely: each unit of work is one database transaction. */
export function kyselyStore(db: Kysely<Database>, dialect: Dialect): Store {
  return {
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesFor(trx, dialect))),
  };
}
