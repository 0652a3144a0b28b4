import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import type { RunningServer } from '../support/cli';
import { startAlertmanager, type AlertmanagerPeer } from '../support/peers/alertmanager';
import {
  createApiToken,
  startVigieWithPlan,
  type PlanVigie,
  listIncidents,
  signInTo,
  waitForIncidents,
  type ListedIncident,
} from '../support/vigie-session';

/** Prometheus' real Alertmanager sends its webhook to Vigie, which opens and resolves the incident. */
describe('alerts from a real Alertmanager', () => {
  let started: PlanVigie;
  let vigie: RunningServer;
  let alertmanager: AlertmanagerPeer;
  let cookie = '';
  let token = '';

  beforeAll(async () => {
    started = await startVigieWithPlan(`${SEED_PLAN_TEXT}\ndetection:\n  groupWait: 1s\n`);
    ({ vigie } = started);
    const session = await signInTo(vigie.baseUrl, started.admin);
    cookie = session.cookie;
    token = await createApiToken(vigie.baseUrl, session, 'alertmanager');
    alertmanager = await startAlertmanager(`${vigie.baseUrl}/api/v1/alerts/alertmanager`, token);
  }, 120_000);

  afterAll(async () => {
    await alertmanager?.stop();
    await started?.stop();
  });

  const incidents = () => listIncidents(vigie.baseUrl, { cookie });
  const waitFor = (what: string, check: (list: ListedIncident[]) => boolean) =>
    waitForIncidents(vigie.baseUrl, { cookie }, what, check);

  it('a firing HMP disk alert opens the espace-hmp incident once; its resolution resolves it', async () => {
    const alert = {
      labels: { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182', severity: 'critical' },
      annotations: { summary: 'Disque C: du serveur HMP plein à 97 %' },
    };
    await alertmanager.post([alert]);
    await alertmanager.post([alert]); // the same alert again: Alertmanager and Vigie deduplicate
    const [opened] = await waitFor('incident opened', (list) => list.length > 0);
    expect(opened).toMatchObject({ threatId: 'espace-hmp', status: 'open' });
    expect(opened!.source).toMatch(/^alert:/);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await incidents()).toHaveLength(1);

    await alertmanager.post([{ ...alert, endsAt: new Date().toISOString() }]);
    const [resolved] = await waitFor('incident resolved', (list) => list[0]?.status === 'resolved');
    expect(resolved!.id).toBe(opened!.id);
  }, 120_000);

  it('an alert Alertmanager fired is resolved by a sender that gives only its labels', async () => {
    const labels = {
      alertname: 'HmpDiskFull',
      instance: 'hmp.secours.mediacontact.example:9182',
      severity: 'critical',
    };
    await alertmanager.post([{ labels, annotations: { summary: 'Disque C: du serveur HMP de secours plein' } }]);
    const opened = await waitFor('incident opened', (list) => list.some((i) => i.status === 'open'));
    const incident = opened.find((i) => i.status === 'open')!;

    // The generic webhook, without the alert's id: Vigie finds it by Alertmanager's own fingerprint.
    const sent = await fetch(`${vigie.baseUrl}/api/v1/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ labels, status: 'resolved' }),
    });
    expect(sent.status).toBe(202);
    const fingerprint = (await sent.json()) as { alerts: { fingerprint: string }[] };
    expect(incident.source).toBe(`alert:${fingerprint.alerts[0]!.fingerprint}`);
    await waitFor('incident resolved', (list) => list.find((i) => i.id === incident.id)?.status === 'resolved');
  }, 120_000);
});
