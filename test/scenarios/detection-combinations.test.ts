import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleCheckTransition, initialCheckMemory, shardOf } from '@vigie/core';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';
import { simulateUntil } from '../../packages/server/src/engine/simulate';
import { RecordingChannels } from '../../packages/server/src/engine/recording-channels';

const START = Date.UTC(2026, 4, 4, 9, 0);
const SEC = 1_000;

/**
 * Two SQL servers on the main site behind its network, and a CRM on the first one. The
 * SQL threat is recognised only when every SQL check of the main site is down; the CRM
 * threat when its web page and the SQL server it uses are down together.
 */
const PLAN = `version: 1
organisation: Centre de test
title: Plan de test
clients:
  - { id: ocm, name: OCM }
team:
  - { id: admin-si, name: Admin SI, email: admin@example.org }
sites:
  - { id: principal, name: Site principal }
  - { id: secours, name: Site de secours, redundant: true }
assets:
  - { id: reseau, name: Réseau interne, kind: network, site: principal }
  - { id: sql-a, name: Serveur SQL A, kind: server, site: principal, dependsOn: [reseau] }
  - { id: sql-b, name: Serveur SQL B, kind: server, site: principal, dependsOn: [reseau] }
  - { id: sql-secours, name: Serveur SQL de secours, kind: server, site: secours }
  - { id: crm, name: CRM, kind: application, site: principal, clients: [ocm] }
checks:
  - { id: sql-a-cnx, name: Connexion SQL A, asset: sql-a, probe: sql }
  - { id: sql-b-cnx, name: Connexion SQL B, asset: sql-b, probe: sql }
  - { id: sql-secours-cnx, name: Connexion SQL de secours, asset: sql-secours, probe: sql }
  - { id: reseau-ping, name: Réseau interne, asset: reseau, probe: ping }
  - { id: crm-web, name: Interface du CRM, asset: crm, probe: http }
threats:
  - id: bases-sql
    title: Bases SQL du site principal indisponibles
    causes: Serveurs SQL arrêtés
    solution: Redémarrer les serveurs SQL
    assets: [sql-a, sql-b]
    detect:
      - checks: { site: principal, probe: sql }
        count: all
    resolve: on-recovery
  - id: reseau
    title: Réseau interne coupé
    causes: Commutateur en panne
    solution: Remplacer le commutateur
    assets: [reseau]
    detect:
      - check: reseau-ping
    resolve: on-recovery
  - id: crm
    title: CRM inaccessible
    causes: Base du CRM arrêtée
    solution: Redémarrer la base
    assets: [crm]
    detect:
      - all:
          - check: crm-web
          - check: sql-a-cnx
    resolve: on-recovery
`;

interface Listed {
  id: string;
  threatId: string;
  status: string;
  source: string;
  assets: string[];
}

