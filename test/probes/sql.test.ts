import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mssqlConnectionConfig, parseProbeConfig, runProbe, sqlProbe, type Language } from '@vigie/probes';
import { freePort } from '../support/peers/process';

const POSTGRES = process.env['VIGIE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MARIADB = process.env['VIGIE_TEST_MARIADB'] ?? 'mysql://root@127.0.0.1:3306';

async function run(input: Record<string, unknown>, timeoutMs = 10_000, language?: Language) {
  const outcome = await runProbe(sqlProbe, input, { timeoutMs, language });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

/** The replication lag a monitored database reports, in a table the test owns. */
const LAG_QUERY = 'SELECT lag_seconds FROM replication_status';

describe('sql probe against PostgreSQL', () => {
  const name = `vigie_probe_${randomBytes(5).toString('hex')}`;
  let url: string;
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(POSTGRES);
    target.pathname = `/${name}`;
    url = target.href;
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query('CREATE TABLE replication_status (lag_seconds integer)');
    await db.query('INSERT INTO replication_status VALUES (12)');
    await db.end();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('is up when the query answers, reporting the first value', async () => {
    const result = await run({ target: url });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(
      new RegExp(`^PostgreSQL 127\\.0\\.0\\.1:5432/${name} answered in [\\d.]+ ms: first value = 1$`),
    );
    expect(result.values).toEqual({ value: 1, rowCount: 1 });
  });

  it('judges the first value against its bounds: replication lag', async () => {
    const ok = await run({ target: url, query: LAG_QUERY, label: 'replication lag (s)', max: 300, warnMax: 10 });
    expect(ok.status).toBe('degraded');
    expect(ok.message).toContain('replication lag (s) = 12; replication lag (s) is 12, above the warning level 10');
    const late = await run({ target: url, query: LAG_QUERY, label: 'replication lag (s)', max: '5' });
    expect(late.status).toBe('down');
    expect(late.message).toContain('replication lag (s) is 12, above the maximum 5');
  });

  it('changes nothing: a writing query fails in the read-only session', async () => {
    const result = await run({ target: url, query: 'INSERT INTO replication_status VALUES (99) RETURNING 1' });
    expect(result.status).toBe('down');
    expect(result.message).toContain('cannot execute INSERT in a read-only transaction');
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const rows = await check.query('SELECT count(*)::int AS n FROM replication_status');
    await check.end();
    expect(rows.rows[0]).toEqual({ n: 1 });
  });

  it('is down, naming the reason, for a missing database, a bad query or a closed port', async () => {
    const missing = new URL(url);
    missing.pathname = '/no_such_database';
    expect((await run({ target: missing.href })).message).toBe(
      'PostgreSQL 127.0.0.1:5432/no_such_database: database "no_such_database" does not exist',
    );
    expect((await run({ target: url, query: 'SELECT FROM WHERE' })).message).toContain('syntax error');
    const port = await freePort();
    const closed = await run({ target: `postgres://postgres@127.0.0.1:${port}/postgres` });
    expect(closed.status).toBe('down');
    expect(closed.message).toBe(`PostgreSQL 127.0.0.1:${port}/postgres: connection refused`);
  });

  it('is down with "no answer" when the query outlasts the timeout', async () => {
    const result = await run({ target: url, query: 'SELECT pg_sleep(5)' }, 800);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/: no answer within [\d.]+ ms$/);
  });

  it('speaks French when the check is in French', async () => {
    const up = await run({ target: url, query: 'SELECT 2.5' }, 10_000, 'fr');
    expect(up.status).toBe('up');
    expect(up.message).toMatch(
      new RegExp(`^PostgreSQL 127\\.0\\.0\\.1:5432/${name} a répondu en \\d+(?:,\\d)? ms : première valeur = 2,5$`),
    );
    const lag = { target: url, query: LAG_QUERY, label: 'retard de réplication (s)' };
    const warned = await run({ ...lag, max: 300, warnMax: 10 }, 10_000, 'fr');
    expect(warned.status).toBe('degraded');
    expect(warned.message).toContain(
      'retard de réplication (s) = 12 ; retard de réplication (s) vaut 12, au-dessus du seuil d’alerte 10',
    );
    const late = await run({ ...lag, max: 5, maxLatency: 0 }, 10_000, 'fr');
    expect(late.status).toBe('down');
    expect(late.message).toMatch(
      / ; retard de réplication \(s\) vaut 12, au-dessus du maximum 5 ; réponse plus lente que 0,0 ms$/,
    );
    const none = await run(
      { target: url, query: 'SELECT lag_seconds FROM replication_status WHERE false' },
      10_000,
      'fr',
    );
    expect(none.status).toBe('up');
    expect(none.message).toMatch(/ : première valeur introuvable \(aucune ligne\)$/);
    // The server's own words are given as they are.
    const readOnly = await run({ target: url, query: 'DELETE FROM replication_status' }, 10_000, 'fr');
    expect(readOnly.message).toContain(
      `PostgreSQL 127.0.0.1:5432/${name} : cannot execute DELETE in a read-only transaction`,
    );
    const port = await freePort();
    const closed = await run({ target: `postgres://postgres@127.0.0.1:${port}/postgres` }, 10_000, 'fr');
    expect(closed.status).toBe('down');
    expect(closed.message).toBe(`PostgreSQL 127.0.0.1:${port}/postgres : connexion refusée`);
    const slow = await run({ target: url, query: 'SELECT pg_sleep(5)' }, 800, 'fr');
    expect(slow.message).toMatch(new RegExp(`^PostgreSQL 127\\.0\\.0\\.1:5432/${name} : aucune réponse en \\d+ ms$`));
  });
});

describe('sql probe against MariaDB', () => {
  const name = `vigie_probe_${randomBytes(5).toString('hex')}`;
  let url: string;
  let admin: mysql.Connection;
  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: MARIADB });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.query(`CREATE TABLE ${name}.replication_status (lag_seconds integer)`);
    await admin.query(`INSERT INTO ${name}.replication_status VALUES (420)`);
    url = `${MARIADB.replace(/^mysql:/, 'mariadb:')}/${name}`;
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });

  it('is up when the query answers', async () => {
    const result = await run({ target: url, query: 'SELECT VERSION()' });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(
      new RegExp(`^MariaDB 127\\.0\\.0\\.1:3306/${name} answered in [\\d.]+ ms: first value = .*MariaDB`),
    );
  });

  it('is down when the replication lag passes the maximum', async () => {
    const result = await run({ target: url, query: LAG_QUERY, label: 'lag (s)', max: 300 });
    expect(result.status).toBe('down');
    expect(result.message).toContain('lag (s) = 420; lag (s) is 420, above the maximum 300');
    expect(result.values).toEqual({ value: 420, rowCount: 1 });
  });

  it('changes nothing: a writing query fails in the read-only transaction', async () => {
    const result = await run({ target: url, query: 'DELETE FROM replication_status' });
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/read.only transaction/i);
    const [rows] = await admin.query(`SELECT COUNT(*) AS n FROM ${name}.replication_status`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('is down for an unknown user and for a closed port', async () => {
    const denied = await run({ target: `mysql://intrus:secret@127.0.0.1:3306/${name}` });
    expect(denied.status).toBe('down');
    expect(denied.message).toContain("Access denied for user 'intrus'");
    expect(denied.message).not.toContain('secret');
    const port = await freePort();
    expect((await run({ target: `mysql://root@127.0.0.1:${port}/x` })).message).toBe(
      `MySQL 127.0.0.1:${port}/x: connection refused`,
    );
  });

  it('speaks French when the check is in French', async () => {
    const late = await run({ target: url, query: LAG_QUERY, label: 'retard (s)', max: 300 }, 10_000, 'fr');
    expect(late.status).toBe('down');
    expect(late.message).toMatch(
      new RegExp(
        `^MariaDB 127\\.0\\.0\\.1:3306/${name} a répondu en \\d+(?:,\\d)? ms : retard \\(s\\) = 420 ; retard \\(s\\) vaut 420, au-dessus du maximum 300$`,
      ),
    );
    const up = await run({ target: url, query: LAG_QUERY, max: 500 }, 10_000, 'fr');
    expect(up.status).toBe('up');
    expect(up.message).toMatch(/ : première valeur = 420$/);
    const port = await freePort();
    const closed = await run({ target: `mariadb://root@127.0.0.1:${port}/x` }, 10_000, 'fr');
    expect(closed.message).toBe(`MariaDB 127.0.0.1:${port}/x : connexion refusée`);
  });

  it('is down with "no answer" when the peer never greets (a PostgreSQL port)', async () => {
    const pgPort = new URL(POSTGRES).port || '5432';
    const result = await run({ target: `mysql://root@127.0.0.1:${pgPort}/x` }, 1500);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/: no answer within [\d.]+ m?s$/);
  });
});

