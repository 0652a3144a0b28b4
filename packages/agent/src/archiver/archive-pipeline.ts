import type { ArchiveEntry } from './archive-entry';
import type { ArchiveIndex } from './archive-index';
import { tempNameFor } from './archive-names';
import { writtenProblem } from './judge-destination';
import { archiveRecording, type RecordingOutcome } from './archive-recording';
import { DestinationFailure, type Destination } from './destination';
import type { LocalIoPool } from './local-io-pool';
import type { ProgressMeter } from './progress';
import type { Recording } from './recording';

/** Recordings marked pending in one index transaction, and the most kept before a commit. */
const BATCH = 512;
/** Commit at least this often so a slow run still frees space and shows progress. */
const COMMIT_EVERY_MS = 2000;

/** What a pipeline run tallied. */
export interface PipelineResult {
  archived: number;
  alreadyArchived: number;
  conflicts: Array<{ recording: string; archivedAs: string }>;
  failures: Array<{ recording: string; reason: string }>;
  stopped?: { reason: string; byRequest: boolean };
}

/** Everything the pipeline works with. */
export interface PipelineContext {
  sourceRoot: string;
  destination: Destination;
  index: ArchiveIndex;
  meter: ProgressMeter;
  concurrency: number;
  signal?: AbortSignal;
  /** Deletes the sources of archived recordings (a worker thread of its own). */
  sources: LocalIoPool;
  /** Called after each commit. */
  onCommit: () => void;
}

function entryFor(outcome: RecordingOutcome, sourceRoot: string, destination: string, now: number): ArchiveEntry[] {
  if (outcome.kind === 'failed') return [];
  return [
    {
      recording: outcome.recording.relativePath,
      sourceRoot,
      destination,
      archivePath: outcome.archivePath,
      size: outcome.facts.size,
      sha256: outcome.facts.sha256,
      recordedAt: Math.round(outcome.recording.mtimeMs),
      archivedAt: now,
    },
  ];
}

/**
 * Flushes a batch's copies, reads them back (where the destination does so by batch), then
 * gives each sound copy its final name: a copy that does not read back as the recording, or
 * whose name another file took meanwhile, fails (its temporary file is removed, its source
 * kept).
 */
async function publish(destination: Destination, batch: RecordingOutcome[]): Promise<RecordingOutcome[]> {
  const copies = batch.flatMap((outcome) => (outcome.kind === 'copied' ? [outcome] : []));
  if (copies.length === 0) return batch;
  const temps = copies.map((outcome) => tempNameFor(outcome.recording.relativePath));
  await destination.flush(temps);
  const settled = new Map<RecordingOutcome, RecordingOutcome>();
  const fail = async (i: number, reason: string) => {
    await destination.remove(temps[i]!);
    settled.set(copies[i]!, { kind: 'failed', recording: copies[i]!.recording, reason });
  };
  if (destination.readsBackByBatch) {
    const written = await destination.readBack(temps);
    for (const [i, outcome] of copies.entries()) {
      const problem = writtenProblem(outcome.facts, written[i]!);
      if (problem !== undefined) await fail(i, problem);
    }
  }
  const sound = copies.flatMap((outcome, i) => (settled.has(outcome) ? [] : [i]));
  const published = await destination.publishMany(sound.map((i) => ({ from: temps[i]!, to: copies[i]!.archivePath })));
  for (const [k, i] of sound.entries()) {
    const outcome = copies[i]!;
    if (published[k] === 'published') settled.set(outcome, { ...outcome, kind: 'archived' });
    else await fail(i, `another file took the name ${outcome.archivePath} at the destination during the copy`);
  }
  return batch.map((outcome) => settled.get(outcome) ?? outcome);
}

/**
 * Archives recordings with a few in flight, committing them in batches. For every batch the
 * order is fixed: the copies are flushed, read back and renamed, the names made durable at
 * the destination, then the index records them (and forgets them as pending) in one
 * transaction, and only then are their sources deleted. Flushing a batch at once lets the
 * disk write the copies together while the threads go on copying. A recording is marked
 * pending before anything is written for it, so a crash anywhere leaves it either pending
 * (the next run redoes it) or indexed (safe).
 */
