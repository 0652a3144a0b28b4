import type { CheckResult, CheckResultStatus } from '@vigie/contract';
import {
  countChanges,
  FLAP_CALM,
  FLAP_CHANGES,
  FLAP_WINDOW,
  statusLetter,
  type CheckMemory,
  type CheckPolicy,
  type CheckState,
  type CheckTransition,
} from './check-state';

/** One result to fold into a check's memory. */
export interface CheckStepInput {
  checkId: string;
  memory: CheckMemory;
  result: CheckResult;
  /** When the result was observed. */
  at: number;
  policy: CheckPolicy;
}

/** The check's memory after the result, and the transition when its state changed. */
export interface CheckStep {
  memory: CheckMemory;
  transition: CheckTransition | null;
}

type Counts = Pick<CheckMemory, 'downRun' | 'notUpRun' | 'upRun' | 'notDownRun' | 'sameRun' | 'recent'>;

function count(memory: CheckMemory, status: CheckResultStatus): Counts {
  return {
    downRun: status === 'down' ? memory.downRun + 1 : 0,
    notUpRun: status === 'up' ? 0 : memory.notUpRun + 1,
    upRun: status === 'up' ? memory.upRun + 1 : 0,
    notDownRun: status === 'down' ? 0 : memory.notDownRun + 1,
    sameRun: status === memory.lastStatus ? memory.sameRun + 1 : 1,
    recent: (memory.recent + statusLetter(status)).slice(-FLAP_WINDOW),
  };
}

/**
 * The state rules (Nagios-like: every failing state waits for its count):
 * - `down` after `failAfter` consecutive `down` results, from any settled state;
 * - `degraded` after `failAfter` consecutive results that are not `up` (degraded or down)
 *   without yet enough `down` ones;
 * - back from `down` after `recoverAfter` results that are not `down`: `up` if they were
 *   all `up`, else `degraded`; back from `degraded` after `recoverAfter` `up` results;
 * - a new check is `up` at its first `up` result (there is nothing to recover from).
 */
function settledState(
  state: Exclude<CheckState, 'flapping'>,
  c: Counts,
  status: CheckResultStatus,
  policy: CheckPolicy,
): CheckState {
  if (c.downRun >= policy.failAfter) return 'down';
  switch (state) {
    case 'unknown':
    case 'up':
      if (status === 'up') return 'up';
      return c.notUpRun >= policy.failAfter ? 'degraded' : state;
    case 'degraded':
      return c.upRun >= policy.recoverAfter ? 'up' : 'degraded';
    case 'down':
      if (c.notDownRun < policy.recoverAfter) return 'down';
      return c.upRun >= policy.recoverAfter ? 'up' : 'degraded';
  }
}

/**
 * Folds one result into a check's memory. Flapping comes first: at least FLAP_CHANGES
 * changes of status among the last FLAP_WINDOW results make the check `flapping`, whatever
 * its counts; it stays so until a calm stretch — max(FLAP_CALM, failAfter, recoverAfter)
 * identical results in a row — then takes the state those results mean, and the count of
 * changes starts afresh.
 */
export function nextCheckState(input: CheckStepInput): CheckStep {
  const { memory, result, at, policy } = input;
  const status = result.status;
  const counts = count(memory, status);
  let to: CheckState;
  let recent = counts.recent;
  if (memory.state === 'flapping') {
    const calm = Math.max(FLAP_CALM, policy.failAfter, policy.recoverAfter);
    to = counts.sameRun >= calm ? status : 'flapping';
    // Settled: the changes that made it flap are forgotten, or it would flap again at once.
    if (to !== 'flapping') recent = recent.slice(-Math.min(counts.sameRun, FLAP_WINDOW));
  } else if (countChanges(counts.recent) >= FLAP_CHANGES) {
    to = 'flapping';
  } else {
    to = settledState(memory.state, counts, status, policy);
  }
  const changed = to !== memory.state;
  return {
    // Written out: a spread followed by more keys costs V8 some microseconds, once per
    // result of every check.
    memory: {
      downRun: counts.downRun,
      notUpRun: counts.notUpRun,
      upRun: counts.upRun,
      notDownRun: counts.notDownRun,
      sameRun: counts.sameRun,
      recent,
      state: to,
      since: changed ? at : memory.since,
      lastStatus: status,
      lastAt: at,
    },
    transition: changed ? { checkId: input.checkId, from: memory.state, to, at, result } : null,
  };
}
