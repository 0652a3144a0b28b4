import type { CopyCheck, FileFacts } from './judge-destination';

/** Size and SHA-256 of a file, both known. */
export type Checksummed = FileFacts & { sha256: string };

/**
 * Where recordings are archived: a mounted folder or an SFTP server. Every path is relative
 * to the destination's root and uses `/`.
 */
export interface Destination {
  /** The destination as the index and messages name it (no secret in it). */
  readonly name: string;
  /** How checksums are read back at the destination, for the summary. */
  verification(): string;
  /** The size of the file at `path`, or undefined when there is none. */
  stat(path: string): Promise<{ size: number } | undefined>;
  /** Size and SHA-256 of the file at `path`, read back from the destination. */
  checksum(path: string): Promise<Checksummed>;
  /**
   * Copies a local file to `path` (replacing a leftover), creating folders, and gives it the
   * recording's modification time (the call's date for whoever browses the archive): returns
   * what was read from the source, the source's size and date before and after, and — unless
   * the destination `readsBackByBatch` — what it holds once flushed. A failure to read the
   * source is thrown as a plain error, a destination failure as `DestinationFailure`.
   */
  upload(localFile: string, path: string, mtimeMs: number, onBytes: (bytes: number) => void): Promise<CopyCheck>;
  /**
   * Whether copies are flushed and read back by batch (`flush`, then `readBack`) rather than
   * each by `upload`.
   */
  readonly readsBackByBatch: boolean;
  /** Makes the data of uploaded files survive a crash of the destination's machine. */
  flush(paths: readonly string[]): Promise<void>;
  /** Size and SHA-256 of files, read back from the destination, in the order given. */
  readBack(paths: readonly string[]): Promise<Checksummed[]>;
  /** For each pair, gives `from` the name `to` unless `to` exists: never overwrites. */
  publishMany(pairs: ReadonlyArray<{ from: string; to: string }>): Promise<Array<'published' | 'exists'>>;
  /** Makes the names given by `publishMany` survive a crash of the destination's machine. */
  makeDurable(paths: readonly string[]): Promise<void>;
  /** Removes a file; nothing happens when it is not there. */
  remove(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Error codes that concern one file only: the run goes on with the next recording. */
const PER_FILE_CODES = new Set(['ENAMETOOLONG', 'EINVAL', 'EILSEQ']);

/**
 * A destination operation failed. Most failures (read-only, full, unreachable, permission)
 * stop the run: every following recording would fail the same way.
 */
export class DestinationFailure extends Error {
  readonly code: string | undefined;
  readonly stopsRun: boolean;

  constructor(what: string, cause: unknown) {
    const code = errorCode(cause);
    super(`${what}: ${describeCause(cause)}`, { cause });
    this.code = code;
    this.stopsRun = code === undefined || !PER_FILE_CODES.has(code);
  }
}

/** The `code` of a Node system error (`EROFS`), or undefined. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

const CODE_MEANING: Record<string, string> = {
  EROFS: 'the destination is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the destination',
  EDQUOT: 'the disk quota of the destination is exhausted',
  ENOENT: 'no such file or folder',
};

/** A sentence for an error: its meaning when the code is known, then the system's message. */
export function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const meaning = CODE_MEANING[errorCode(error) ?? ''];
  return meaning ? `${meaning} (${message})` : message;
}

/** Runs one destination operation, naming it in the error. */
export async function atDestination<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DestinationFailure) throw error;
    throw new DestinationFailure(what, error);
  }
}
