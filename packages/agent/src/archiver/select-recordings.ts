import { freePercent, type Recording, type VolumeSpace } from './recording';

/** Which recordings to archive: by age, by the free space to recover, or both. */
export interface SelectionRule {
  /** Archive every recording last modified at least this long ago. */
  olderThanMs?: number;
  /** Archive the oldest recordings until the source volume has this much free space (percent). */
  minFreePercent?: number;
  /** Never touch a recording modified more recently than this: the HMP may still be writing it. */
  minAgeMs: number;
}

/** The recordings chosen, oldest first, and how much the free-space goal still lacks. */
export interface Selection {
  recordings: Recording[];
  /** Bytes the rule asked to free on the source volume (0 without `minFreePercent`). */
  bytesToFree: number;
  /** Bytes still missing once every eligible recording is archived (0 when the goal is reachable). */
  shortfallBytes: number;
}

function oldestFirst(a: Recording, b: Recording): number {
  return a.mtimeMs - b.mtimeMs || (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0);
}

/** Bytes to free so that the volume is back at `percent` free space. */
export function bytesToReachFree(space: VolumeSpace, percent: number): number {
  if (freePercent(space) >= percent) return 0;
  return Math.ceil((percent / 100) * space.totalBytes - space.freeBytes);
}

/**
 * Chooses the recordings to archive: all those older than `olderThanMs`, then, while the
 * source volume is under `minFreePercent` free, the oldest of the rest until enough is freed.
 */
export function selectRecordings(
  recordings: readonly Recording[],
  rule: SelectionRule,
  space: VolumeSpace | undefined,
  now: number,
): Selection {
  const eligible = recordings.filter((r) => now - r.mtimeMs >= rule.minAgeMs).sort(oldestFirst);
  const chosen: Recording[] = [];
  const rest: Recording[] = [];
  for (const recording of eligible) {
    const old = rule.olderThanMs !== undefined && now - recording.mtimeMs >= rule.olderThanMs;
    (old ? chosen : rest).push(recording);
  }
  const bytesToFree =
    rule.minFreePercent !== undefined && space !== undefined ? bytesToReachFree(space, rule.minFreePercent) : 0;
  let freed = chosen.reduce((sum, r) => sum + r.size, 0);
  for (const recording of rest) {
    if (freed >= bytesToFree) break;
    chosen.push(recording);
    freed += recording.size;
  }
  return {
    recordings: chosen.sort(oldestFirst),
    bytesToFree,
    shortfallBytes: Math.max(0, bytesToFree - freed),
  };
}
