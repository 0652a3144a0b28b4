import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { startVigieProcess, type RunningServer } from '../support/cli';
import { startPrometheus, type PrometheusPeer } from '../support/peers/prometheus';

const ADMIN = { email: 'chef@mediacontact.example', password: 'un mot de passe solide' };

interface Listed {
  id: string;
  threatId: string;
  status: string;
  source: string;
}

/**
 * Debian's Prometheus sends its alerts straight to Vigie, as to an Alertmanager: its rule on
 * the HMP server's disk opens the plan's « espace-hmp » incident, and its end resolves it.
 */
describe('alerts from a real Prometheus, without an Alertmanager', () => {
  let database: TestDatabase;
  let vigie: RunningServer;
  let prometheus: PrometheusPeer;
  let exporter: Server;
  // What the HMP server's exporter says: 1 while its disk is full.
  let diskFull = 0;
  let cookie = '';

  beforeAll(async () => {
    exporter = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(`# TYPE hmp_disk_full gauge\nhmp_disk_full{disk="C:"} ${diskFull}\n`);
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));

    database = await createTestDatabase('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'vigie-prom-alerts-'));
    const plan = join(dir, 'plan.yaml');
    writeFileSync(plan, `${SEED_PLAN_TEXT}\ndetection:\n  groupWait: 1s\n`);
    vigie = await startVigieProcess(['--db', database.url, '--plan', plan], {
      cwd: dir,
      env: { VIGIE_ADMIN_EMAIL: ADMIN.email, VIGIE_ADMIN_PASSWORD: ADMIN.password, VIGIE_DATA_DIR: dir },
    });
    const login = await fetch(`${vigie.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const created = await fetch(`${vigie.baseUrl}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'prometheus' }),
    });
    const { token } = (await created.json()) as { token: string };
    prometheus = await startPrometheus({
      scrape: { target: `127.0.0.1:${(exporter.address() as AddressInfo).port}`, path: '/metrics', job: 'hmp' },
      rules: [
        'groups:',
        '  - name: hmp',
        '    rules:',
        '      - alert: HmpDiskFull',
        '        expr: hmp_disk_full == 1',
        '        labels: { severity: critical }',
        "        annotations: { summary: 'Disque C: du serveur HMP plein' }",
        '',
      ].join('\n'),
      alertmanager: { target: new URL(vigie.baseUrl).host, pathPrefix: '/api/v1/prometheus', bearerToken: token },
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await vigie?.stop();
    await database?.drop();
    await new Promise((resolve) => exporter?.close(resolve));
  });

  const incidents = async (): Promise<Listed[]> =>
    (await (await fetch(`${vigie.baseUrl}/api/v1/incidents`, { headers: { cookie } })).json()) as Listed[];
  const waitFor = async (what: string, check: (list: Listed[]) => boolean): Promise<Listed[]> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const list = await incidents();
      if (check(list)) return list;
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(list)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  it('a firing rule opens the espace-hmp incident once; its end resolves it', async () => {
    diskFull = 1;
    const [opened] = await waitFor('incident opened', (list) => list.length > 0);
    expect(opened).toMatchObject({ threatId: 'espace-hmp', status: 'open' });
    expect(opened!.source).toMatch(/^alert:[0-9a-f]{16}$/);
    // Prometheus keeps the alert firing (and may send it again): still one incident.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await incidents()).toHaveLength(1);

    diskFull = 0;
    const [resolved] = await waitFor('incident resolved', (list) => list[0]?.status === 'resolved');
    expect(resolved!.id).toBe(opened!.id);
  }, 90_000);
});
