import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { poolPreparingByName } from './prepared-by-name';
import type pg from 'pg';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';
import { startWalCheckpointer, WRITER_CHECKPOINT_PAGES } from './wal-checkpointer';

const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The URL with any password hidden, for logs. */
  label: string;
  close(): Promise<void>;
}

export type DatabaseUrl = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export class DatabaseUrlError extends Error {}

/** Reads `sqlite:PATH`, `sqlite::memory:` or `postgres://…` into a connection target. */
export function parseDatabaseUrl(text: string): DatabaseUrl {
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new DatabaseUrlError('expected a file after sqlite:, e.g. sqlite:./data/vigie.db');
    return { dialect: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return { dialect: 'postgres', url: text };
  throw new DatabaseUrlError(`unsupported database "${text}": expected sqlite:PATH or postgres://USER@HOST:PORT/NAME`);
}

/** The PostgreSQL driver, loaded when a PostgreSQL database is opened: a server on SQLite never holds it. */
function postgresDriver(): typeof pg {
  return createRequire(import.meta.url)('pg') as typeof pg;
}

/** PostgreSQL returns 64-bit integers as text; Vigie's are epoch milliseconds and counts. */
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);
const pgTypesOf = (driver: typeof pg) => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID ? parseInt8 : driver.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
});

export interface OpenOptions {
  /**
   * A long-running process (the server): SQLite's checkpoints run on a worker thread instead
   * of inside the commits of whichever request crosses the log's threshold.
   */
  checkpointInBackground?: boolean;
  /** The checkpoint worker failed: the writer's own, less frequent checkpoints take over. */
  onCheckpointError?: (error: Error) => void;
}

export function openDatabase(urlText: string, options: OpenOptions = {}): DatabaseHandle {
  const target = parseDatabaseUrl(urlText);
  if (target.dialect === 'sqlite') {
    const file = target.path === ':memory:' ? ':memory:' : resolve(target.path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Statement journals (a multi-row write inside a transaction keeps one) stay in memory:
    // on disk they cost a write per page touched, as many as the commit itself.
    sqlite.pragma('temp_store = MEMORY');
    const checkpointer =
      options.checkpointInBackground && file !== ':memory:'
        ? startWalCheckpointer(file, options.onCheckpointError)
        : undefined;
    if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    // A log grown past this during a burst is cut back once it starts over.
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      dialect: 'sqlite',
      label: `sqlite:${file}`,
      close: async () => {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const driver = postgresDriver();
  const pool = new driver.Pool({ connectionString: target.url, max: 10, types: pgTypesOf(driver) });
  // An idle connection cut by the server (restart, failover) must not bring Vigie down:
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: poolPreparingByName(pool) }) });
  return {
    db,
    dialect: 'postgres',
    label: target.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    close: () => db.destroy(),
  };
}
