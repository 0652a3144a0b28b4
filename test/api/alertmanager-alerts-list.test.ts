import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelFingerprint } from '@vigie/core';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, SEED_PLAN_TEXT, type TestApp } from '../../packages/server/src/testing/test-app';

const LIST = '/api/v1/prometheus/api/v2/alerts';
const DISK_FULL = { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182' };
const SQL_DOWN = { alertname: 'SqlDown', threat: 'arret-service', instance: 'sql.principal' };

/** The alerts firing now, as Alertmanager's API v2 lists them for `amtool alert query`. */
describe.each(DIALECTS)('live alerts through the Alertmanager API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: SEED_PLAN_TEXT });
  });
  afterAll(() => t.close());

  const send = (labels: Record<string, string>, status: 'firing' | 'resolved', summary?: string) =>
    t.request(t.as.operator, 'POST', '/api/v1/alerts', { labels, status, ...(summary && { summary }) });
  const list = async (query = '') => {
    const response = await t.request(t.as.viewer, 'GET', `${LIST}${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { fingerprint: string; labels: Record<string, string>; annotations: object }[];
  };

  it('lists the alerts that raised a threat, with their labels and threats, until they are resolved', async () => {
    const startedAt = t.clock.now();
    await send(DISK_FULL, 'firing', 'Disque C: plein');
    t.clock.advance(1_000);
    await send(SQL_DOWN, 'firing');
    await send({ alertname: 'Inconnue' }, 'firing');

    const all = await list();
    expect(all).toEqual([
      {
        fingerprint: labelFingerprint(DISK_FULL),
        labels: DISK_FULL,
        annotations: { summary: 'Disque C: plein', vigie_threats: 'espace-hmp' },
        startsAt: new Date(startedAt).toISOString(),
        updatedAt: new Date(startedAt).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        receivers: [{ name: 'vigie' }],
        status: { state: 'active', silencedBy: [], inhibitedBy: [] },
      },
      expect.objectContaining({
        fingerprint: labelFingerprint(SQL_DOWN),
        annotations: { summary: 'SqlDown', vigie_threats: 'arret-service' },
      }),
    ]);
    expect((await list(`?filter=${encodeURIComponent('alertname="SqlDown"')}`)).map((a) => a.labels)).toEqual([
      SQL_DOWN,
    ]);
    expect(await list(`?filter=${encodeURIComponent('instance=~"hmp.*"')}&filter=alertname=Other`)).toEqual([]);
    expect(await list('?active=false')).toEqual([]);

    await send(DISK_FULL, 'resolved');
    expect((await list()).map((a) => a.labels)).toEqual([SQL_DOWN]);
    await send(SQL_DOWN, 'resolved');
    expect(await list()).toEqual([]);
  });

  it('says why a filter is not read, as Alertmanager does: a JSON string', async () => {
    const response = await t.request(t.as.viewer, 'GET', `${LIST}?filter=${encodeURIComponent('alertname')}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatch(/^filter: column 10: expected one of =, !=, =~, !~/);
    expect((await t.request(t.as.client, 'GET', LIST)).statusCode).toBe(403);
  });

  it("gives each signal of an alert that alert's labels, from Vigie's own signals API", async () => {
    await send(DISK_FULL, 'firing');
    const signals = (await t.request(t.as.viewer, 'GET', '/api/v1/signals')).json() as {
      source: string;
      labels: Record<string, string> | null;
    }[];
    expect(signals).toEqual([
      expect.objectContaining({ source: `alert:${labelFingerprint(DISK_FULL)}`, labels: DISK_FULL }),
    ]);
    await send(DISK_FULL, 'resolved');
  });

  it("lists the alerts firing now through Vigie's own API too, filtered as a silence would match them", async () => {
    await send(DISK_FULL, 'firing', 'Disque C: plein');
    t.clock.advance(1_000);
    await send(SQL_DOWN, 'firing');
    const firing = async (query: string) => {
      const response = await t.request(t.as.viewer, 'GET', `/api/v1/alerts/firing${query}`);
      expect(response.statusCode).toBe(200);
      return response.json() as { labels: Record<string, string>; summary: string; threats: string[] }[];
    };
    expect(await firing('')).toEqual([
      expect.objectContaining({ labels: DISK_FULL, summary: 'Disque C: plein', threats: ['espace-hmp'] }),
      expect.objectContaining({ labels: SQL_DOWN, threats: ['arret-service'] }),
    ]);
    const hmp = encodeURIComponent('alertname="HmpDiskFull", instance=~"hmp\\..*"');
    expect((await firing(`?filter=${hmp}`)).map((a) => a.labels)).toEqual([DISK_FULL]);
    expect(await firing('?limit=1')).toHaveLength(1);
    const bad = await t.request(t.as.viewer, 'GET', `/api/v1/alerts/firing?filter=${encodeURIComponent('a="x" b')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^filter: column 7: expected `,` between matchers/);
    expect((await t.request(t.as.client, 'GET', '/api/v1/alerts/firing')).statusCode).toBe(403);
    await send(DISK_FULL, 'resolved');
    await send(SQL_DOWN, 'resolved');
  });
});
