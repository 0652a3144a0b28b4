import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect';

async function pragma(handle: DatabaseHandle, name: string): Promise<unknown> {
  const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(handle.db);
  return Object.values(rows[0] ?? {})[0];
}

describe('an embedded database as Vigie opens it', () => {
  it('logs ahead, syncs at checkpoints, enforces references and keeps statement journals in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-connect-'));
    const handle = openDatabase(`sqlite:${join(dir, 'vigie.db')}`);
    try {
      expect(await pragma(handle, 'journal_mode')).toBe('wal');
      // NORMAL: the log is synced at checkpoints, not at each commit.
      expect(await pragma(handle, 'synchronous')).toBe(1);
      expect(await pragma(handle, 'foreign_keys')).toBe(1);
      // MEMORY: a multi-row write inside a transaction writes no temporary file.
      expect(await pragma(handle, 'temp_store')).toBe(2);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
