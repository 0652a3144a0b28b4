import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, seedPlanWithRealContacts, type TestApp } from '../../packages/server/src/testing/test-app';

/** A client's status as an SVG badge, through its status page's secret link. */
describe.each(DIALECTS)('status badges on %s', (dialect) => {
  let t: TestApp;
  let token = '';
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: seedPlanWithRealContacts() });
    token = (await t.request(t.as.admin, 'POST', '/api/v1/status-pages/ocm')).json().token as string;
  });
  afterAll(() => t.close());

  const badge = (query = '', link = token) => t.request(null, 'GET', `/api/v1/status/${link}/badge.svg${query}`);
  const titleOf = (svg: string) => /<title>(.*?)<\/title>/.exec(svg)?.[1];

  it('shows the client operational, then disrupted while an incident is open on one of its services', async () => {
    const calm = await badge();
    expect(calm.statusCode).toBe(200);
    expect(calm.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(calm.headers['cache-control']).toBe('no-store');
    expect(titleOf(calm.body)).toBe('OCM : Opérationnel');

    const { incident } = (
      await t.request(t.as.operator, 'POST', '/api/v1/incidents', { threatId: 'deconnexion-crm', clients: ['ocm'] })
    ).json();
    expect(titleOf((await badge()).body)).toBe('OCM : Perturbé');
    expect(titleOf((await badge('?lang=en')).body)).toBe('OCM : Disrupted');
    expect(titleOf((await badge(`?service=${encodeURIComponent('CRM Hermès')}`)).body)).toBe('CRM Hermès : Perturbé');
    const gateway = encodeURIComponent('Media Gateway (liaison voix OCM)');
    expect(titleOf((await badge(`?service=${gateway}`)).body)).toBe('Media Gateway (liaison voix OCM) : Opérationnel');
    await t.request(t.as.operator, 'POST', `/api/v1/incidents/${incident.id}/resolve`, { summary: 'CRM reconnecté' });
  });

  it('tells availability over 30 days from the checks’ results', async () => {
    expect(titleOf((await badge('?show=availability')).body)).toBe('OCM : aucune mesure (30 j)');
    const now = t.clock.now();
    const results = Array.from({ length: 4 }, (_, i) => ({
      checkId: 'crm-web',
      at: now - (i + 1) * 3_600_000,
      status: i === 0 ? ('down' as const) : ('up' as const),
      latencyMs: 80,
      message: 'HTTP 200',
      values: {},
    }));
    await t.store.transaction((tx) => tx.checkResults.insertMany(results));
    const crm = `&service=${encodeURIComponent('CRM Hermès')}`;
    expect(titleOf((await badge(`?show=availability${crm}`)).body)).toBe('CRM Hermès : 75\u202f% (30 j)');
    expect(titleOf((await badge(`?show=availability&lang=en${crm}`)).body)).toBe('CRM Hermès : 75% (30d)');
  });

  it('answers not found for an unknown link or service, and 400 for an unknown topic', async () => {
    expect((await badge('', 'vsp_unknown')).statusCode).toBe(404);
    const noService = await badge('?service=Autre');
    expect(noService.statusCode).toBe(404);
    expect(noService.json().message).toContain('no service named "Autre"');
    expect((await badge('?show=latency')).statusCode).toBe(400);
  });
});
