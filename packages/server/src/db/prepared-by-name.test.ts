import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase } from '../testing/test-databases';
import type { DatabaseHandle } from './connect';
import { BatchStatement } from './repositories/batch-statement';

const NOTES = new BatchStatement({
  into: 'insert into prepared_notes (n, text)',
  columns: 2,
  tail: 'returning n',
  sizes: [4, 1],
});

describe('statements prepared by name on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ handle, dispose } = await createMigratedDatabase('postgres')));
  afterAll(() => dispose());

  it('prepares a batch statement once per connection and runs it by name after', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await sql`create temporary table prepared_notes (n integer, text text) on commit drop`.execute(trx);
      const rows = (from: number) => Array.from({ length: 5 }, (_, i) => [from + i, `note ${from + i}`] as const);
      const first = await NOTES.run<readonly [number, string], { n: number }>(trx, 'postgres', rows(0), (r) => r);
      const again = await NOTES.run<readonly [number, string], { n: number }>(trx, 'postgres', rows(5), (r) => r);
      expect([...first, ...again].map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

      const prepared = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements order by statement`.execute(trx);
      expect(prepared.rows.map((r) => r.statement).sort()).toEqual(
        [NOTES.text(1, 'postgres'), NOTES.text(4, 'postgres')].sort(),
      );
      expect(prepared.rows.every((r) => r.name.startsWith('vigie_'))).toBe(true);
      // Other queries still go unnamed.
      expect(prepared.rows.some((r) => r.statement.includes('pg_prepared_statements'))).toBe(false);
    });
  });
});
