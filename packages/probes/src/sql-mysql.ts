import { untilAborted } from './abort';
import type { FirstValue } from './sql-postgres';

/** Runs a query on MySQL or MariaDB inside a read-only transaction, rolled back after. */
export async function queryMysql(url: URL, sql: string, signal: AbortSignal): Promise<FirstValue> {
  const address = new URL(url);
  address.protocol = 'mysql:';
  // Loaded on first use, like the other drivers a plan may not need.
  const { createConnection } = await import('mysql2');
  const connection = createConnection({ uri: address.href, rowsAsArray: true, multipleStatements: false });
  connection.on('error', () => undefined); // reported by the pending query
  const client = connection.promise();
  try {
    const work = (async () => {
      await client.query('START TRANSACTION READ ONLY');
      const [rows] = await client.query(sql);
      await client.query('ROLLBACK');
      const list = Array.isArray(rows) ? (rows as unknown[]) : [];
      const first = list[0];
      return { value: Array.isArray(first) ? ((first as unknown[])[0] ?? null) : null, rowCount: list.length };
    })();
    return await untilAborted(signal, work, () => connection.destroy());
  } finally {
    connection.destroy();
  }
}
