import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialCheckMemory, shardOf } from '@vigie/core';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';
import { monitoringPlan } from './support';

const PLAN = monitoringPlan([
  '{ id: crm-web, name: Interface du CRM, asset: crm, probe: http, target: "https://vigie:s3cret@crm.example/", every: 30s }',
  '{ id: serveur-ping, asset: serveur, probe: tcp, target: "127.0.0.1:9" }',
  '{ id: autre-web, asset: autre-app, probe: http, target: "http://127.0.0.1:9/" }',
  '{ id: sauvegarde, name: Sauvegarde de la nuit, asset: serveur, probe: heartbeat, every: 1d, failAfter: 1 }',
]);

describe.each(DIALECTS)('Prometheus metrics on %s', (dialect) => {
  let t: TestApp;
  const lines = async (who: keyof TestApp['as']): Promise<string[]> => {
    const response = await t.request(t.as[who], 'GET', '/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.body.split('\n');
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: PLAN });
    const now = t.clock.now();
    const state = (checkId: string, status: 'up' | 'down', values: Record<string, number | string | boolean>) => ({
      checkId,
      shard: shardOf(checkId),
      memory: { ...initialCheckMemory(), state: status, since: now - 60_000, lastStatus: status, lastAt: now - 1_000 },
      lastLatencyMs: status === 'up' ? 0 : 4.1,
      lastMessage: status === 'up' ? 'OK' : 'HTTP 503',
      lastValues: values,
      updatedAt: now,
    });
    await t.store.transaction((tx) =>
      tx.checkStates.upsertMany([
        state('crm-web', 'down', { statusCode: 503, tls: true, server: 'nginx' }),
        state('sauvegarde', 'up', {}),
      ]),
    );
    const maintenance = await t.request(t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'site',
      targetId: 'secours',
      from: now - 60_000,
      to: now + 3_600_000,
      reason: 'Bascule de test',
    });
    expect(maintenance.statusCode).toBe(201);
    for (const [asset, client] of [
      ['crm', 'ocm'],
      ['autre-app', 'autre'],
    ]) {
      const opened = await t.request(t.as.operator, 'POST', '/api/v1/incidents', {
        threatId: 'panne',
        assets: [asset],
        clients: [client],
      });
      expect(opened.statusCode).toBe(201);
    }
    const alerts = await t.request(t.as.operator, 'POST', '/api/v1/alerts/alertmanager', {
      version: '4',
      status: 'firing',
      alerts: [
        { status: 'firing', labels: { alertname: 'CrmDown', threat: 'panne' }, annotations: {} },
        { status: 'firing', labels: { alertname: 'Inconnue' }, annotations: {} },
        { status: 'resolved', labels: { alertname: 'Ancienne', threat: 'panne' }, annotations: {} },
      ],
    });
    expect(alerts.statusCode).toBe(202);
  });
  afterAll(() => t.close());

  it("tells the contact centre's people every check's state, last result and maintenance", async () => {
    const text = await lines('viewer');
    expect(text).toEqual(
      expect.arrayContaining([
        'vigie_plan_version 1',
        'vigie_check_info{check="crm-web",asset="crm",site="principal",name="Interface du CRM",probe="http",target="https://vigie@crm.example/"} 1',
        'vigie_check_up{check="crm-web",asset="crm",site="principal"} 0',
        'vigie_check_up{check="sauvegarde",asset="serveur",site="principal"} 1',
        'vigie_check_state{check="crm-web",asset="crm",site="principal",state="down"} 1',
        'vigie_check_state{check="crm-web",asset="crm",site="principal",state="up"} 0',
        'vigie_check_state{check="autre-web",asset="autre-app",site="secours",state="unknown"} 1',
        `vigie_check_state_since_timestamp_seconds{check="crm-web",asset="crm",site="principal"} ${(t.clock.now() - 60_000) / 1000}`,
        `vigie_check_last_result_timestamp_seconds{check="crm-web",asset="crm",site="principal"} ${(t.clock.now() - 1_000) / 1000}`,
        'vigie_check_latency_seconds{check="crm-web",asset="crm",site="principal"} 0.0041',
        'vigie_check_measured_value{check="crm-web",asset="crm",site="principal",measure="statusCode"} 503',
        'vigie_check_measured_value{check="crm-web",asset="crm",site="principal",measure="tls"} 1',
        'vigie_check_interval_seconds{check="sauvegarde",asset="serveur",site="principal"} 86400',
        'vigie_check_in_maintenance{check="autre-web",asset="autre-app",site="secours"} 1',
        'vigie_check_in_maintenance{check="crm-web",asset="crm",site="principal"} 0',
        'vigie_incidents{threat="panne",status="open"} 2',
        'vigie_incidents{threat="panne",status="resolved"} 0',
      ]),
    );
    // A heartbeat has no response time; a text value is no number; a check never run has no result.
    expect(text.filter((line) => line.startsWith('vigie_check_latency_seconds{check="sauvegarde"'))).toEqual([]);
    expect(text.filter((line) => line.includes('measure="server"'))).toEqual([]);
    expect(text.filter((line) => line.startsWith('vigie_check_up{check="autre-web"'))).toEqual([]);
    expect(text.find((line) => line.startsWith('vigie_incident_oldest_start_timestamp_seconds{threat="panne"}'))).toBe(
      `vigie_incident_oldest_start_timestamp_seconds{threat="panne"} ${t.clock.now() / 1000}`,
    );
  });

  it('counts inbound alerts by outcome, and gives the process metrics', async () => {
    const text = await lines('admin');
    expect(text).toEqual(
      expect.arrayContaining([
        '# TYPE vigie_alerts_received_total counter',
        'vigie_alerts_received_total{format="alertmanager",outcome="matched"} 1',
        'vigie_alerts_received_total{format="alertmanager",outcome="unmatched"} 1',
        'vigie_alerts_received_total{format="alertmanager",outcome="resolved"} 1',
        'vigie_alerts_received_total{format="generic",outcome="matched"} 0',
      ]),
    );
    expect(text.some((line) => /^process_resident_memory_bytes \d+/.test(line))).toBe(true);
    expect(text.some((line) => /^nodejs_eventloop_lag_seconds /.test(line))).toBe(true);
  });

  it("tells a client's user only its own checks and incidents, nothing of the server", async () => {
    const text = await lines('client');
    const checks = new Set(text.flatMap((line) => /^vigie_check_info\{check="([^"]+)"/.exec(line)?.[1] ?? []));
    expect([...checks]).toEqual(['crm-web']);
    expect(text).toContain('vigie_incidents{threat="panne",status="open"} 1');
    expect(text.filter((line) => /^(vigie_alerts|process_|nodejs_)/.test(line))).toEqual([]);
  });

  it('counts silences by state for the contact centre, not for a client', async () => {
    const now = t.clock.now();
    const silence = (startsAt: number | undefined, endsAt: number) =>
      t.request(t.as.operator, 'POST', '/api/v1/silences', {
        matchers: [{ name: 'alertname', value: 'Exercice' }],
        ...(startsAt !== undefined && { startsAt }),
        endsAt,
        comment: 'exercice',
      });
    await silence(undefined, now + 3_600_000);
    await silence(undefined, now + 7_200_000);
    await silence(now + 3_600_000, now + 7_200_000);
    const { id } = (await silence(undefined, now + 60_000)).json() as { id: string };
    await t.request(t.as.operator, 'DELETE', `/api/v1/silences/${id}`);
    expect(await lines('viewer')).toEqual(
      expect.arrayContaining([
        '# TYPE vigie_silences gauge',
        'vigie_silences{state="active"} 2',
        'vigie_silences{state="pending"} 1',
        'vigie_silences{state="expired"} 1',
      ]),
    );
    expect((await lines('client')).filter((line) => line.includes('vigie_silences'))).toEqual([]);
  });

  it('asks for a session or an API token', async () => {
    const response = await t.request(null, 'GET', '/metrics');
    expect(response.statusCode).toBe(401);
  });
});
