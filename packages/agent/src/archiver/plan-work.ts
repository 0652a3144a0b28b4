import type { Recording } from './recording';

/** The recordings a run works on, and the leftovers of an interrupted run to clean up. */
export interface WorkPlan {
  /** Recordings to archive: an interrupted run's first, then the selection, each once. */
  work: Recording[];
  /** How many of `work` an interrupted run had started on. */
  recovered: number;
  /** Pending recordings no longer in the source folder: only their temporary file may remain. */
  gone: string[];
}

/**
 * Puts the recordings an interrupted run started on (still pending in the index) before the
 * new selection: they are finished whatever the selection says now, because a temporary or
 * even a final file may already wait for them at the destination.
 */
export function planWork(
  pending: readonly string[],
  scanned: readonly Recording[],
  selected: readonly Recording[],
): WorkPlan {
  const bySource = new Map(scanned.map((recording) => [recording.relativePath, recording]));
  const recovered = pending.flatMap((path) => bySource.get(path) ?? []);
  const gone = pending.filter((path) => !bySource.has(path));
  const taken = new Set(recovered.map((recording) => recording.relativePath));
  const fresh = selected.filter((recording) => !taken.has(recording.relativePath));
  return { work: [...recovered, ...fresh], recovered: recovered.length, gone };
}