export async function runPipeline(work: readonly Recording[], ctx: PipelineContext): Promise<PipelineResult> {
  const { sourceRoot, destination, index, meter } = ctx;
  const result: PipelineResult = { archived: 0, alreadyArchived: 0, conflicts: [], failures: [] };
  const stop = (reason: string, byRequest: boolean) => (result.stopped ??= { reason, byRequest });
  const onAbort = () => stop('asked to stop', true);
  ctx.signal?.addEventListener('abort', onAbort);
  if (ctx.signal?.aborted) onAbort();

  let next = 0;
  let reserved = 0;
  const take = (): Recording | undefined => {
    if (result.stopped !== undefined || next >= work.length) return undefined;
    if (next >= reserved) {
      const batch = work.slice(next, next + BATCH);
      index.markPending(
        sourceRoot,
        destination.name,
        batch.map((r) => r.relativePath),
        Date.now(),
      );
      reserved = next + batch.length;
    }
    return work[next++];
  };

  const commit = async (copies: RecordingOutcome[]): Promise<void> => {
    const batch = await publish(destination, copies);
    const good = batch.filter((outcome) => outcome.kind !== 'failed');
    await destination.makeDurable(good.map((outcome) => outcome.archivePath));
    const now = Date.now();
    index.commit(
      sourceRoot,
      destination.name,
      batch.flatMap((outcome) => entryFor(outcome, sourceRoot, destination.name, now)),
      batch.map((outcome) => outcome.recording.relativePath),
    );
    // One message for the batch: a flood of unlinks on libuv's four threads would stall the
    // small operations of the recordings in flight.
    const archived = batch.flatMap((outcome) => (outcome.kind === 'failed' ? [] : [outcome]));
    const problems = await ctx.sources.unlinkMany(archived.map((outcome) => outcome.recording.absolutePath));
    const undeleted = new Map(archived.map((outcome, i) => [outcome, problems[i] ?? null]));
    batch.forEach((outcome) => {
      const problem = outcome.kind === 'failed' ? null : (undeleted.get(outcome) ?? null);
      if (outcome.kind === 'failed' || problem !== null) {
        const reason =
          outcome.kind === 'failed'
            ? outcome.reason
            : `archived as ${outcome.archivePath}, but the source could not be deleted: ${problem}`;
        result.failures.push({ recording: outcome.recording.relativePath, reason });
        meter.filesFailed++;
        return;
      }
      if (outcome.kind === 'archived') result.archived++;
      else result.alreadyArchived++;
      if (outcome.conflict) {
        result.conflicts.push({ recording: outcome.recording.relativePath, archivedAs: outcome.archivePath });
      }
      meter.filesDone++;
    });
    ctx.onCommit();
  };

  let outcomes: RecordingOutcome[] = [];
  let lastCommit = Date.now();
  let committing = Promise.resolve();
  const flush = (): Promise<void> => {
    if (outcomes.length === 0) return committing;
    const batch = outcomes;
    outcomes = [];
    lastCommit = Date.now();
    committing = committing
      .then(() => commit(batch))
      .catch((error: unknown) => {
        stop(error instanceof Error ? error.message : String(error), false);
      });
    return committing;
  };
  const timer = setInterval(() => {
    if (Date.now() - lastCommit >= COMMIT_EVERY_MS) void flush();
  }, COMMIT_EVERY_MS / 4);

  const removedTemp = (recording: Recording): Promise<boolean> =>
    destination.remove(tempNameFor(recording.relativePath)).then(
      () => true,
      () => false,
    );

  const worker = async (): Promise<void> => {
    for (let recording = take(); recording !== undefined; recording = take()) {
      try {
        const outcome = await archiveRecording(recording, destination, (bytes) => (meter.bytesDone += bytes));
        if (outcome.kind === 'already-archived') meter.bytesDone += outcome.facts.size;
        outcomes.push(outcome);
        if (outcomes.length >= BATCH) void flush();
      } catch (error) {
        // The recording stays pending: the next run finds its temporary file and redoes it.
        const reason = error instanceof DestinationFailure ? error.message : `unexpected: ${String(error)}`;
        if (!(error instanceof DestinationFailure) || error.stopsRun) stop(reason, false);
        else if (await removedTemp(recording)) outcomes.push({ kind: 'failed', recording, reason });
        else {
          result.failures.push({ recording: recording.relativePath, reason });
          meter.filesFailed++;
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: ctx.concurrency }, worker));
    await flush();
    // Reserved but never started: not pending any more, a later run chooses afresh.
    index.commit(
      sourceRoot,
      destination.name,
      [],
      work.slice(next, reserved).map((r) => r.relativePath),
    );
  } finally {
    clearInterval(timer);
    ctx.signal?.removeEventListener('abort', onAbort);
  }
  return result;
}
