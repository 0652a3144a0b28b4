import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleAlerts, listUnmatchedAlerts } from '@vigie/core';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, SEED_PLAN_TEXT, type TestApp } from '../../packages/server/src/testing/test-app';

const START = Date.UTC(2026, 4, 4, 9, 0);
const DAY = 24 * 3_600_000;

interface Unmatched {
  key: string;
  alertname: string;
  threatLabel: string | null;
  reason: string;
  count: number;
  firstAt: number;
  lastAt: number;
  labels: Record<string, string>;
  summary: string | null;
}

describe.each(DIALECTS)('inbound alerts that reveal no threat are kept in sight, on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { startAt: START });
  });
  afterEach(() => t.close());

  const unmatched = async (): Promise<Unmatched[]> => {
    const response = await t.request(t.as.operator, 'GET', '/api/v1/alerts/unmatched');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const webhook = (alerts: { labels: Record<string, string>; summary?: string }[]) =>
    t.request(t.as.operator, 'POST', '/api/v1/alerts/alertmanager', {
      version: '4',
      status: 'firing',
      alerts: alerts.map(({ labels, summary }) => ({
        status: 'firing',
        labels,
        annotations: summary ? { summary } : {},
      })),
    });

  it('counts those that matched nothing by alertname and threat label, and tells why', async () => {
    const first = await webhook([
      { labels: { alertname: 'HmpDiskFull', instance: 'hmp:9182' }, summary: 'Disque plein' },
      { labels: { alertname: 'UpsOnBattery', threat: 'electricite', instance: 'ups-1' }, summary: 'Sur batterie' },
      { labels: { alertname: 'UpsOnBattery', threat: 'electricite', instance: 'ups-2' }, summary: 'Sur batterie 2' },
      { labels: { alertname: 'NodeDown', instance: 'srv-1' } },
    ]);
    expect(first.json()).toMatchObject({ accepted: 4, matched: 1 });
    t.clock.advance(60_000);
    await webhook([{ labels: { alertname: 'NodeDown', instance: 'srv-2' }, summary: 'srv-2 ne répond plus' }]);
    // Resolved alerts are not counted: only firing ones should have opened something.
    await t.request(t.as.operator, 'POST', '/api/v1/alerts', {
      status: 'resolved',
      labels: { alertname: 'Ailleurs' },
    });

    expect(await unmatched()).toEqual([
      {
        key: expect.stringMatching(/^[0-9a-f]{16}$/),
        alertname: 'NodeDown',
        threatLabel: null,
        reason: 'no-rule',
        count: 2,
        firstAt: START,
        lastAt: START + 60_000,
        labels: { alertname: 'NodeDown', instance: 'srv-2' },
        summary: 'srv-2 ne répond plus',
      },
      {
        key: expect.stringMatching(/^[0-9a-f]{16}$/),
        alertname: 'UpsOnBattery',
        threatLabel: 'electricite',
        reason: 'unknown-threat',
        count: 2,
        firstAt: START,
        lastAt: START,
        labels: { alertname: 'UpsOnBattery', threat: 'electricite', instance: 'ups-2' },
        summary: 'Sur batterie 2',
      },
    ]);
    // Internal: the client's people do not see it.
    expect((await t.request(t.as.client, 'GET', '/api/v1/alerts/unmatched')).statusCode).toBe(403);
  });

  it('keeps an alert with labels of any length', async () => {
    const alertname = 'A'.repeat(20_000);
    const sent = await webhook([{ labels: { alertname, threat: 'b'.repeat(5_000) }, summary: 'c'.repeat(10_000) }]);
    expect(sent.statusCode, sent.body).toBe(202);
    const [listed] = await unmatched();
    expect(listed).toMatchObject({ alertname, reason: 'unknown-threat', count: 1 });
    expect(listed!.threatLabel).toHaveLength(5_000);
  });

  it('lets an operator dismiss one kind, which comes back only if it fires again', async () => {
    await webhook([{ labels: { alertname: 'NodeDown' } }, { labels: { alertname: 'Watchdog' } }]);
    const [, watchdog] = await unmatched();
    expect(watchdog).toMatchObject({ alertname: 'Watchdog', key: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const url = `/api/v1/alerts/unmatched/${watchdog!.key}`;
    expect((await t.request(t.as.viewer, 'DELETE', url)).statusCode).toBe(403);
    expect((await t.request(t.as.operator, 'DELETE', url)).statusCode).toBe(204);
    expect((await unmatched()).map((alert) => alert.alertname)).toEqual(['NodeDown']);
    expect((await t.request(t.as.operator, 'DELETE', url)).statusCode).toBe(404);
    expect((await t.request(t.as.operator, 'DELETE', '/api/v1/alerts/unmatched/nope')).statusCode).toBe(400);
    const audit = (await t.request(t.as.auditor, 'GET', '/api/v1/audit?limit=1000')).json() as { action: string }[];
    expect(audit.map((entry) => entry.action)).toContain('unmatched-alert.dismiss');

    t.clock.advance(60_000);
    await webhook([{ labels: { alertname: 'Watchdog' } }]);
    expect((await unmatched())[0]).toMatchObject({ alertname: 'Watchdog', count: 1, firstAt: START + 60_000 });
  });

  it('drops those a new version of the plan matches, and those not seen for a week', async () => {
    await webhook([
      { labels: { alertname: 'NodeDown', instance: 'srv-1' } },
      { labels: { alertname: 'UpsOnBattery', threat: 'electricite' } },
    ]);
    expect((await unmatched()).map((alert) => alert.alertname)).toEqual(['NodeDown', 'UpsOnBattery']);

    // The plan now routes NodeDown to the threat on access to the production servers.
    const edited = SEED_PLAN_TEXT.replace(
      "      - alert: { alertname: '~Hmp(Disk|Disque)(Full|Plein)' }\n",
      "      - alert: { alertname: '~Hmp(Disk|Disque)(Full|Plein)' }\n      - alert: { alertname: NodeDown }\n",
    );
    expect(edited).not.toBe(SEED_PLAN_TEXT);
    const loaded = await t.request(t.as.admin, 'POST', '/api/v1/plan', { fileName: 'pca.yaml', source: edited });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect((await unmatched()).map((alert) => alert.alertname)).toEqual(['UpsOnBattery']);

    // A week later (the sessions above have expired by then: asked of the verb the route calls).
    t.clock.advance(7 * DAY + 1);
    expect(await listUnmatchedAlerts(t.ctx)).toEqual([]);
    // One of its kind firing again then starts afresh, not on top of last week's count.
    await handleAlerts(t.ctx, [
      {
        status: 'firing',
        labels: { alertname: 'UpsOnBattery', threat: 'electricite' },
        summary: null,
        fingerprint: null,
        startsAt: null,
      },
    ]);
    expect(await listUnmatchedAlerts(t.ctx)).toMatchObject([
      { alertname: 'UpsOnBattery', count: 1, firstAt: t.clock.now() },
    ]);
  });
});
