import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { startVigieProcess, type RunningServer } from '../support/cli';
import { startAlertmanager, type AlertmanagerPeer } from '../support/peers/alertmanager';

const ADMIN = { email: 'chef@mediacontact.example', password: 'un mot de passe solide' };

interface Listed {
  id: string;
  threatId: string;
  status: string;
  source: string;
}

/** Prometheus' real Alertmanager sends its webhook to Vigie, which opens and resolves the incident. */
describe('alerts from a real Alertmanager', () => {
  let database: TestDatabase;
  let vigie: RunningServer;
  let alertmanager: AlertmanagerPeer;
  let cookie = '';
  let token = '';

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'vigie-am-'));
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
      body: JSON.stringify({ name: 'alertmanager' }),
    });
    ({ token } = (await created.json()) as { token: string });
    alertmanager = await startAlertmanager(`${vigie.baseUrl}/api/v1/alerts/alertmanager`, token);
  }, 120_000);

  afterAll(async () => {
    await alertmanager?.stop();
    await vigie?.stop();
    await database?.drop();
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

  it('a firing HMP disk alert opens the espace-hmp incident once; its resolution resolves it', async () => {
    const alert = {
      labels: { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182', severity: 'critical' },
      annotations: { summary: 'Disque C: du serveur HMP plein à 97 %' },
    };
    await alertmanager.post([alert]);
    await alertmanager.post([alert]); // the same alert again: Alertmanager and Vigie deduplicate
    const [opened] = await waitFor('incident opened', (list) => list.length > 0);
    expect(opened).toMatchObject({ threatId: 'espace-hmp', status: 'open' });
    expect(opened!.source).toMatch(/^alert:/);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await incidents()).toHaveLength(1);

    await alertmanager.post([{ ...alert, endsAt: new Date().toISOString() }]);
    const [resolved] = await waitFor('incident resolved', (list) => list[0]?.status === 'resolved');
    expect(resolved!.id).toBe(opened!.id);
  }, 120_000);

  it('an alert Alertmanager fired is resolved by a sender that gives only its labels', async () => {
    const labels = {
      alertname: 'HmpDiskFull',
      instance: 'hmp.secours.mediacontact.example:9182',
      severity: 'critical',
    };
    await alertmanager.post([{ labels, annotations: { summary: 'Disque C: du serveur HMP de secours plein' } }]);
    const opened = await waitFor('incident opened', (list) => list.some((i) => i.status === 'open'));
    const incident = opened.find((i) => i.status === 'open')!;

    // The generic webhook, without the alert's id: Vigie finds it by Alertmanager's own fingerprint.
    const sent = await fetch(`${vigie.baseUrl}/api/v1/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ labels, status: 'resolved' }),
    });
    expect(sent.status).toBe(202);
    const fingerprint = (await sent.json()) as { alerts: { fingerprint: string }[] };
    expect(incident.source).toBe(`alert:${fingerprint.alerts[0]!.fingerprint}`);
    await waitFor('incident resolved', (list) => list.find((i) => i.id === incident.id)?.status === 'resolved');
  }, 120_000);
});
