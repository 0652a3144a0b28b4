import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../db/connect';
import { migrateToLatest } from '../db/migrate';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/** The PostgreSQL server tests create their databases on. */
export const TEST_POSTGRES_URL = process.env['VIGIE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  dialect: Dialect;
  /** Drops the database (or deletes the file). */
  drop(): Promise<void>;
}

/** A fresh, empty database of the dialect: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-test-'));
    return {
      url: `sqlite:${join(dir, 'vigie.db')}`,
      dialect,
      drop: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const name = `vigie_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A migrated database and its handle; `dispose` closes and drops it. */
export async function createMigratedDatabase(
  dialect: Dialect,
): Promise<{ handle: DatabaseHandle; url: string; dispose(): Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const handle = openDatabase(database.url);
  await migrateToLatest(handle);
  return {
    handle,
    url: database.url,
    dispose: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
