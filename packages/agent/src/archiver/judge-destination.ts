/** What is known of one file: its size always, its checksum once computed. */
export interface FileFacts {
  size: number;
  sha256?: string;
}

/** What the destination holds under a recording's name, compared with the recording. */
export type DestinationVerdict =
  /** Nothing there: copy the recording. */
  | 'absent'
  /** Same size: only checksums can tell whether it is the same recording. */
  | 'compare-checksums'
  /** The recording is already there (an earlier run stopped before deleting the source). */
  | 'same'
  /** Another file holds the name: never overwrite it. */
  | 'different';

/**
 * Compares a recording with the file found under its name at the destination. Size alone can
 * only tell two files apart; sameness needs both SHA-256 checksums.
 */
export function judgeDestination(source: FileFacts, existing: FileFacts | undefined): DestinationVerdict {
  if (existing === undefined) return 'absent';
  if (existing.size !== source.size) return 'different';
  if (source.sha256 === undefined || existing.sha256 === undefined) return 'compare-checksums';
  return source.sha256 === existing.sha256 ? 'same' : 'different';
}

/** What a copy must prove before its temporary file may take the final name. */
export interface CopyCheck {
  /** Size and checksum of the bytes read from the source while copying. */
  read: FileFacts & { sha256: string };
  /**
   * Size and checksum read back from the temporary file at the destination, after its flush;
   * absent when the destination reads its copies back by batch, after flushing them together.
   */
  written?: (FileFacts & { sha256: string }) | undefined;
  /** The source before and after the copy: a change means it was still being written. */
  sourceBefore: { size: number; mtimeMs: number };
  sourceAfter: { size: number; mtimeMs: number } | undefined;
}

/** Why a copy cannot be published, or undefined when it is sound (so far as `written` is known). */
export function copyProblem(check: CopyCheck): string | undefined {
  const { sourceBefore: before, sourceAfter: after } = check;
  if (after === undefined) return 'the source disappeared during the copy';
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || check.read.size !== before.size) {
    return 'the source changed during the copy (still being recorded?)';
  }
  return check.written === undefined ? undefined : writtenProblem(check.read, check.written);
}

/** Why what the destination holds is not what was read from the source, or undefined. */
export function writtenProblem(read: FileFacts & { sha256: string }, written: FileFacts & { sha256: string }) {
  if (written.size !== read.size) return `the copy holds ${written.size} bytes, the source ${read.size}`;
  if (written.sha256 !== read.sha256) return 'the copy does not have the checksum of the source';
  return undefined;
}
