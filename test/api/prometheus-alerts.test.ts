import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelFingerprint } from '@vigie/core';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, SEED_PLAN_TEXT, type TestApp } from '../../packages/server/src/testing/test-app';

const PATH = '/api/v1/prometheus/api/v2/alerts';
const LABELS = { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182', severity: 'critical' };

/** Prometheus' alerts posted to Vigie as to an Alertmanager's API v2. */
describe.each(DIALECTS)('Prometheus alerts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: SEED_PLAN_TEXT });
  });
  afterAll(() => t.close());

  const post = (body: unknown) => t.request(t.as.operator, 'POST', PATH, body);
  const at = (offsetMs: number) => new Date(t.clock.now() + offsetMs).toISOString();

  it('takes an alert as firing until its end has passed, known by the fingerprint Alertmanager would give it', async () => {
    const firing = await post([
      {
        labels: LABELS,
        annotations: { summary: 'Disque C: plein' },
        startsAt: at(-60_000),
        endsAt: at(240_000),
        generatorURL: 'http://prometheus.example/graph',
      },
      // Go's zero time: no end.
      { labels: { alertname: 'Autre', threat: 'inconnue' }, startsAt: at(-1_000), endsAt: '0001-01-01T00:00:00Z' },
    ]);
    expect(firing.statusCode).toBe(200);
    expect(firing.json()).toEqual({
      accepted: 2,
      matched: 1,
      alerts: [
        { fingerprint: labelFingerprint(LABELS), status: 'firing', threats: ['espace-hmp'] },
        { fingerprint: labelFingerprint({ alertname: 'Autre', threat: 'inconnue' }), status: 'firing', threats: [] },
      ],
    });
    const resolved = await post([{ labels: LABELS, startsAt: at(-60_000), endsAt: at(-1) }]);
    expect(resolved.json().alerts).toEqual([
      { fingerprint: labelFingerprint(LABELS), status: 'resolved', threats: [] },
    ]);
    const metrics = (await t.request(t.as.viewer, 'GET', '/metrics')).body.split('\n');
    expect(metrics).toEqual(
      expect.arrayContaining([
        'vigie_alerts_received_total{format="prometheus",outcome="matched"} 1',
        'vigie_alerts_received_total{format="prometheus",outcome="unmatched"} 1',
        'vigie_alerts_received_total{format="prometheus",outcome="resolved"} 1',
      ]),
    );
  });

  it('refuses what is not a list of alerts with labels, and asks for a token', async () => {
    const notAList = await post({ labels: LABELS });
    expect(notAList.statusCode).toBe(400);
    expect(notAList.json().message).toMatch(/expected array/);
    const noLabels = await post([{ labels: {} }]);
    expect(noLabels.statusCode).toBe(400);
    expect(noLabels.json().message).toContain('expected at least one label');
    expect((await t.request(null, 'POST', PATH, [{ labels: LABELS }])).statusCode).toBe(401);
  });
});
