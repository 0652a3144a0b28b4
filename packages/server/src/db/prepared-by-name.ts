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

const PREPARING = Symbol('vigie.prepared-by-name');

type Query = (...args: unknown[]) => unknown;

/**
 * The pool Kysely is given: its clients run the texts marked by `prepareByName` as named
 * statements (pg keeps what each connection has prepared), and every other query as before.
 */
export function poolPreparingByName(pool: pg.Pool): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  return {
    async connect() {
      const client = await pool.connect();
      const marked = client as pg.PoolClient & { [PREPARING]?: true };
      if (!marked[PREPARING]) {
        // Patched once per client, in place: Kysely knows its connections by client.
        const query = client.query.bind(client) as Query;
        (client as unknown as { query: Query }).query = (...args: unknown[]) => {
          const [text, values] = args;
          const name = typeof text === 'string' && Array.isArray(values) ? names.get(text) : undefined;
          return name === undefined ? query(...args) : query({ name, text, values });
        };
        marked[PREPARING] = true;
      }
      return client;
    },
    end: () => pool.end(),
  };
}
