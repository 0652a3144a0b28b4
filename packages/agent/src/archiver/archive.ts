import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { tempNameFor } from './archive-names';
import { ArchiveIndex } from './archive-index';
import { runPipeline } from './archive-pipeline';
import type { ArchiveSummary } from './archive-summary';
import { describeCause, type Destination } from './destination';
import { ArchiveUnavailableError } from './errors';
import { IndexBusyError } from './index-lock';
import { LocalIoPool } from './local-io-pool';
import { openDestination } from './open-destination';
import { parseArchiveOptions, type ArchiveOptions, type ArchiveOptionsInput } from './options';
import { ProgressMeter, type ArchiveProgress } from './progress';
import { planWork } from './plan-work';
import { scanRecordings } from './scan-recordings';
import { selectRecordings } from './select-recordings';
import { volumeSpace } from './volume-space';

/** Progress is reported at most this often between commits. */
const PROGRESS_EVERY_MS = 500;

async function checkFolders(options: ArchiveOptions, sourceRoot: string): Promise<boolean> {
  const source = await stat(sourceRoot).catch((error: unknown) => {
    throw new ArchiveUnavailableError(`the source folder ${sourceRoot}: ${describeCause(error)}`);
  });
  if (!source.isDirectory()) throw new ArchiveUnavailableError(`the source ${sourceRoot} is not a folder`);
  if (options.destination.kind !== 'folder') return false;
  const destinationRoot = resolve(options.destination.path);
  if (destinationRoot === sourceRoot || destinationRoot.startsWith(sourceRoot + sep)) {
    throw new ArchiveUnavailableError(`the destination ${destinationRoot} is inside the source ${sourceRoot}`);
  }
  const destination = await stat(destinationRoot).catch(() => undefined);
  return destination !== undefined && destination.dev === source.dev;
}

async function open(options: ArchiveOptions): Promise<Destination> {
  try {
    return await openDestination(options);
  } catch (error) {
    throw new ArchiveUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * Moves recordings from the HMP's folder to the audio storage server without ever losing one:
 * each is copied to a temporary name, flushed, verified (size and SHA-256, read back at the
 * destination), renamed, indexed, and only then deleted from the source. A run killed at any
 * moment is finished by the next. Recordings an interrupted run started on come first, then
 * those selected by age (`olderThanMs`) or by the free space to recover (`minFreePercent`).
 *
 * Throws `ArchiveOptionsError` (bad options), `IndexBusyError` (another run holds the index) or
 * `ArchiveUnavailableError` (source, destination or index unusable) before moving anything;
 * once started it returns a summary, with `stopped` set if the destination failed or
 * `options.signal` asked it to stop.
 */
export async function archive(
  input: ArchiveOptionsInput,
  onProgress: (progress: ArchiveProgress) => void = () => {},
): Promise<ArchiveSummary> {
  const options = parseArchiveOptions(input);
  const startedAt = Date.now();
  const sourceRoot = resolve(options.source);
  const sameVolume = await checkFolders(options, sourceRoot);
  let index: ArchiveIndex;
  try {
    index = ArchiveIndex.open(options.indexFile);
  } catch (error) {
    if (error instanceof IndexBusyError) throw error;
    throw new ArchiveUnavailableError(`the index ${options.indexFile}: ${describeCause(error)}`, { cause: error });
  }
  try {
    const destination = await open(options);
    try {
      return await run(options, { sourceRoot, sameVolume, startedAt, index, destination }, onProgress);
    } finally {
      await destination.close();
    }
  } finally {
    index.close();
  }
}

interface RunContext {
  sourceRoot: string;
  sameVolume: boolean;
  startedAt: number;
  index: ArchiveIndex;
  destination: Destination;
}

async function run(
  options: ArchiveOptions,
  { sourceRoot, sameVolume, startedAt, index, destination }: RunContext,
  onProgress: (progress: ArchiveProgress) => void,
): Promise<ArchiveSummary> {
  const meter = new ProgressMeter(startedAt);
  onProgress(meter.snapshot('scanning', Date.now()));
  const scan = await scanRecordings(sourceRoot);
  const before = await volumeSpace(sourceRoot);
  const selection = selectRecordings(scan.recordings, options, before, Date.now());

  const { work, recovered, gone } = planWork(
    index.pending(sourceRoot, destination.name),
    scan.recordings,
    selection.recordings,
  );
  for (const path of gone) await destination.remove(tempNameFor(path));
  index.commit(sourceRoot, destination.name, [], gone);

  meter.filesTotal = work.length;
  meter.bytesTotal = work.reduce((sum, recording) => sum + recording.size, 0);
  let lastReport = 0;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    onProgress(meter.snapshot('archiving', now));
  };
  report(true);
  const ticker = setInterval(() => report(false), PROGRESS_EVERY_MS);
  let result;
  const sources = new LocalIoPool(1);
  try {
    result = await runPipeline(work, {
      sourceRoot,
      destination,
      index,
      meter,
      concurrency: options.concurrency,
      signal: options.signal,
      sources,
      onCommit: () => report(false),
    });
  } finally {
    clearInterval(ticker);
    await sources.close();
  }
  const finishedAt = Date.now();
  onProgress(meter.snapshot('done', finishedAt));
  const done = meter.snapshot('done', finishedAt);
  return {
    source: sourceRoot,
    destination: destination.name,
    index: index.file,
    verification: destination.verification(),
    selected: work.length,
    recovered,
    archived: result.archived,
    alreadyArchived: result.alreadyArchived,
    conflicts: result.conflicts,
    failures: result.failures,
    skipped: scan.skipped,
    bytes: meter.bytesDone,
    elapsedMs: done.elapsedMs,
    bytesPerSecond: done.bytesPerSecond,
    space: {
      before,
      after: await volumeSpace(sourceRoot),
      bytesToFree: selection.bytesToFree,
      shortfallBytes: selection.shortfallBytes,
    },
    sameVolume,
    pendingElsewhere: index.pendingElsewhere(sourceRoot, destination.name),
    ...(result.stopped ? { stopped: result.stopped } : {}),
  };
}
