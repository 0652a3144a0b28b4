import type { Logger } from 'pino';
import type { Clock, PlanSource, Store } from '@vigie/core';
import type { Config } from '../config';
import { CheckScheduler } from './scheduler';
import type { TransitionHandler } from './transition-delivery';

/** Rollups and pruning run once a minute on the node holding shard 0. */
const MAINTENANCE_EVERY_MS = 60_000;

/** The check scheduler as the configuration sets it up. */
export function checkSchedulerFor(
  config: Config,
  ports: { store: Store; plans: PlanSource; clock: Clock; logger: Logger; onTransition: TransitionHandler },
): CheckScheduler {
  return new CheckScheduler({
    ...ports,
    includeExamples: config.probeExamples,
    globalConcurrency: config.checkConcurrency,
    perTargetConcurrency: config.checkTargetConcurrency,
    leaseMs: config.shardLeaseMs,
    maintenance: {
      everyMs: MAINTENANCE_EVERY_MS,
      resultsRetentionMs: config.resultsRetentionMs,
      rollupRetentionMs: config.rollupRetentionMs,
    },
  });
}
