import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** SQL texts run often enough to be worth preparing once per PostgreSQL connection. */
const names = new Map<string, string>();

/**
 * Marks a statement's text to be prepared by name on each PostgreSQL connection at its first
 * use, and only bound and executed after: a multi-row insert of thousands of parameters is
 * otherwise parsed and planned again by the server at every batch (measured: ~2–3× the time).
 */
export function prepareByName(text: string): void {
  if (!names.has(text)) names.set(text, `vigie_${names.size + 1}`);
}

/**
 * One pg client as Kysely uses it, running the texts marked by `prepareByName` as named
 * statements (pg remembers what each connection has prepared) and every other query as is.
 */
function clientPreparingByName(client: pg.PoolClient): PostgresPoolClient {
  function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') {
      // A cursor (Kysely's streams, unused by Vigie) goes to pg as it came.
      const submit = client.query.bind(client) as unknown as (cursor: PostgresCursor<R>) => PostgresCursor<R>;
      return submit(sqlOrCursor);
    }
    const values = (parameters ?? []) as unknown[];
    const name = names.get(sqlOrCursor);
    const result =
      name === undefined ? client.query(sqlOrCursor, values) : client.query({ name, text: sqlOrCursor, values });
    return result as unknown as Promise<PostgresQueryResult<R>>;
  }
  return { query, release: (destroy?: boolean) => client.release(destroy) };
}

/** The pool Kysely is given: each pg client it hands out is wrapped once, always by the same wrapper. */
export function poolPreparingByName(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        wrapper = clientPreparingByName(client);
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
