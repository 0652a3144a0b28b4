import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { initialCheckMemory, listHeartbeats, shardOf, SYSTEM_ACTOR, type CheckResultRecord } from '@vigie/core';
import { secretBox } from '../../packages/server/src/adapters/secret-box';
import { PlanCatalog } from '../../packages/server/src/plan-catalog';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';
import { monitoringPlan } from './support';

// In English: the heartbeat test below reads the result Vigie writes itself, in the plan's language.
const PLAN =
  monitoringPlan([
    '{ id: crm-web, name: Interface du CRM, asset: crm, probe: http, target: "http://127.0.0.1:9/", every: 30s }',
    '{ id: crm-sql, asset: crm, probe: sql, target: "postgres://vigie:s3cret@127.0.0.1:9/crm" }',
    '{ id: serveur-ping, asset: serveur, probe: tcp, target: "127.0.0.1:9" }',
    '{ id: autre-web, asset: autre-app, probe: http, target: "http://127.0.0.1:9/" }',
    '{ id: sauvegarde, name: Sauvegarde de la nuit, asset: serveur, probe: heartbeat, every: 1d, failAfter: 1 }',
  ]) + 'language: en\n';

describe.each(DIALECTS)('monitoring API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: PLAN });
    const now = t.clock.now();
    await t.store.transaction(async (tx) => {
      await tx.checkResults.insertMany(
        [5, 4, 3, 2, 1].map((ago, i): CheckResultRecord => ({
          checkId: 'crm-web',
          at: now - ago * 30_000,
          status: i < 3 ? 'up' : 'down',
          latencyMs: 4.2,
          message: i < 3 ? 'HTTP 200 OK' : 'No HTTP answer',
          values: i < 3 ? { statusCode: 200 } : ({} as Record<string, number>),
        })),
      );
      await tx.checkStates.upsertMany([
        {
          checkId: 'crm-web',
          shard: shardOf('crm-web'),
          memory: {
            ...initialCheckMemory(),
            state: 'down',
            since: now - 30_000,
            lastStatus: 'down',
            lastAt: now - 30_000,
          },
          lastLatencyMs: 4.2,
          lastMessage: 'No HTTP answer',
          lastValues: {},
          updatedAt: now,
        },
      ]);
    });
  });
  afterAll(() => t.close());

  it('lists the checks with their asset, site, state and last result, passwords hidden', async () => {
    const response = await t.request(t.as.viewer, 'GET', '/api/v1/checks');
    expect(response.statusCode).toBe(200);
    const { checks } = response.json();
    expect(checks.map((c: { id: string }) => c.id)).toEqual([
      'crm-web',
      'crm-sql',
      'serveur-ping',
      'autre-web',
      'sauvegarde',
    ]);
    expect(checks[0]).toMatchObject({
      name: 'Interface du CRM',
      asset: { id: 'crm', name: 'CRM' },
      site: { id: 'principal', name: 'Site principal' },
      clients: ['ocm'],
      state: 'down',
      since: t.clock.now() - 30_000,
      lastResult: { status: 'down', message: 'No HTTP answer', latencyMs: 4.2 },
    });
    expect(checks[1]).toMatchObject({ target: 'postgres://vigie@127.0.0.1:9/crm', state: 'unknown', lastResult: null });
  });

  it("shows a client's user only the checks of assets naming its client", async () => {
    const { checks } = (await t.request(t.as.client, 'GET', '/api/v1/checks')).json();
    expect(checks.map((c: { id: string }) => c.id)).toEqual(['crm-web', 'crm-sql']);
    expect((await t.request(t.as.client, 'GET', '/api/v1/checks/serveur-ping/results')).statusCode).toBe(404);
    expect((await t.request(t.as.client, 'GET', '/api/v1/availability?scope=client&id=autre')).statusCode).toBe(404);
    expect((await t.request(t.as.client, 'GET', '/api/v1/availability?scope=asset&id=autre-app')).statusCode).toBe(404);
    const site = (await t.request(t.as.client, 'GET', '/api/v1/availability?scope=site&id=principal')).json();
    expect(site.checks.map((c: { checkId: string }) => c.checkId)).toEqual(['crm-web', 'crm-sql']);
  });

  it('tells which checks a maintenance window covers now, until when and why', async () => {
    const now = t.clock.now();
    const created = await t.request(t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'site',
      targetId: 'secours',
      from: now - 60_000,
      to: now + 3_600_000,
      reason: 'Bascule vers le site de secours',
    });
    expect(created.statusCode).toBe(201);
    const later = await t.request(t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'asset',
      targetId: 'crm',
      from: now + 3_600_000,
      to: now + 7_200_000,
      reason: 'Plus tard',
    });
    expect(later.statusCode).toBe(201);
    const { checks } = (await t.request(t.as.viewer, 'GET', '/api/v1/checks')).json() as {
      checks: { id: string; maintenance: unknown }[];
    };
    expect(Object.fromEntries(checks.map((c) => [c.id, c.maintenance]))).toEqual({
      'crm-web': null,
      'crm-sql': null,
      'serveur-ping': null,
      'autre-web': { until: now + 3_600_000, reason: 'Bascule vers le site de secours' },
      sauvegarde: null,
    });
    await t.request(t.as.operator, 'DELETE', `/api/v1/maintenance/${(created.json() as { id: string }).id}`);
    await t.request(t.as.operator, 'DELETE', `/api/v1/maintenance/${(later.json() as { id: string }).id}`);
  });

  it('serves raw results and availability over a period', async () => {
    const results = (await t.request(t.as.client, 'GET', '/api/v1/checks/crm-web/results')).json();
    expect(results).toMatchObject({ checkId: 'crm-web', resolution: 'raw', truncated: false });
    expect(results.results.map((r: { status: string }) => r.status)).toEqual(['up', 'up', 'up', 'down', 'down']);
    const from = t.clock.now() - 3_600_000;
    const availability = (
      await t.request(t.as.auditor, 'GET', `/api/v1/availability?scope=check&id=crm-web&from=${from}`)
    ).json();
    expect(availability).toMatchObject({ up: 3, down: 2, total: 5, availability: 0.6, upRatio: 0.6 });
    expect((await t.request(t.as.viewer, 'GET', '/api/v1/availability?scope=galaxy&id=x')).statusCode).toBe(400);
    expect(
      (await t.request(t.as.viewer, 'GET', `/api/v1/availability?scope=check&id=crm-web&from=${from}&to=${from}`))
        .statusCode,
    ).toBe(400);
  });

  it('gives administrators the address of each heartbeat, and takes pings on it without sign-in', async () => {
    const before = (await t.request(t.as.admin, 'GET', '/api/v1/heartbeats')).json();
    expect(before).toEqual([
      expect.objectContaining({ checkId: 'sauvegarde', everyMs: 86_400_000, graceMs: 3_600_000, url: null }),
    ]);
    expect((await t.request(t.as.operator, 'GET', '/api/v1/heartbeats')).statusCode).toBe(403);
    expect((await t.request(t.as.admin, 'POST', '/api/v1/checks/crm-web/heartbeat-token')).statusCode).toBe(400);

    const created = await t.request(t.as.admin, 'POST', '/api/v1/checks/sauvegarde/heartbeat-token');
    expect(created.statusCode).toBe(201);
    const { token, url } = created.json();
    expect(url).toBe(`http://vigie.test/api/v1/heartbeats/${token}`);
    expect((await t.request(t.as.admin, 'GET', '/api/v1/heartbeats')).json()[0].url).toBe(url);

    const ping = await t.request(null, 'POST', `/api/v1/heartbeats/${token}`);
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toEqual({ checkId: 'sauvegarde', received: t.clock.now() });
    t.clock.advance(1_000);
    const failed = await t.request(null, 'GET', `/api/v1/heartbeats/${token}?status=down&message=disque%20plein`);
    expect(failed.statusCode).toBe(200);
    const queued = await t.store.transaction((tx) => tx.checkInbox.take([shardOf('sauvegarde')], 10));
    expect(queued.map((q) => [q.checkId, q.result.status, q.result.message])).toEqual([
      ['sauvegarde', 'up', 'Heartbeat received'],
      ['sauvegarde', 'down', 'disque plein'],
    ]);

    // A new address replaces the old one.
    const renewed = (await t.request(t.as.admin, 'POST', '/api/v1/checks/sauvegarde/heartbeat-token')).json();
    expect((await t.request(null, 'POST', `/api/v1/heartbeats/${token}`)).statusCode).toBe(404);
    expect((await t.request(null, 'POST', `/api/v1/heartbeats/${renewed.token}`)).statusCode).toBe(200);
    expect((await t.request(null, 'POST', '/api/v1/heartbeats/vhb_not-a-real-token-at-all')).statusCode).toBe(404);
  });

  it('shows no address, rather than failing, when the key that sealed a token is gone', async () => {
    await t.request(t.as.admin, 'POST', '/api/v1/checks/sauvegarde/heartbeat-token');
    const otherKey = secretBox(randomBytes(32));
    const ctx = { store: t.store, clock: t.clock, plans: new PlanCatalog(t.store) };
    const [heartbeat] = await listHeartbeats(ctx, SYSTEM_ACTOR, otherKey, null);
    expect(heartbeat).toMatchObject({ checkId: 'sauvegarde', url: null });
  });
});

describe.each(DIALECTS)('heartbeat pings in the plan’s language, French by default, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      planText: monitoringPlan(['{ id: sauvegarde, asset: serveur, probe: heartbeat, every: 1d, failAfter: 1 }']),
    });
  });
  afterAll(() => t.close());

  it('writes the result of a ping without a message of its own in French', async () => {
    const { token } = (await t.request(t.as.admin, 'POST', '/api/v1/checks/sauvegarde/heartbeat-token')).json();
    expect((await t.request(null, 'POST', `/api/v1/heartbeats/${token}`)).statusCode).toBe(200);
    t.clock.advance(1_000);
    expect((await t.request(null, 'GET', `/api/v1/heartbeats/${token}?status=down`)).statusCode).toBe(200);
    const queued = await t.store.transaction((tx) => tx.checkInbox.take([shardOf('sauvegarde')], 10));
    expect(queued.map((q) => [q.result.status, q.result.message])).toEqual([
      ['up', 'Battement reçu'],
      ['down', 'La tâche s’est déclarée en panne'],
    ]);
  });
});
