import { conflictNameFor, tempNameFor } from './archive-names';
import { DestinationFailure, type Checksummed, type Destination } from './destination';
import { copyProblem, judgeDestination, type FileFacts } from './judge-destination';
import type { Recording } from './recording';
import { sha256File } from './sha256-file';

/**
 * What became of one recording at the destination (its source is not deleted yet): copied
 * under its temporary name and verified (the batch's commit flushes and renames it), found
 * there already, or failed.
 */
export type RecordingOutcome =
  | {
      kind: 'copied' | 'archived' | 'already-archived';
      recording: Recording;
      /** Path at the destination: the recording's own, or its conflict name. */
      archivePath: string;
      /** Whether another file held the recording's own name, so it went under a conflict name. */
      conflict: boolean;
      facts: Checksummed;
    }
  | { kind: 'failed'; recording: Recording; reason: string };

/** A recording that cannot be archived this time; its source stays where it is. */
class Skip extends Error {}

/**
 * Finds the name the recording takes at the destination: its own, or its conflict name when
 * another file holds it. Returns the file already there when it has the recording's checksum.
 */
async function chooseTarget(
  recording: Recording,
  destination: Destination,
  size: number,
): Promise<{ target: string; existing?: Checksummed; source: FileFacts }> {
  let source: FileFacts = { size };
  let target = recording.relativePath;
  for (;;) {
    let verdict = judgeDestination(source, await destination.stat(target));
    if (verdict === 'compare-checksums') {
      source = await sha256File(recording.absolutePath);
      verdict = judgeDestination(source, await destination.checksum(target));
    }
    if (verdict === 'absent') return { target, source };
    const facts =
      source.sha256 === undefined ? await sha256File(recording.absolutePath) : { ...source, sha256: source.sha256 };
    if (verdict === 'same') return { target, existing: facts, source: facts };
    if (target !== recording.relativePath) {
      throw new Skip(`both ${recording.relativePath} and ${target} hold other files at the destination`);
    }
    source = facts;
    target = conflictNameFor(recording.relativePath, facts.sha256);
  }
}

async function transfer(
  recording: Recording,
  destination: Destination,
  onBytes: (bytes: number) => void,
): Promise<RecordingOutcome> {
  // The scan's look at the source is the reference: any change since shows in the copy check.
  const before = { size: recording.size, mtimeMs: recording.mtimeMs };
  const { target, existing, source } = await chooseTarget(recording, destination, before.size);
  const conflict = target !== recording.relativePath;
  const temp = tempNameFor(recording.relativePath);
  if (existing !== undefined) {
    // Killed between the link to the final name and the removal of the temporary one.
    await destination.remove(temp);
    return { kind: 'already-archived', recording, archivePath: target, conflict, facts: existing };
  }
  const copy = await destination.upload(recording.absolutePath, temp, before.mtimeMs, onBytes);
  const { read } = copy;
  const problem =
    copyProblem({ ...copy, sourceBefore: before }) ??
    (source.sha256 !== undefined && source.sha256 !== read.sha256 ? 'the source changed during the copy' : undefined);
  if (problem !== undefined) throw new Skip(problem);
  return { kind: 'copied', recording, archivePath: target, conflict, facts: read };
}

/**
 * Brings one recording to the destination under its temporary name, verified, or finds it
 * there: the safe sequence is copy to a temporary name → verify size and SHA-256 → (for the
 * whole batch, see `runPipeline`) flush → rename without overwriting.
 * Each step is idempotent, so a run killed anywhere is finished by the next one:
 * a leftover temporary file is replaced, a final file with the same checksum counts as done,
 * a different file under the name is kept and the recording takes a conflict name.
 * A `DestinationFailure` is thrown (it stops the run); any other trouble is a `failed`
 * outcome, after the temporary file is removed.
 */
export async function archiveRecording(
  recording: Recording,
  destination: Destination,
  onBytes: (bytes: number) => void,
): Promise<RecordingOutcome> {
  try {
    return await transfer(recording, destination, onBytes);
  } catch (error) {
    if (error instanceof DestinationFailure) throw error;
    await destination.remove(tempNameFor(recording.relativePath));
    const reason =
      error instanceof Skip
        ? error.message
        : `cannot read the recording: ${error instanceof Error ? error.message : String(error)}`;
    return { kind: 'failed', recording, reason };
  }
}
