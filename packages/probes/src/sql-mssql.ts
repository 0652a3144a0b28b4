import type { ConnectionConfiguration } from 'tedious';
import { untilAborted } from './abort';
import type { FirstValue } from './sql-postgres';

const TRUE_WORDS = new Set(['true', 'yes', '1']);

/**
 * Reads `mssql://user:password@host[:port]/database?encrypt=true&trustServerCertificate=false`
 * into tedious's configuration (SQL Server authentication; port 1433 by default).
 */
export function mssqlConnectionConfig(url: URL): ConnectionConfiguration {
  const flag = (name: string, fallback: boolean) => {
    const text = url.searchParams.get(name);
    return text === null ? fallback : TRUE_WORDS.has(text.toLowerCase());
  };
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return {
    server: url.hostname.replace(/^\[|\]$/g, ''),
    authentication: {
      type: 'default',
      options: { userName: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
    },
    options: {
      port: url.port ? Number(url.port) : 1433,
      ...(database ? { database } : {}),
      encrypt: flag('encrypt', true),
      trustServerCertificate: flag('trustServerCertificate', false),
      appName: 'vigie-probe',
      // The signal bounds the whole run; tedious's own timers must not cut it shorter.
      connectTimeout: 600_000,
      requestTimeout: 0,
    },
  };
}

/** Runs a query on SQL Server inside a transaction that is always rolled back. */
export async function queryMssql(url: URL, sql: string, signal: AbortSignal): Promise<FirstValue> {
  // Loaded on first use: the driver is large and most plans have no SQL Server to watch.
  const { Connection, Request } = await import('tedious');
  const connection = new Connection(mssqlConnectionConfig(url));
  connection.on('error', () => undefined); // reported through connect() or the request
  const work = new Promise<FirstValue>((resolve, reject) => {
    let first: unknown = null;
    let rowCount = 0;
    connection.connect((connectError) => {
      if (connectError) return reject(connectError);
      // SQL Server has no read-only transaction: roll back whatever the query might do.
      const request = new Request(`BEGIN TRANSACTION;\n${sql};\nROLLBACK TRANSACTION;`, (error) =>
        error ? reject(error) : resolve({ value: first, rowCount }),
      );
      request.on('row', (columns: Array<{ value: unknown }>) => {
        if (rowCount === 0) first = columns[0]?.value ?? null;
        rowCount += 1;
      });
      connection.execSql(request);
    });
  });
  return untilAborted(signal, work, () => connection.close()).finally(() => connection.close());
}
