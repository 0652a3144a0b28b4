import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct statements are kept prepared: Vigie's queries are a few hundred shapes. */
const DEFAULT_CAPACITY = 512;

/**
 * A SQLite database whose statements are prepared once per SQL text. Kysely prepares every
 * query it runs; SQLite then parses and plans it again each time, which costs more than
 * running it for the small, frequent queries of the engine and the bulk inserts of signals
 * and check results. The least recently used statement is dropped past the capacity.
 */
export function withStatementCache(database: SqliteDatabase, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      } else {
        statements.delete(sql);
      }
      statements.set(sql, statement);
      return statement;
    },
    close(): void {
      statements.clear();
      database.close();
    },
  };
}