describe.each(DIALECTS)('detection: combinations of checks become incidents, on %s', (dialect) => {
  let t: TestApp;
  const current = new Map<string, string>();
  beforeEach(async () => {
    t = await createTestApp(dialect, { planText: PLAN, channels: new RecordingChannels(), startAt: START });
    current.clear();
    for (const id of ['sql-a-cnx', 'sql-b-cnx', 'sql-secours-cnx', 'reseau-ping', 'crm-web']) await report(id, 'up');
  });
  afterEach(() => t.close());

  /** What the scheduler does with a change of state: store the check's state, then hand the transition over. */
  async function report(checkId: string, to: 'up' | 'down', message = `${checkId} ${to}`): Promise<void> {
    const at = t.clock.now();
    const from = current.get(checkId) ?? 'unknown';
    current.set(checkId, to);
    await t.store.transaction((tx) =>
      tx.checkStates.upsertMany([
        {
          checkId,
          shard: shardOf(checkId),
          memory: { ...initialCheckMemory(), state: to, since: at, lastStatus: to, lastAt: at },
          lastLatencyMs: null,
          lastMessage: message,
          lastValues: {},
          updatedAt: at,
        },
      ]),
    );
    await handleCheckTransition(t.ctx, { checkId, from, to, at, message });
  }
  const runFor = (ms: number) => simulateUntil(t.engine, t.clock, t.store, t.clock.now() + ms);
  const incidents = async (): Promise<Listed[]> => (await t.request(t.as.operator, 'GET', '/api/v1/incidents')).json();
  const timelineOf = async (id: string): Promise<string[]> =>
    ((await t.request(t.as.operator, 'GET', `/api/v1/incidents/${id}`)).json().timeline as { summary: string }[]).map(
      (entry) => entry.summary,
    );

  it('one SQL check of the main site down opens nothing; both down open one incident; one back up resolves it', async () => {
    await report('sql-a-cnx', 'down', 'connexion refusée');
    await report('sql-secours-cnx', 'down', 'connexion refusée');
    await runFor(11 * SEC);
    expect(await incidents()).toEqual([]);

    await report('sql-b-cnx', 'down', 'délai dépassé');
    await runFor(11 * SEC);
    const [incident, ...others] = await incidents();
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ threatId: 'bases-sql', status: 'open', source: 'rule:bases-sql/1' });
    expect(incident!.assets).toEqual(expect.arrayContaining(['sql-a', 'sql-b']));
    expect(await timelineOf(incident!.id)).toContainEqual(
      expect.stringContaining(
        'Detected: Connexion SQL B (en panne), Connexion SQL A (en panne) — Connexion SQL B : délai dépassé',
      ),
    );

    // The same transition handed over again (delivery is at least once) joins the same incident.
    await handleCheckTransition(t.ctx, {
      checkId: 'sql-b-cnx',
      from: 'up',
      to: 'down',
      at: t.clock.now(),
      message: 'délai dépassé',
    });
    await runFor(11 * SEC);
    expect((await incidents()).map((i) => i.id)).toEqual([incident!.id]);
    const signals = (await t.request(t.as.operator, 'GET', '/api/v1/signals')).json() as { source: string }[];
    expect(signals.filter((s) => s.source === 'rule:bases-sql/1')).toHaveLength(1);

    // The combination was raised by SQL B; SQL A coming back ends it all the same.
    await report('sql-a-cnx', 'up', 'connexion rétablie');
    await runFor(SEC);
    const [after] = await incidents();
    expect(after).toMatchObject({ id: incident!.id, status: 'resolved' });
    expect(await timelineOf(incident!.id)).toContainEqual('Back to normal: Connexion SQL A : connexion rétablie');
  });

  it('shows the combination rules in the threat catalogue as the plan wrote them', async () => {
    const crm = (await t.request(t.as.operator, 'GET', '/api/v1/threats/crm')).json();
    expect(crm.detect).toEqual([
      {
        all: [
          { check: 'crm-web', state: 'down' },
          { check: 'sql-a-cnx', state: 'down' },
        ],
        state: 'down',
      },
    ]);
    const sql = (await t.request(t.as.operator, 'GET', '/api/v1/threats/bases-sql')).json();
    expect(sql.detect).toEqual([{ checks: { site: 'principal', probe: 'sql' }, count: 'all', state: 'down' }]);
  });

  it('a recovery shorter than the group wait opens nothing', async () => {
    await report('sql-a-cnx', 'down');
    await report('sql-b-cnx', 'down');
    await runFor(3 * SEC);
    await report('sql-b-cnx', 'up');
    await runFor(20 * SEC);
    expect(await incidents()).toEqual([]);
  });

  it('an `all:` list opens when its last condition holds, and resolves when any of them stops', async () => {
    await report('crm-web', 'down', 'HTTP 500');
    await runFor(11 * SEC);
    expect(await incidents()).toEqual([]);
    await report('sql-a-cnx', 'down', 'connexion refusée');
    await runFor(11 * SEC);
    expect((await incidents()).map((i) => [i.threatId, i.status, i.source])).toEqual([['crm', 'open', 'rule:crm/1']]);
    await report('crm-web', 'up', 'HTTP 200');
    await runFor(SEC);
    expect((await incidents()).map((i) => [i.threatId, i.status])).toEqual([['crm', 'resolved']]);
  });

  it('a maintenance window over the main site keeps the combination and opens no incident', async () => {
    const planned = await t.request(t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'site',
      targetId: 'principal',
      from: START - 60 * SEC,
      to: START + 3_600 * SEC,
      reason: 'Migration des bases SQL',
    });
    expect(planned.statusCode).toBe(201);
    await report('sql-a-cnx', 'down');
    await report('sql-b-cnx', 'down');
    await runFor(11 * SEC);
    expect(await incidents()).toEqual([]);
  });

  it('a maintenance window over one of the two servers does not hide the other one failing', async () => {
    await t.request(t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'asset',
      targetId: 'sql-a',
      from: START - 60 * SEC,
      to: START + 3_600 * SEC,
      reason: 'Mise à jour du serveur SQL A',
    });
    await report('sql-a-cnx', 'down');
    await report('sql-b-cnx', 'down');
    await runFor(11 * SEC);
    expect((await incidents()).map((i) => i.threatId)).toEqual(['bases-sql']);
  });

  it('both SQL servers down behind a failing network are attached to the network’s incident', async () => {
    await report('reseau-ping', 'down', 'ping perdu');
    await report('sql-a-cnx', 'down');
    await report('sql-b-cnx', 'down');
    await runFor(11 * SEC);
    const list = await incidents();
    expect(list.map((i) => i.threatId)).toEqual(['reseau']);
    expect(list[0]!.assets).toEqual(expect.arrayContaining(['reseau', 'sql-a', 'sql-b']));
    expect(await timelineOf(list[0]!.id)).toContainEqual(
      expect.stringContaining('Serveur SQL B, Serveur SQL A depends on Réseau interne'),
    );
  });
});
