import { trackCheck, unscheduleCheck, scheduleCheck, type LiveCheck, type ShardRuntime } from './live-check';
import type { ScheduledCheck } from './plan-checks';

/**
 * Brings the checks of the shards this node holds in line with a new plan: removed
 * checks leave the wheel, changed ones are redefined (and rescheduled when their interval,
 * target or kind changed), new ones are tracked and returned, to be given their stored
 * state and scheduled by the caller.
 */
export function syncShards(
  shards: ReadonlyMap<number, ShardRuntime>,
  definitions: ReadonlyMap<string, ScheduledCheck>,
  now: number,
): LiveCheck[] {
  const added: LiveCheck[] = [];
  for (const [shard, runtime] of shards) {
    for (const [id, live] of runtime.checks) {
      const def = definitions.get(id);
      if (!def) {
        unscheduleCheck(runtime, live);
        runtime.checks.delete(id);
        continue;
      }
      const changed = def.signature !== live.def.signature || def.mode !== live.def.mode;
      live.def = def;
      if (changed) scheduleCheck(runtime, live, now);
    }
    for (const def of definitions.values()) {
      if (def.shard === shard && !runtime.checks.has(def.id)) added.push(trackCheck(runtime, def, undefined, now));
    }
  }
  return added;
}
