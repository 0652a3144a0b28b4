import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLUSH_PAGE, handleCheckTransition } from '@vigie/core';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, seedPlanWithRealContacts, type TestApp } from '../../packages/server/src/testing/test-app';
import { simulateUntil } from '../../packages/server/src/engine/simulate';
import { RecordingChannels } from '../../packages/server/src/engine/recording-channels';

const START = Date.UTC(2026, 4, 4, 9, 0);
const SEC = 1_000;

interface Listed {
  id: string;
  threatId: string;
  status: string;
  source: string;
  assets: string[];
}

describe.each(DIALECTS)('detection: check changes and alerts become incidents, on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, {
      planText: seedPlanWithRealContacts(),
      channels: new RecordingChannels(),
      startAt: START,
    });
  });
  afterEach(() => t.close());

  const transition = (checkId: string, to: string, message = `${checkId} ${to}`) =>
    handleCheckTransition(t.ctx, { checkId, from: to === 'up' ? 'down' : 'up', to, at: t.clock.now(), message });
  const runFor = (ms: number) => simulateUntil(t.engine, t.clock, t.store, t.clock.now() + ms);
  const incidents = async (): Promise<Listed[]> => (await t.request(t.as.operator, 'GET', '/api/v1/incidents')).json();
  const room = async (id: string) => (await t.request(t.as.operator, 'GET', `/api/v1/incidents/${id}`)).json();

  it('a failing check opens its threat’s incident after the group wait, and recovery resolves it', async () => {
    await transition('hmp-disque', 'down', 'C: 3 % libre');
    expect(await incidents()).toEqual([]);
    await runFor(11 * SEC);
    const [incident] = await incidents();
    expect(incident).toMatchObject({ threatId: 'espace-hmp', status: 'open', source: 'check:hmp-disque' });

    // A second failure of the same check joins the same incident.
    await transition('hmp-disque', 'down');
    await runFor(11 * SEC);
    expect(await incidents()).toHaveLength(1);

    await transition('hmp-disque', 'up', 'C: 40 % libre');
    await runFor(SEC);
    const [after] = await incidents();
    expect(after!.status).toBe('resolved');
    const timeline = (await room(after!.id)).timeline as { kind: string; summary: string }[];
    expect(timeline.some((e) => e.kind === 'signal' && e.summary.includes('Back to normal'))).toBe(true);
  });

  it('a check failing while its threat’s incident is open joins it, named as the plan names it', async () => {
    const opened = await t.request(t.as.operator, 'POST', '/api/v1/incidents', { threatId: 'espace-hmp' });
    expect(opened.statusCode).toBe(201);
    await transition('hmp-disque', 'down', 'C: 3 % libre');
    await runFor(11 * SEC);
    const list = await incidents();
    expect(list.map((i) => i.id)).toEqual([opened.json().incident.id]);
    const lines = ((await room(list[0]!.id)).timeline as { summary: string }[]).map((e) => e.summary);
    expect(lines).toContain('Signal attached: Espace libre du disque principal HMP');
    expect(lines).toContain('Detected: Espace libre du disque principal HMP : C: 3 % libre');
  });

  it('a blip shorter than the group wait opens nothing', async () => {
    await transition('crm-web', 'down');
    await runFor(3 * SEC);
    await transition('crm-web', 'up');
    await runFor(20 * SEC);
    expect(await incidents()).toEqual([]);
  });

  it('a burst of dependent failures opens one incident, the consequences attached to the root cause', async () => {
    // The CRM and the Onnet32 service depend on the SQL server: one incident, for the SQL server.
    await transition('crm-web', 'down', 'HTTP 502');
    await transition('onnet32-service', 'down', 'service arrêté');
    await transition('sql-connexion', 'down', 'connexion refusée');
    await runFor(11 * SEC);
    const list = await incidents();
    expect(list.map((i) => i.threatId)).toEqual(['arret-service']);
    const { timeline, incident } = await room(list[0]!.id);
    const consequences = (timeline as { kind: string; summary: string }[]).filter((e) =>
      e.summary.startsWith('Consequence'),
    );
    expect(consequences.map((e) => e.summary).sort()).toEqual([
      expect.stringContaining('CRM Hermès depends on Serveur SQL'),
      expect.stringContaining('Service Onnet32 Slave depends on Serveur SQL'),
    ]);
    expect(incident.assets).toEqual(expect.arrayContaining(['serveur-sql', 'service-onnet32-slave', 'crm-hermes']));

    // A consequence failing again later joins the same incident.
    await transition('crm-web', 'up');
    await transition('crm-web', 'down', 'HTTP 502 encore');
    await runFor(11 * SEC);
    expect((await incidents()).map((i) => i.threatId)).toEqual(['arret-service']);

    // Another threat on the root asset itself is its own incident.
    await transition('serveurs-accessibles', 'down', 'ping perdu');
    await runFor(11 * SEC);
    expect((await incidents()).map((i) => i.threatId).sort()).toEqual(['acces-serveurs', 'arret-service']);
  });

  it('a consequence failing before its root cause waits for the root cause’s incident', async () => {
    await transition('crm-web', 'down', 'HTTP 502');
    await runFor(5 * SEC);
    await transition('sql-connexion', 'down', 'connexion refusée');
    // The CRM's group wait is over, the SQL server's is not: nothing opens yet.
    await runFor(6 * SEC);
    expect(await incidents()).toEqual([]);
    await runFor(5 * SEC);
    const list = await incidents();
    expect(list.map((i) => i.threatId)).toEqual(['arret-service']);
    const { timeline, incident } = await room(list[0]!.id);
    expect((timeline as { summary: string }[]).map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/^Consequence: Interface web du CRM Hermès : HTTP 502 — CRM Hermès depends on Serveur SQL/),
    );
    expect(incident.assets).toEqual(expect.arrayContaining(['serveur-sql', 'crm-hermes']));
  });

  it('a consequence whose root cause recovers within its group wait opens its own incident', async () => {
    await transition('crm-web', 'down', 'HTTP 502');
    await runFor(5 * SEC);
    await transition('sql-connexion', 'down', 'connexion refusée');
    // The CRM waits for the SQL server's group wait…
    await runFor(7 * SEC);
    expect(await incidents()).toEqual([]);
    // …which ends with the SQL server back: the CRM is a failure of its own.
    await transition('sql-connexion', 'up', 'connexion rétablie');
    await runFor(10 * SEC);
    expect((await incidents()).map((i) => i.threatId)).toEqual(['deconnexion-crm']);
  });

  it('a storm of consequences, more than a flush reads at once, joins its root cause raised after it', async () => {
    // The CRM depends on the SQL server: a page of alerts about it, then the SQL server fails.
    for (let from = 0; from < FLUSH_PAGE; from += 1_000) {
      const response = await t.request(t.as.operator, 'POST', '/api/v1/alerts/alertmanager', {
        version: '4',
        status: 'firing',
        alerts: Array.from({ length: 1_000 }, (_, k) => ({
          status: 'firing',
          labels: { alertname: 'HmpDiskFull', asset: 'crm-hermes', instance: `poste-${from + k}` },
          annotations: { summary: `Alerte CRM ${from + k}` },
        })),
      });
      expect(response.statusCode).toBe(202);
    }
    await runFor(2 * SEC);
    await transition('sql-connexion', 'down', 'connexion refusée');
    await runFor(11 * SEC);
    const list = await incidents();
    expect(list.map((i) => i.threatId)).toEqual(['arret-service']);
    const lines = ((await room(list[0]!.id)).timeline as { kind: string; summary: string }[])
      .filter((e) => e.kind === 'signal')
      .map((e) => e.summary);
    expect(lines).toEqual([
      'Detected: Connexion à la base SQL : connexion refusée',
      expect.stringMatching(new RegExp(`^${FLUSH_PAGE} consequences attached: (Alerte CRM \\d+(; | …$)){3}`)),
    ]);
  });

  it('the power threat is recognised when the UPS runs on battery (degraded)', async () => {
    await transition('onduleur-etat', 'degraded', 'OB: sur batterie, 92 %');
    await runFor(11 * SEC);
    expect((await incidents()).map((i) => i.threatId)).toEqual(['energie']);
  });

  it('a maintenance window keeps the signal and opens no incident', async () => {
    const planned = await t.request(t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'site',
      targetId: 'principal',
      from: START - 60 * SEC,
      to: START + 3_600 * SEC,
      reason: 'Remplacement de la baie de stockage',
    });
    expect(planned.statusCode).toBe(201);
    await transition('hmp-disque', 'down');
    await runFor(11 * SEC);
    expect(await incidents()).toEqual([]);
    expect((await t.request(t.as.operator, 'GET', '/api/v1/maintenance')).json()).toHaveLength(1);
    expect(
      (
        await t.request(t.as.operator, 'POST', '/api/v1/maintenance', {
          scope: 'site',
          targetId: 'mars',
          from: 1,
          to: 2,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('an alert repeated tells when it was last reported, to the minute, whenever it began', async () => {
    const startedAt = t.clock.now() - 3_600 * SEC;
    const fire = () =>
      t.request(t.as.operator, 'POST', '/api/v1/alerts/alertmanager', {
        version: '4',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9100' },
            annotations: { summary: 'Disque C: plein à 97 %' },
            startsAt: new Date(startedAt).toISOString(),
          },
        ],
      });
    const reported = async () => {
      const signals = (await t.request(t.as.operator, 'GET', '/api/v1/signals')).json() as {
        firstAt: number;
        lastAt: number;
      }[];
      expect(signals).toHaveLength(1);
      return signals[0]!;
    };
    const firstReport = t.clock.now();
    expect((await fire()).statusCode).toBe(202);
    expect(await reported()).toMatchObject({ firstAt: startedAt, lastAt: firstReport });

    // Half a minute later: the same report, nothing rewritten.
    await runFor(30 * SEC);
    await fire();
    expect(await reported()).toMatchObject({ firstAt: startedAt, lastAt: firstReport });

    // Past the minute: the repeat is the last report.
    await runFor(45 * SEC);
    const laterReport = t.clock.now();
    await fire();
    expect(await reported()).toMatchObject({ firstAt: startedAt, lastAt: laterReport });
    expect(await incidents()).toHaveLength(1);
  });

  it('a storm of alerts opens one incident told in a few lines, and their resolution resolves it', async () => {
    // One more than a flush raises at a time, sent a thousand at a time as Alertmanager does.
    const STORM = FLUSH_PAGE + 1;
    const send = async (status: 'firing' | 'resolved') => {
      for (let from = 0; from < STORM; from += 1_000) {
        const response = await t.request(t.as.operator, 'POST', '/api/v1/alerts/alertmanager', {
          version: '4',
          status,
          alerts: Array.from({ length: Math.min(1_000, STORM - from) }, (_, k) => ({
            status,
            labels: { alertname: 'HmpDiskFull', instance: `hmp-${from + k}.principal.mediacontact.example:9100` },
            annotations: { summary: `Disque plein sur hmp-${from + k}` },
          })),
        });
        expect(response.statusCode).toBe(202);
      }
    };
    const signalLines = async (id: string) =>
      ((await room(id)).timeline as { kind: string; summary: string; data: Record<string, unknown> }[]).filter(
        (e) => e.kind === 'signal',
      );

    await send('firing');
    await runFor(11 * SEC);
    const list = await incidents();
    expect(list.map((i) => i.threatId)).toEqual(['espace-hmp']);
    // Alerts of the same second have no order among them: any three are quoted.
    const detected = await signalLines(list[0]!.id);
    expect(detected.map((e) => e.summary)).toEqual([
      expect.stringMatching(new RegExp(`^${FLUSH_PAGE} signals detected: (Disque plein sur hmp-\\d+(; | …$)){3}`)),
      expect.stringMatching(/^Detected: Disque plein sur hmp-\d+$/),
    ]);
    expect(detected[0]!.data).toMatchObject({ count: FLUSH_PAGE });
    // The signals are listed a page at a time: a thousand by default, ten thousand at most.
    type Listed = { id: string; status: string; incidentId: string };
    const signalsAt = async (query: string) => {
      const response = await t.request(t.as.operator, 'GET', `/api/v1/signals?${query}`);
      expect(response.statusCode).toBe(200);
      return response.json() as Listed[];
    };
    expect(await signalsAt('')).toHaveLength(1_000);
    const live = [...(await signalsAt('limit=10000')), ...(await signalsAt('limit=10000&offset=10000'))];
    expect(new Set(live.map((s) => s.id)).size).toBe(STORM);
    expect(live.filter((s) => s.status === 'opened')).toHaveLength(1);
    expect(live.filter((s) => s.status === 'attached' && s.incidentId === list[0]!.id)).toHaveLength(STORM - 1);
    const ofIncident = await signalsAt(`incident=${list[0]!.id}&limit=10&offset=${STORM - 4}`);
    expect(ofIncident.map((s) => s.id)).toEqual(live.slice(-4).map((s) => s.id));
    const tooMany = await t.request(t.as.operator, 'GET', '/api/v1/signals?limit=10001');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/limit/);

    await send('resolved');
    await runFor(SEC);
    expect((await incidents())[0]!.status).toBe('resolved');
    const told = (await signalLines(list[0]!.id)).slice(detected.length).map((e) => e.summary);
    expect(told).toHaveLength(11);
    expect(told[0]).toBe(
      '1000 signals back to normal: Disque plein sur hmp-0; Disque plein sur hmp-1; Disque plein sur hmp-2 …',
    );
    expect(told[10]).toBe(`Back to normal: Disque plein sur hmp-${STORM - 1}`);
    expect(await signalsAt('')).toEqual([]);
    // The incident keeps them, recovered.
    const kept = await signalsAt(`incident=${list[0]!.id}&limit=10`);
    expect(kept.map((s) => s.status)).toEqual(Array.from({ length: 10 }, () => 'recovered'));
  });

  it('generic JSON alerts are matched by the same rules, deduplicated, and resolve', async () => {
    const send = (status: string) =>
      t.request(t.as.operator, 'POST', '/api/v1/alerts', {
        id: 'hmp-disk-1',
        status,
        labels: { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9100' },
        summary: 'Disque C: plein à 97 %',
      });
    const first = await send('firing');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({
      accepted: 1,
      matched: 1,
      alerts: [{ fingerprint: 'hmp-disk-1', threats: ['espace-hmp'] }],
    });
    await send('firing');
    await runFor(11 * SEC);
    const list = await incidents();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ threatId: 'espace-hmp', source: 'alert:hmp-disk-1' });
    expect((await t.request(t.as.operator, 'GET', '/api/v1/signals')).json()).toHaveLength(1);

    await send('resolved');
    await runFor(SEC);
    expect((await incidents())[0]!.status).toBe('resolved');

    const unmatched = await t.request(t.as.operator, 'POST', '/api/v1/alerts', { labels: { alertname: 'Autre' } });
    expect(unmatched.json()).toMatchObject({ accepted: 1, matched: 0 });
    expect((await t.request(t.as.viewer, 'POST', '/api/v1/alerts', { labels: { a: 'b' } })).statusCode).toBe(403);
    const noLabel = await t.request(t.as.operator, 'POST', '/api/v1/alerts', { labels: {} });
    expect(noLabel.statusCode).toBe(400);
    // The body fits neither shape of the generic format: the problem of the closest one is told.
    expect(noLabel.json().message).toBe('body.labels: expected at least one label');
    for (const labels of [{ severity: 2 }, ['HmpDiskFull'], 'HmpDiskFull']) {
      const refused = await t.request(t.as.operator, 'POST', '/api/v1/alerts', { labels });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toBe('body.labels: expected an object of names to text values');
    }
    const badWebhook = await t.request(t.as.operator, 'POST', '/api/v1/alerts/alertmanager', {
      status: 'firing',
      alerts: [{ status: 'firing', labels: { alertname: 'HmpDiskFull' }, annotations: { summary: null } }],
    });
    expect(badWebhook.statusCode).toBe(400);
    expect(badWebhook.json().message).toBe('body.alerts.0.annotations: expected an object of names to text values');
    // Alertmanager's fingerprints are 16 hex digits: a far longer one is refused, as the generic format's id is.
    const longFingerprint = await t.request(t.as.operator, 'POST', '/api/v1/alerts/alertmanager', {
      status: 'firing',
      alerts: [{ status: 'firing', labels: { alertname: 'HmpDiskFull' }, fingerprint: 'f'.repeat(5_000) }],
    });
    expect(longFingerprint.statusCode).toBe(400);
    expect(longFingerprint.json().message).toBe(
      'body.alerts.0.fingerprint: Too big: expected string to have <=256 characters',
    );
  });
});
