import {
  heartbeatDeadline,
  initialCheckMemory,
  isConfirmingChange,
  nextRunAt,
  type CheckMemory,
  type CheckStateRecord,
} from '@vigie/core';
import type { ScheduledCheck } from './plan-checks';
import { TimingWheel, type WheelEntry } from './timing-wheel';

/** A check this node runs: its definition, its memory, and its place in the wheel. */
export interface LiveCheck {
  def: ScheduledCheck;
  memory: CheckMemory;
  lastLatencyMs: number | null;
  lastMessage: string | null;
  lastValues: CheckStateRecord['lastValues'];
  /** When its state was last handed to the writer (0: never by this node). */
  stateWrittenAt: number;
  /** When its next run is due (or, for a heartbeat, when its silence becomes a failure). */
  dueAt: number;
  running: boolean;
  /** For heartbeats that never reported: when this node began to watch. */
  watchedSince: number;
  entry: WheelEntry<LiveCheck> | null;
}

/** The checks of one shard this node holds, and their timing wheel. */
export interface ShardRuntime {
  wheel: TimingWheel<LiveCheck>;
  checks: Map<string, LiveCheck>;
}

// 4,096 slots of 20 ms: one turn is 82 s, longer than most intervals.
const WHEEL_SLOTS = 4096;

/** An empty runtime for a shard just acquired. */
export function newShardRuntime(tickMs: number, now: number): ShardRuntime {
  return { wheel: new TimingWheel(tickMs, WHEEL_SLOTS, now), checks: new Map() };
}

/** Starts tracking a check, from its stored state if it has one (not scheduled yet). */
export function trackCheck(
  runtime: ShardRuntime,
  def: ScheduledCheck,
  state: CheckStateRecord | undefined,
  now: number,
): LiveCheck {
  const live: LiveCheck = {
    def,
    memory: state?.memory ?? initialCheckMemory(),
    lastLatencyMs: state?.lastLatencyMs ?? null,
    lastMessage: state?.lastMessage ?? null,
    lastValues: state?.lastValues ?? {},
    stateWrittenAt: state?.updatedAt ?? 0,
    dueAt: 0,
    running: false,
    watchedSince: now,
    entry: null,
  };
  runtime.checks.set(def.id, live);
  return live;
}

/** Puts a check in the wheel: at its next phase, or at its heartbeat deadline; fed checks wait for results. */
export function scheduleCheck(runtime: ShardRuntime, live: LiveCheck, now: number): void {
  unscheduleCheck(runtime, live);
  if (live.def.mode === 'probe') reschedule(runtime, live, nextRunAt(live.def.id, live.def.check.every, now));
  else if (live.def.mode === 'heartbeat')
    reschedule(runtime, live, heartbeatDeadline(live.def.check, live.memory.lastAt, live.watchedSince));
}

/** Takes a check out of the wheel. */
export function unscheduleCheck(runtime: ShardRuntime, live: LiveCheck): void {
  if (live.entry) runtime.wheel.cancel(live.entry);
  live.entry = null;
}

/**
 * Schedules the run after the one due now, keeping the check's phase; after a stall,
 * the runs missed are skipped rather than run in a burst. Returns when this run was due.
 */
export function scheduleNextRun(runtime: ShardRuntime, live: LiveCheck, now: number): number {
  const dueAt = live.dueAt;
  const every = live.def.check.every;
  live.dueAt = dueAt + every * Math.max(1, Math.ceil((now - dueAt + 1) / every));
  live.entry = runtime.wheel.schedule(live, live.dueAt);
  return dueAt;
}

/** Puts a check in the wheel at `dueAt`, instead of where it was. */
function reschedule(runtime: ShardRuntime, live: LiveCheck, dueAt: number): void {
  if (live.entry) runtime.wheel.cancel(live.entry);
  live.dueAt = dueAt;
  live.entry = runtime.wheel.schedule(live, dueAt);
}

/**
 * After a probe's result (started at `startedAt`): a check confirming a change of state is
 * probed again after its retry delay rather than its interval, so that `failAfter` failures
 * take seconds, not minutes; once confirmed (or dismissed), it goes back to its phase.
 */
export function scheduleAfterResult(runtime: ShardRuntime, live: LiveCheck, startedAt: number, now: number): void {
  if (live.entry === null) return;
  const { id, check, retryMs } = live.def;
  if (isConfirmingChange(live.memory)) {
    // A probe that outlasted the delay is retried at once, not counted late.
    const retryAt = Math.max(startedAt + retryMs, now);
    if (retryAt < live.dueAt) reschedule(runtime, live, retryAt);
  } else if (nextRunAt(id, check.every, live.dueAt) !== live.dueAt) {
    // Off its phase after retries (a run keeps the phase of the one before it).
    reschedule(runtime, live, nextRunAt(id, check.every, now + retryMs));
  }
}
