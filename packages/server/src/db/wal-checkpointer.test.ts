import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect';
import { startWalCheckpointer } from './wal-checkpointer';

const ROWS = 2_000;

/** Rows the database file holds by itself, without its write-ahead log. */
function rowsInMainFile(dir: string): number {
  const copy = join(dir, `copy-${Date.now()}.db`);
  copyFileSync(join(dir, 'vigie.db'), copy);
  const reader = new SqliteDatabase(copy, { readonly: true });
  try {
    const table = reader.prepare("select 1 from sqlite_master where name = 't'").get();
    return table ? (reader.prepare('select count(*) as n from t').get() as { n: number }).n : 0;
  } finally {
    reader.close();
    rmSync(copy);
  }
}

/**
 * Like `rowsInMainFile`, while the worker may be writing: a copy taken in the middle of a
 * checkpoint can be torn (a page half written), which counts as not there yet.
 */
function rowsInMainFileSoFar(dir: string): number {
  try {
    return rowsInMainFile(dir);
  } catch (error) {
    if (error instanceof SqliteDatabase.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) return 0;
    throw error;
  }
}

async function fill(handle: DatabaseHandle): Promise<void> {
  await sql`create table t (id integer primary key, body text not null)`.execute(handle.db);
  // About 600 pages of log: under SQLite's own automatic checkpoint at 1,000.
  for (let i = 0; i < ROWS; i += 100) {
    await handle.db.transaction().execute(async (tx) => {
      for (let j = i; j < i + 100; j++) await sql`insert into t (body) values (${'x'.repeat(1_000)})`.execute(tx);
    });
  }
}

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('checkpoints on a worker thread', () => {
  let dir: string;
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies what was committed into the database file by itself, and stops when the database closes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-wal-'));
    handle = openDatabase(`sqlite:${join(dir, 'vigie.db')}`, { checkpointInBackground: true });
    await fill(handle);
    // Every quarter of a second; a starved machine may take longer.
    const deadline = Date.now() + 10_000;
    let rows = rowsInMainFileSoFar(dir);
    while (rows < ROWS && Date.now() < deadline) {
      await settle(100);
      rows = rowsInMainFileSoFar(dir);
    }
    expect(rows).toBe(ROWS);
    // Writing goes on while it runs, and closing stops it.
    await sql`insert into t (body) values ('last')`.execute(handle.db);
    await handle.close();
    handle = undefined;
    expect(rowsInMainFile(dir)).toBe(ROWS + 1);
  });

  it('is not there unless asked: the log keeps those pages until SQLite’s own threshold', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-wal-'));
    handle = openDatabase(`sqlite:${join(dir, 'vigie.db')}`);
    await fill(handle);
    await settle(1_000);
    expect(rowsInMainFile(dir)).toBe(0);
  });

  it('lets a program whose last step is closing the database end normally', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-wal-'));
    const script = join(dir, 'close-last.mts');
    const connect = fileURLToPath(new URL('./connect.ts', import.meta.url));
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(connect)};
const handle = openDatabase(${JSON.stringify(`sqlite:${join(dir, 'vigie.db')}`)}, { checkpointInBackground: true });
await handle.close();
console.log('closed');
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
  });

  it('says when it cannot checkpoint, leaving the writer in charge', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-wal-'));
    const errors: Error[] = [];
    const checkpointer = startWalCheckpointer(join(dir, 'missing.db'), (error) => errors.push(error));
    const deadline = Date.now() + 10_000;
    while (errors.length === 0 && Date.now() < deadline) await settle(50);
    await checkpointer.stop();
    expect(errors[0]?.message).toMatch(/missing\.db: unable to open database file/);
  });
});