describe('sql probe for SQL Server (no server on this machine: configuration and failures only)', () => {
  it('reads the URL into tedious options', () => {
    const config = mssqlConnectionConfig(
      new URL('mssql://sa:p%40ss@db.centre.local:14330/Onnet32?encrypt=false&trustServerCertificate=yes'),
    );
    expect(config).toMatchObject({
      server: 'db.centre.local',
      authentication: { type: 'default', options: { userName: 'sa', password: 'p@ss' } },
      options: { port: 14330, database: 'Onnet32', encrypt: false, trustServerCertificate: true },
    });
    expect(mssqlConnectionConfig(new URL('mssql://sa:x@127.0.0.1')).options).toMatchObject({
      port: 1433,
      encrypt: true,
      trustServerCertificate: false,
    });
  });

  it('is down with "connection refused" when nothing listens', async () => {
    const port = await freePort();
    const result = await run({ target: `mssql://sa:secret@127.0.0.1:${port}/master` });
    expect(result.status).toBe('down');
    expect(result.message).toBe(`SQL Server 127.0.0.1:${port}/master: connection refused`);
  });

  it('says "connexion refusée" in French', async () => {
    const port = await freePort();
    const result = await run({ target: `mssql://sa:secret@127.0.0.1:${port}/master` }, 10_000, 'fr');
    expect(result.status).toBe('down');
    expect(result.message).toBe(`SQL Server 127.0.0.1:${port}/master : connexion refusée`);
  });

  it('is down, without throwing, when the port speaks another protocol (PostgreSQL)', async () => {
    const pgPort = new URL(POSTGRES).port || '5432';
    const result = await run({ target: `mssql://sa:secret@127.0.0.1:${pgPort}/master?encrypt=false` }, 5000);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(new RegExp(`^SQL Server 127\\.0\\.0\\.1:${pgPort}/master: .+`));
  });

  it('refuses a URL of another kind', () => {
    expect(parseProbeConfig(sqlProbe, { target: 'oracle://db/x' })).toEqual({
      ok: false,
      problems: [
        'target: the target is not a database URL (postgres://, mysql://, mariadb:// or mssql://USER:PASSWORD@HOST[:PORT]/DATABASE)',
      ],
    });
  });
});
