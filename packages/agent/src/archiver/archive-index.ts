import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ArchiveEntrySchema, type ArchiveEntry } from './archive-entry';
import { lockIndex, type IndexLock } from './index-lock';

const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS archived (
    id INTEGER PRIMARY KEY,
    recording TEXT NOT NULL,
    source_root TEXT NOT NULL,
    destination TEXT NOT NULL,
    archive_path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    archived_at INTEGER NOT NULL,
    UNIQUE (destination, archive_path)
  );
  CREATE INDEX IF NOT EXISTS archived_recorded_at ON archived (recorded_at);
  CREATE INDEX IF NOT EXISTS archived_archived_at ON archived (archived_at);
  CREATE TABLE IF NOT EXISTS pending (
    source_root TEXT NOT NULL,
    destination TEXT NOT NULL,
    recording TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    PRIMARY KEY (source_root, destination, recording)
  );
`;

/** The columns of `archived` under the names of `ArchiveEntry`. */
export const ENTRY_COLUMNS = `recording, source_root AS sourceRoot, destination, archive_path AS archivePath,
  size, sha256, recorded_at AS recordedAt, archived_at AS archivedAt`;

/** Opens an index database with the settings both the writer and readers rely on. */
export function openIndexDatabase(file: string, readonly: boolean): Database.Database {
  const db = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  // WAL lets the agent's API search while an archive run writes; FULL makes each commit survive a power loss.
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The archive index of one run: which recording went where, with its size and SHA-256, and the
 * recordings a run started on (pending), so a rerun after a crash knows what to finish.
 * Opening it takes the index lock.
 */
export class ArchiveIndex {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly lock: IndexLock;

  private constructor(file: string, db: Database.Database, lock: IndexLock) {
    this.file = file;
    this.db = db;
    this.lock = lock;
  }

  /** Opens (creating it if needed) the index in `file` for an archive run. */
  static open(file: string): ArchiveIndex {
    const absolute = resolve(file);
    mkdirSync(dirname(absolute), { recursive: true });
    const lock = lockIndex(absolute);
    try {
      const db = openIndexDatabase(absolute, false);
      const version = db.pragma('user_version', { simple: true });
      if (typeof version === 'number' && version > SCHEMA_VERSION) {
        db.close();
        throw new Error(`the index ${absolute} was written by a newer vigie-agent (schema ${version})`);
      }
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return new ArchiveIndex(absolute, db, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Notes that a run starts on these recordings, before anything is written at the destination. */
  markPending(sourceRoot: string, destination: string, recordings: readonly string[], now: number): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO pending (source_root, destination, recording, started_at) VALUES (?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const recording of recordings) insert.run(sourceRoot, destination, recording, now);
    })();
  }

  /** The recordings an interrupted run started on, for this source and destination. */
  pending(sourceRoot: string, destination: string): string[] {
    const rows = this.db
      .prepare('SELECT recording FROM pending WHERE source_root = ? AND destination = ? ORDER BY recording')
      .pluck()
      .all(sourceRoot, destination);
    return rows.filter((row): row is string => typeof row === 'string');
  }

  /** Interrupted runs from this source to other destinations: a rerun must name them to finish them. */
  pendingElsewhere(sourceRoot: string, destination: string): Array<{ destination: string; count: number }> {
    const rows = this.db
      .prepare(
        `SELECT destination, COUNT(*) AS count FROM pending WHERE source_root = ? AND destination <> ?
         GROUP BY destination ORDER BY destination`,
      )
      .all(sourceRoot, destination) as Array<{ destination: string; count: number }>;
    return rows;
  }

  /**
   * Records archived recordings and forgets finished pending ones, in one transaction: called
   * once the archived files are durable at the destination, before their sources are deleted.
   */
  commit(sourceRoot: string, destination: string, entries: readonly ArchiveEntry[], finished: readonly string[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO archived (recording, source_root, destination, archive_path, size, sha256, recorded_at, archived_at)
       VALUES (@recording, @sourceRoot, @destination, @archivePath, @size, @sha256, @recordedAt, @archivedAt)
       ON CONFLICT (destination, archive_path) DO UPDATE SET recording = excluded.recording,
         source_root = excluded.source_root, size = excluded.size, sha256 = excluded.sha256,
         recorded_at = excluded.recorded_at,
         archived_at = CASE WHEN archived.sha256 = excluded.sha256 THEN archived.archived_at ELSE excluded.archived_at END`,
    );
    const forget = this.db.prepare('DELETE FROM pending WHERE source_root = ? AND destination = ? AND recording = ?');
    this.db.transaction(() => {
      for (const entry of entries) upsert.run(ArchiveEntrySchema.parse(entry));
      for (const recording of finished) forget.run(sourceRoot, destination, recording);
    })();
  }

  /** Every entry for a destination, to check the index against the files (tests, audits). */
  entries(destination: string): ArchiveEntry[] {
    const rows = this.db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM archived WHERE destination = ? ORDER BY archive_path`)
      .all(destination);
    return rows.map((row) => ArchiveEntrySchema.parse(row));
  }

  /** Closes the database and releases the lock. */
  close(): void {
    this.db.close();
    this.lock.release();
  }
}
