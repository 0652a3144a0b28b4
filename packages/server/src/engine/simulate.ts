import type { Store } from '@vigie/core';
import type { Engine } from './engine';

/** A clock that simulation moves forward. */
export interface SettableClock {
  now(): number;
  set(ms: number): void;
}

/**
 * Moves simulated time to `end`, stopping at each job's due time to run the engine, so
 * timers fire exactly when they are due. `afterRound` lets a scenario act in between.
 */
export async function simulateUntil(
  engine: Engine,
  clock: SettableClock,
  store: Store,
  end: number,
  afterRound?: () => Promise<void>,
): Promise<void> {
  for (let guard = 0; guard < 100_000; guard++) {
    await engine.runUntilIdle();
    if (afterRound) await afterRound();
    const next = await store.transaction((tx) => tx.jobs.nextRunAt());
    if (next === undefined || next > end) break;
    if (next > clock.now()) clock.set(next);
    else if ((await engine.runDue()) === 0 && !afterRound) break;
  }
  if (clock.now() < end) clock.set(end);
  await engine.runUntilIdle();
}
