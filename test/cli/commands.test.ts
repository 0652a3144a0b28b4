import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';
import { runVigie, startVigieProcess } from '../support/cli';

describe('vigie --help', () => {
  it.each([
    [[]],
    [['start']],
    [['plan']],
    [['plan', 'validate']],
    [['plan', 'show']],
    [['plan', 'load']],
    [['migrate']],
    [['user', 'add']],
    [['audit', 'verify']],
  ])('explains %j', async (command) => {
    const result = await runVigie([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: vigie');
  });

  it('refuses an unknown command with usage help and exit 2', async () => {
    const result = await runVigie(['launch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'launch'");
  });
});

// Each test starts `vigie` (through tsx) two to four times: 15–25 s on a loaded CI machine, so
// the default 30 s is too close.
describe.each(DIALECTS)('vigie commands on %s', { timeout: 90_000 }, (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.drop());
  const db = () => ['--db', database.url];

  it('migrates, then says the database is up to date', async () => {
    expect((await runVigie(['migrate', ...db()])).stdout).toContain('Applied: 001-foundation');
    expect((await runVigie(['migrate', ...db()])).stdout).toContain('up to date');
  });

  it('loads a plan and shows it readably, in French', async () => {
    const load = await runVigie(['plan', 'load', 'plans/media-contact-cameroun.yaml', ...db()]);
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('Active plan: version 1');
    const show = await runVigie(['plan', 'show', ...db()]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Patch Hermès  [patch-hermes]');
    expect(show.stdout).toContain('Temps de résolution: Allant jusqu’à 4h de temps');
    expect(show.stdout).toContain('au-delà de 6h: Interruption de services supérieure à 6 heures');
    expect(show.stdout).toContain(
      "Astreinte technique  [astreinte-technique]\n  relève tous les 7d, à partir du 2026-01-05T08:00:00+01:00: Technicien d'astreinte",
    );
    const json = await runVigie(['plan', 'show', '--json', ...db()]);
    expect((JSON.parse(json.stdout) as { threats: unknown[] }).threats).toHaveLength(9);
  });

  it('adds a user with a generated password shown once', async () => {
    const result = await runVigie(['user', 'add', '--email', 'tech@example.org', '--role', 'operator', ...db()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Password, shown only this once: \S{12,}/);
    const again = await runVigie(['user', 'add', '--email', 'tech@example.org', '--role', 'operator', ...db()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const badRole = await runVigie(['user', 'add', '--email', 'x@example.org', '--role', 'king', ...db()]);
    expect(badRole.code).toBe(2);
  });

  it('verifies the audit log, and fails once a row is altered', async () => {
    const intact = await runVigie(['audit', 'verify', ...db()]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('The audit log is intact');

    await alter(database, 'UPDATE audit_log SET details = \'{"role":"admin"}\' WHERE action = \'user.create\'');
    const broken = await runVigie(['audit', 'verify', ...db()]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken at entry \d+: its content was altered/);
  });
});

async function alter(database: TestDatabase, statement: string): Promise<void> {
  if (database.dialect === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(statement);
    await client.end();
  } else {
    const { default: Sqlite } = await import('better-sqlite3');
    const sqlite = new Sqlite(database.url.slice('sqlite:'.length));
    sqlite.exec(statement);
    sqlite.close();
  }
}

describe('vigie start', () => {
  it('on a fresh directory: creates ./data, loads the seed plan, prints the admin password once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vigie-start-'));
    const server = await startVigieProcess([], { cwd });
    try {
      const password = /shown only this once: (\S+)/.exec(server.output())?.[1];
      expect(password).toBeDefined();
      expect(server.output()).toContain('admin@localhost');
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@localhost', password }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const threats = await fetch(`${server.baseUrl}/api/v1/threats`, { headers: { cookie } });
      expect(((await threats.json()) as { threats: unknown[] }).threats).toHaveLength(9);
    } finally {
      await server.stop();
    }
    // A second start keeps the account and prints no password.
    const again = await startVigieProcess([], { cwd });
    await again.stop();
    expect(again.output()).not.toContain('shown only this once');
  });

  it('takes the admin account from VIGIE_ADMIN_EMAIL / VIGIE_ADMIN_PASSWORD, on PostgreSQL', async () => {
    const database = await createTestDatabase('postgres');
    const server = await startVigieProcess(['--db', database.url], {
      env: { VIGIE_ADMIN_EMAIL: 'chef@mediacontact.example', VIGIE_ADMIN_PASSWORD: 'un mot de passe solide' },
    });
    try {
      expect(server.output()).not.toContain('shown only this once');
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'chef@mediacontact.example', password: 'un mot de passe solide' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await server.stop();
      await database.drop();
    }
  });

  it('keeps serving the active plan when the plan file is broken', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vigie-start-'));
    const first = await startVigieProcess([], { cwd });
    await first.stop();
    const broken = join(cwd, 'broken.yaml');
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(
      broken,
      readFileSync(join(__dirname, '../../plans/media-contact-cameroun.yaml'), 'utf8').replace(
        'target: 4h',
        'target: 4 h 0',
      ),
    );
    const second = await startVigieProcess(['--plan', broken], { cwd });
    await second.stop();
    expect(second.output()).toMatch(/broken\.yaml:\d+:\d+: `target`/);
    expect(second.output()).toContain('keeps the active plan, version 1');
  });

  it('refuses to start on a broken plan when no plan was ever loaded', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vigie-start-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cwd, 'empty.yaml'), 'organisation: X\n');
    const result = await runVigie(['start', '--plan', 'empty.yaml', '--port', '0', '--host', '127.0.0.1'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no earlier plan is loaded');
  });

  it('lists every configuration problem at once', async () => {
    const result = await runVigie(['start', '--db', 'mysql://x', '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('VIGIE_DB');
    expect(result.stderr).toContain('VIGIE_PORT');
  });
});
