import type { Kysely } from 'kysely';
import type { MonitoringRepositories } from '@vigie/core';
import type { Dialect } from '../connect';
import type { Database } from '../schema';
import { checkInboxRepository } from './check-inbox';
import { checkResultRepository } from './check-results';
import { checkRollupRepository } from './check-rollups';
import { checkStateRepository } from './check-states';
import { checkTransitionRepository } from './check-transitions';
import { heartbeatTokenRepository } from './heartbeat-tokens';
import { shardLeaseRepository } from './shard-leases';

/** The repositories of check monitoring over one connection or transaction. */
export function monitoringRepositories(db: Kysely<Database>, dialect: Dialect): MonitoringRepositories {
  return {
    checkResults: checkResultRepository(db, dialect),
    checkStates: checkStateRepository(db, dialect),
    checkRollups: checkRollupRepository(db),
    checkTransitions: checkTransitionRepository(db),
    checkInbox: checkInboxRepository(db, dialect),
    shardLeases: shardLeaseRepository(db),
    heartbeatTokens: heartbeatTokenRepository(db),
  };
}
