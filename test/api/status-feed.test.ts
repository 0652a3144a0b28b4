import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, seedPlanWithRealContacts, type TestApp } from '../../packages/server/src/testing/test-app';

/** A client's status page as an Atom feed, through its secret link. */
describe.each(DIALECTS)('status feed on %s', (dialect) => {
  let t: TestApp;
  let token = '';
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: seedPlanWithRealContacts() });
    token = (await t.request(t.as.admin, 'POST', '/api/v1/status-pages/ocm')).json().token as string;
  });
  afterAll(() => t.close());

  const feed = (query = '', link = token) => t.request(null, 'GET', `/api/v1/status/${link}/feed.atom${query}`);
  const entriesOf = (xml: string) => xml.split('<entry>').slice(1);

  it('tells the client’s incidents, newest first, with their public notes only', async () => {
    const open = async (threatId: string) =>
      (await t.request(t.as.operator, 'POST', '/api/v1/incidents', { threatId, clients: ['ocm'] })).json().incident as {
        id: string;
        number: number;
      };
    const crm = await open('deconnexion-crm');
    const path = `/api/v1/incidents/${crm.id}`;
    await t.request(t.as.operator, 'POST', `${path}/notes`, { text: 'Reconnexion du CRM en cours', public: true });
    await t.request(t.as.operator, 'POST', `${path}/notes`, {
      text: 'Le serveur sql-02 ne répond plus',
      public: false,
    });
    await t.request(t.as.operator, 'POST', `${path}/cause`, { cause: 'Câble réseau débranché' });
    await t.request(t.as.operator, 'POST', `${path}/resolve`, { summary: 'CRM reconnecté' });
    t.clock.advance(60_000);
    const hmp = await open('espace-hmp');

    const response = await feed();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const xml = response.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(xml).toContain('<title>État des services — OCM</title>');
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="http://vigie.test/status/${token}"/>`);
    const [first, second] = entriesOf(xml);
    expect(first).toContain(`#incident-${hmp.number}</id>`);
    expect(first).toContain('<title>[Ouvert] Indisponibilité d’espace sur le serveur HMP</title>');
    expect(second).toContain(`#incident-${crm.number}</id>`);
    expect(second).toMatch(/<title>\[Résolu\] /);
    expect(second).toContain('— Reconnexion du CRM en cours');
    expect(second).toMatch(/Résolu le \d/);
    for (const secret of ['sql-02', 'Câble', '@']) expect(xml).not.toContain(secret);

    const english = (await feed('?lang=en')).body;
    expect(english).toContain('<title>Service status — OCM</title>');
    expect(english).toContain('[Open] ');
  });

  it('answers not found for an unknown or revoked link', async () => {
    expect((await feed('', 'vsp_unknown')).statusCode).toBe(404);
    await t.request(t.as.admin, 'DELETE', '/api/v1/status-pages/ocm');
    expect((await feed()).statusCode).toBe(404);
  });
});
