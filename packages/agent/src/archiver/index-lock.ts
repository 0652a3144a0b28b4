import Database from 'better-sqlite3';

/** Another archive run holds the index: two runs must never move the same recordings at once. */
export class IndexBusyError extends Error {
  constructor(file: string) {
    super(`another archive run is using the index ${file}: wait for it to finish`);
  }
}

/** A held lock; `release()` frees it (dying frees it too). */
export interface IndexLock {
  release(): void;
}

/**
 * Takes the lock of an index: an exclusive SQLite transaction on `<index>.lock`. The operating
 * system frees it when the process dies, even by SIGKILL, so no stale lock file can block a
 * rerun; and SQLite makes it hold between connections of one process as well as between processes.
 */
export function lockIndex(file: string): IndexLock {
  const lockFile = `${file}.lock`;
  const db = new Database(lockFile, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (
      error instanceof Error &&
      /SQLITE_BUSY|database is locked/i.test(`${(error as { code?: string }).code} ${error.message}`)
    ) {
      throw new IndexBusyError(file);
    }
    throw error;
  }
  return {
    release() {
      if (db.open) {
        db.exec('ROLLBACK');
        db.close();
      }
    },
  };
}
