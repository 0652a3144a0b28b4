import type { Kysely } from 'kysely';
import type { Repositories, Store } from '@vigie/core';
import type { Dialect } from './connect';
import type { Database } from './schema';
import { actionItemRepository, crisisCellRepository, dutyRepository, sitrepRepository } from './repositories/crisis';
import { incidentRepository } from './repositories/incidents';
import { jobRepository } from './repositories/jobs';
import { monitoringRepositories } from './repositories/monitoring';
import { notificationRepository } from './repositories/notifications';
import { maintenanceRepository, signalRepository, unmatchedAlertRepository } from './repositories/detection';
import { runbookRepository } from './repositories/runbooks';
import { silenceRepository } from './repositories/silences';
import { onCallOverrideRepository } from './repositories/on-call-overrides';
import { settingsRepository } from './repositories/settings';
import { timelineRepository } from './repositories/timeline';
import { apiTokenRepository } from './repositories/api-tokens';
import { auditRepository } from './repositories/audit';
import { planRepository } from './repositories/plans';
import { sessionRepository } from './repositories/sessions';
import { userRepository } from './repositories/users';
import { agentRepositories } from './repositories/agents';

export function repositoriesFor(db: Kysely<Database>, dialect: Dialect): Repositories {
  return {
    settings: settingsRepository(db),
    signals: signalRepository(db, dialect),
    runbooks: runbookRepository(db),
    maintenance: maintenanceRepository(db),
    unmatchedAlerts: unmatchedAlertRepository(db),
    silences: silenceRepository(db),
    onCallOverrides: onCallOverrideRepository(db),
    incidents: incidentRepository(db, dialect),
    timeline: timelineRepository(db, dialect),
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
    ...agentRepositories(db),
    ...monitoringRepositories(db, dialect),
  };
}

/** The store over Kysely: each unit of work is one database transaction. */
export function kyselyStore(
  db: Kysely<Database>,
  dialect: Dialect,
  onCommit?: (incidentIds: Set<string>) => void,
): Store {
  return {
    async transaction(work) {
      const touched = new Set<string>();
      const result = await db.transaction().execute((trx) => {
        const repositories = repositoriesFor(trx, dialect);
        if (!onCommit) return work(repositories);
        const timeline = repositories.timeline;
        repositories.timeline = {
          ...timeline,
          append: (entry) => {
            touched.add(entry.incidentId);
            return timeline.append(entry);
          },
        };
        return work(repositories);
      });
      if (touched.size) onCommit?.(touched);
      return result;
    },
  };
}
