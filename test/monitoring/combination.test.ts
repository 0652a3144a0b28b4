import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../packages/server/src/config';
import { startVigie } from '../../packages/server/src/main';
import { createTestDatabase, DIALECTS } from '../../packages/server/src/testing/test-databases';
import { monitoringPlan, waitFor } from './support';

const ADMIN = { email: 'admin@example.org', password: 'a long enough password' };
const quiet = { out: () => undefined, err: () => undefined };

/** A TCP port standing for a SQL server: it accepts connections until closed, then refuses them. */
class SqlPort {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Two SQL servers of the main site, watched on their port every second; the threat needs both down. */
function planFor(a: SqlPort, b: SqlPort): string {
  const check = (id: string, name: string, asset: string, port: number) =>
    `{ id: ${id}, name: ${name}, asset: ${asset}, probe: tcp, target: "127.0.0.1:${port}", every: 1s, timeout: 1s, failAfter: 1, recoverAfter: 1 }`;
  return `${monitoringPlan([
    check('sql-a', 'Port SQL A', 'serveur', a.port),
    check('sql-b', 'Port SQL B', 'crm', b.port),
  ])}  - id: bases-sql
    title: Bases SQL du site principal indisponibles
    causes: Serveurs SQL arrêtés
    solution: Redémarrer les serveurs SQL
    detect:
      - checks: { site: principal, probe: tcp }
        count: all
    resolve: on-recovery
detection:
  groupWait: 1s
`;
}

interface Listed {
  id: string;
  threatId: string;
  status: string;
}

describe.each(DIALECTS)('a combination of checks with the scheduler, on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('opens one incident when both SQL ports of the main site are down, and resolves it when one is back', async () => {
    const a = new SqlPort();
    const b = new SqlPort();
    await a.open();
    await b.open();
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );
    const database = await createTestDatabase(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'vigie-combination-'));
    cleanup.push(async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });
    const planPath = join(dir, 'plan.yaml');
    writeFileSync(planPath, planFor(a, b));
    const parsed = readConfig(
      { databaseUrl: database.url, planPath, host: '127.0.0.1', port: '0', dataDir: dir },
      { VIGIE_ADMIN_EMAIL: ADMIN.email, VIGIE_ADMIN_PASSWORD: ADMIN.password, VIGIE_SHARD_LEASE: '3s' },
    );
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const vigie = await startVigie(parsed.config, quiet, pino({ level: 'silent' }));
    cleanup.push(() => vigie.stop());

    const login = await fetch(`${vigie.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const get = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${vigie.url}${path}`, { headers: { cookie } })).json()) as T;
    const stateOf = async (id: string) =>
      (await get<{ checks: { id: string; state: string }[] }>('/api/v1/checks')).checks.find((c) => c.id === id)!.state;
    const incidents = () => get<Listed[]>('/api/v1/incidents');

    await waitFor('both ports up', async () => (await stateOf('sql-a')) === 'up' && (await stateOf('sql-b')) === 'up');

    await a.close();
    await waitFor('port A down', async () => (await stateOf('sql-a')) === 'down');
    // Past the group wait, and a few more runs of port B being up.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await incidents()).toEqual([]);

    await b.close();
    const [opened] = await waitFor('the SQL incident', async () => {
      const list = await incidents();
      return list.length > 0 && list;
    });
    expect(opened).toMatchObject({ threatId: 'bases-sql', status: 'open' });

    await a.open();
    await waitFor('its resolution', async () => (await incidents())[0]?.status === 'resolved');
    expect((await incidents()).map((i) => i.id)).toEqual([opened!.id]);
  }, 120_000);
});
