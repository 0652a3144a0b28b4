import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateByAsset } from '../../packages/server/src/http/routes/status-page';
import { createTestApp, seedPlanWithRealContacts, type TestApp } from '../../packages/server/src/testing/test-app';

/** The seed plan with a second client, so a page can be shown to leak nothing of the other. */
function planWithTwoClients(): string {
  return seedPlanWithRealContacts().replace(
    'clients:\n  - id: ocm\n',
    'clients:\n  - id: autre\n    name: Autre client\n    contacts:\n      - id: autre-dsi\n        name: DSI Autre\n        email: dsi@autre.example\n  - id: ocm\n',
  );
}

describe('status pages through their secret link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { planText: planWithTwoClients() });
  });
  afterAll(() => t.close());

  const createLink = async (clientId: string): Promise<string> => {
    const response = await t.request(t.as.admin, 'POST', `/api/v1/status-pages/${clientId}`);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.path).toBe(`/status/${body.token}`);
    return body.token as string;
  };

  it('shows the client’s services and the public notes of its open incidents, and nothing internal', async () => {
    const token = await createLink('ocm');
    const { incident } = (
      await t.request(t.as.operator, 'POST', '/api/v1/incidents', { threatId: 'deconnexion-crm', clients: ['ocm'] })
    ).json();
    const path = `/api/v1/incidents/${incident.id}`;
    await t.request(t.as.operator, 'POST', `${path}/notes`, { text: 'Reconnexion du CRM en cours', public: true });
    await t.request(t.as.operator, 'POST', `${path}/notes`, {
      text: 'Le serveur sql-02 ne répond plus',
      public: false,
    });
    await t.request(t.as.operator, 'POST', `${path}/cause`, { cause: 'Câble réseau débranché en salle serveur' });
    await t.request(t.as.operator, 'POST', '/api/v1/incidents', { threatId: 'espace-hmp', clients: ['autre'] });

    const response = await t.request(null, 'GET', `/api/v1/status/${token}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const page = response.json();
    expect(page.client).toEqual({ name: 'OCM' });
    // No check has run yet: the services' state comes from the open incidents alone.
    expect(page.stateSource).toBe('incidents');
    expect(page.incidents).toHaveLength(1);
    expect(page.incidents[0]).toMatchObject({ number: incident.number, status: 'open' });
    expect(page.incidents[0].updates.map((u: { text: string }) => u.text)).toEqual(['Reconnexion du CRM en cours']);
    // The CRM is the threat's asset: disrupted; the client's other services run.
    // No result yet either: no availability to tell.
    expect(page.services).toContainEqual({ name: 'CRM Hermès', state: 'disrupted', availability30d: null });
    expect(page.services.filter((s: { state: string }) => s.state === 'operational').length).toBeGreaterThan(0);
    const text = response.body;
    for (const secret of ['sql-02', 'Câble', '@', 'mediacontact.example', 'Autre client', 'example.org']) {
      expect(text).not.toContain(secret);
    }
  });

  it('tells each service’s availability over 30 days, from its checks’ results', async () => {
    const token = await createLink('ocm');
    const now = t.clock.now();
    const DAY = 86_400_000;
    // The CRM's page: 9 results of 10 worked over the month; one 40 days ago is outside it.
    const results = Array.from({ length: 10 }, (_, i) => ({
      checkId: 'crm-web',
      at: now - (i + 1) * DAY,
      status: i === 0 ? ('down' as const) : i === 1 ? ('degraded' as const) : ('up' as const),
      latencyMs: 100,
      message: 'HTTP',
      values: {},
    }));
    results.push({ ...results[0]!, at: now - 40 * DAY });
    await t.store.transaction((tx) => tx.checkResults.insertMany(results));
    const page = (await t.request(null, 'GET', `/api/v1/status/${token}`)).json();
    const crm = page.services.find((s: { name: string }) => s.name === 'CRM Hermès');
    expect(crm.availability30d).toBeCloseTo(0.9, 10);
    // A service without results has none.
    expect(page.services.find((s: { name: string }) => s.name === 'Media Gateway (liaison voix OCM)')).toMatchObject({
      availability30d: null,
    });
  });

  it('announces planned work on the client’s services, under way or within 14 days, without its reason', async () => {
    const token = await createLink('ocm');
    const now = t.clock.now();
    const HOUR = 3_600_000;
    const windows = [
      // Under way on the CRM (an incident is open on it) and on the Media Gateway.
      {
        scope: 'asset',
        targetId: 'crm-hermes',
        from: now - HOUR,
        to: now + HOUR,
        reason: 'Mise à jour Hermès (interne)',
      },
      {
        scope: 'asset',
        targetId: 'media-gateway',
        from: now - HOUR,
        to: now + 2 * HOUR,
        reason: 'Remplacement carte E1',
      },
      // In three days, on the backup site: its servers are OCM's.
      { scope: 'site', targetId: 'secours', from: now + 72 * HOUR, to: now + 74 * HOUR, reason: 'Test de bascule' },
      // Too far ahead, over, or on an internal asset only: not on the page.
      { scope: 'asset', targetId: 'si-ocm', from: now + 20 * 24 * HOUR, to: now + 21 * 24 * HOUR, reason: 'Plus tard' },
      { scope: 'asset', targetId: 'si-ocm', from: now - 3 * HOUR, to: now - 2 * HOUR, reason: 'Passée' },
      { scope: 'asset', targetId: 'onduleur', from: now - HOUR, to: now + HOUR, reason: 'Batteries' },
    ];
    const ids: string[] = [];
    for (const window of windows) {
      const created = await t.request(t.as.operator, 'POST', '/api/v1/maintenance', window);
      expect(created.statusCode).toBe(201);
      ids.push((created.json() as { id: string }).id);
    }
    try {
      const response = await t.request(null, 'GET', `/api/v1/status/${token}`);
      const page = response.json();
      expect(page.maintenance).toEqual([
        { from: now - HOUR, to: now + HOUR, services: ['CRM Hermès'] },
        { from: now - HOUR, to: now + 2 * HOUR, services: ['Media Gateway (liaison voix OCM)'] },
        { from: now + 72 * HOUR, to: now + 74 * HOUR, services: ['Serveurs redondants du site de secours'] },
      ]);
      const stateOf = Object.fromEntries(page.services.map((s: { name: string; state: string }) => [s.name, s.state]));
      // The open incident outweighs the work planned on the CRM; work to come changes nothing yet.
      expect(stateOf).toMatchObject({
        'CRM Hermès': 'disrupted',
        'Media Gateway (liaison voix OCM)': 'maintenance',
        'Serveurs redondants du site de secours': 'operational',
      });
      for (const reason of windows.map((w) => w.reason)) expect(response.body).not.toContain(reason);
    } finally {
      for (const id of ids) await t.request(t.as.operator, 'DELETE', `/api/v1/maintenance/${id}`);
    }
  });

  it('answers not found for an unknown token, and for a revoked one', async () => {
    expect((await t.request(null, 'GET', '/api/v1/status/vsp_nothing')).statusCode).toBe(404);
    const token = await createLink('autre');
    expect((await t.request(null, 'GET', `/api/v1/status/${token}`)).json().client.name).toBe('Autre client');
    expect((await t.request(t.as.admin, 'DELETE', '/api/v1/status-pages/autre')).statusCode).toBe(204);
    expect((await t.request(null, 'GET', `/api/v1/status/${token}`)).statusCode).toBe(404);
    expect((await t.request(t.as.admin, 'DELETE', '/api/v1/status-pages/autre')).statusCode).toBe(404);
  });

  it('replaces the earlier link when a new one is made, and lists links without their tokens', async () => {
    const first = await createLink('ocm');
    const second = await createLink('ocm');
    expect((await t.request(null, 'GET', `/api/v1/status/${first}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/api/v1/status/${second}`)).statusCode).toBe(200);
    const links = await t.request(t.as.admin, 'GET', '/api/v1/status-pages');
    expect(links.json()).toEqual([
      expect.objectContaining({ clientId: 'autre', active: false }),
      expect.objectContaining({ clientId: 'ocm', active: true, createdBy: t.emailOf('admin') }),
    ]);
    expect(links.body).not.toContain(second);
    expect((await t.request(t.as.operator, 'POST', '/api/v1/status-pages/ocm')).statusCode).toBe(403);
    expect((await t.request(t.as.admin, 'POST', '/api/v1/status-pages/nobody')).statusCode).toBe(404);
  });
});

describe('service state from live checks', () => {
  const check = (asset: string, state: string) => ({ asset: { id: asset }, state });

  it('keeps the worst known state of each asset, and ignores checks not yet run', () => {
    const states = stateByAsset([
      check('crm', 'up'),
      check('crm', 'degraded'),
      check('sql', 'up'),
      check('sql', 'flapping'),
      check('hmp', 'unknown'),
      check('mgw', 'down'),
      check('mgw', 'up'),
    ]);
    expect(Object.fromEntries(states)).toEqual({ crm: 'degraded', sql: 'disrupted', mgw: 'disrupted' });
  });
});
