import type { CheckResult, CheckResultStatus, CheckStateName } from '@vigie/contract';

/** A check's state: `unknown` until its first result, then `up`, `degraded`, `down` or `flapping`. */
export type CheckState = CheckStateName;

/** How many results a check needs to change state: the plan's `failAfter` and `recoverAfter`. */
export interface CheckPolicy {
  /** Consecutive failing results before `down` (or, counting degraded ones, `degraded`). */
  failAfter: number;
  /** Consecutive good results before a failing check comes back. */
  recoverAfter: number;
}

/** Flapping: at least `FLAP_CHANGES` changes of status among the last `FLAP_WINDOW` results. */
export const FLAP_WINDOW = 10;
export const FLAP_CHANGES = 5;
/** A flapping check settles after this many identical results in a row (or failAfter/recoverAfter if more). */
export const FLAP_CALM = 5;

/**
 * What a check remembers between two results; persisted, so that a restart or another
 * node resumes the counts where they were.
 */
export interface CheckMemory {
  state: CheckState;
  /** When the check entered its state; null while unknown. */
  since: number | null;
  /** Consecutive `down` results, ending with the last one. */
  downRun: number;
  /** Consecutive results that were not `up` (degraded or down). */
  notUpRun: number;
  /** Consecutive `up` results. */
  upRun: number;
  /** Consecutive results that were not `down` (up or degraded). */
  notDownRun: number;
  /** Consecutive results with the same status as the last one. */
  sameRun: number;
  /** The statuses of the last results, oldest first, one letter each (u, g, d), at most FLAP_WINDOW. */
  recent: string;
  lastStatus: CheckResultStatus | null;
  lastAt: number | null;
}

/** A change of state, told to whoever acts on it (the plan's detection rules). */
export interface CheckTransition {
  checkId: string;
  from: CheckState;
  to: CheckState;
  /** When the result that caused the change was observed. */
  at: number;
  result: CheckResult;
}

/** The memory of a check that has never reported. */
export function initialCheckMemory(): CheckMemory {
  return {
    state: 'unknown',
    since: null,
    downRun: 0,
    notUpRun: 0,
    upRun: 0,
    notDownRun: 0,
    sameRun: 0,
    recent: '',
    lastStatus: null,
    lastAt: null,
  };
}

const LETTER: Record<CheckResultStatus, string> = { up: 'u', degraded: 'g', down: 'd' };

/** The one-letter code of a status in `CheckMemory.recent`. */
export function statusLetter(status: CheckResultStatus): string {
  return LETTER[status];
}

/** How many times the status changed along a `recent` string. */
export function countChanges(recent: string): number {
  let changes = 0;
  for (let i = 1; i < recent.length; i++) if (recent[i] !== recent[i - 1]) changes++;
  return changes;
}

/**
 * Whether a check is confirming a change of state: its last result says something its
 * state does not yet (a failure counted towards `failAfter`, a success towards
 * `recoverAfter`). A flapping check is not: it settles on a calm stretch, not on a count.
 */
export function isConfirmingChange(memory: Pick<CheckMemory, 'state' | 'lastStatus'>): boolean {
  return memory.state !== 'flapping' && memory.lastStatus !== null && memory.lastStatus !== memory.state;
}

/** The shortest default delay between two probes of a check confirming a change. */
export const MIN_DEFAULT_RETRY_MS = 1_000;

/**
 * How soon a check confirming a change is probed again: its `retryEvery`, or a third of
 * `every` to the second.
 */
export function retryDelayOf(check: { every: number; retryEvery?: number | undefined }): number {
  const retry = check.retryEvery ?? Math.max(MIN_DEFAULT_RETRY_MS, Math.round(check.every / 3_000) * 1_000);
  return Math.min(retry, check.every);
}
