import { untilAborted } from './abort';

/** The first row's first column and the number of rows a query returned. */
export interface FirstValue {
  value: unknown;
  rowCount: number;
}

/** Runs a query on PostgreSQL in a read-only session: the probe must change nothing. */
export async function queryPostgres(url: URL, sql: string, signal: AbortSignal): Promise<FirstValue> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url.href,
    options: '-c default_transaction_read_only=on',
    application_name: 'vigie-probe',
  });
  client.on('error', () => undefined); // a dropped connection is reported by the pending call
  try {
    const work = (async () => {
      await client.connect();
      const result = await client.query({ text: sql, rowMode: 'array' });
      const first = (result.rows as unknown[][])[0];
      return { value: first?.[0] ?? null, rowCount: result.rows.length };
    })();
    return await untilAborted(signal, work, () => void client.end().catch(() => undefined));
  } finally {
    await client.end().catch(() => undefined);
  }
}
