import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import type { RunningServer } from '../support/cli';
import { startPrometheus, type PrometheusPeer } from '../support/peers/prometheus';
import {
  createApiToken,
  startVigieWithPlan,
  type PlanVigie,
  listIncidents,
  signInTo,
  waitForIncidents,
  type ListedIncident,
} from '../support/vigie-session';

/**
 * Debian's Prometheus sends its alerts straight to Vigie, as to an Alertmanager: its rule on
 * the HMP server's disk opens the plan's « espace-hmp » incident, and its end resolves it.
 */
describe('alerts from a real Prometheus, without an Alertmanager', () => {
  let started: PlanVigie;
  let vigie: RunningServer;
  let prometheus: PrometheusPeer;
  let exporter: Server;
  // What the HMP server's exporter says: 1 while its disk is full.
  let diskFull = 0;
  let cookie = '';

  beforeAll(async () => {
    exporter = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(`# TYPE hmp_disk_full gauge\nhmp_disk_full{disk="C:"} ${diskFull}\n`);
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));

    started = await startVigieWithPlan(`${SEED_PLAN_TEXT}\ndetection:\n  groupWait: 1s\n`);
    ({ vigie } = started);
    const session = await signInTo(vigie.baseUrl, started.admin);
    cookie = session.cookie;
    const token = await createApiToken(vigie.baseUrl, session, 'prometheus');
    prometheus = await startPrometheus({
      scrape: { target: `127.0.0.1:${(exporter.address() as AddressInfo).port}`, path: '/metrics', job: 'hmp' },
      rules: [
        'groups:',
        '  - name: hmp',
        '    rules:',
        '      - alert: HmpDiskFull',
        '        expr: hmp_disk_full == 1',
        '        labels: { severity: critical }',
        "        annotations: { summary: 'Disque C: du serveur HMP plein' }",
        '',
      ].join('\n'),
      alertmanager: { target: new URL(vigie.baseUrl).host, pathPrefix: '/api/v1/prometheus', bearerToken: token },
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await started?.stop();
    await new Promise((resolve) => exporter?.close(resolve));
  });

  const incidents = () => listIncidents(vigie.baseUrl, { cookie });
  const waitFor = (what: string, check: (list: ListedIncident[]) => boolean) =>
    waitForIncidents(vigie.baseUrl, { cookie }, what, check);

  it('a firing rule opens the espace-hmp incident once; its end resolves it', async () => {
    diskFull = 1;
    const [opened] = await waitFor('incident opened', (list) => list.length > 0);
    expect(opened).toMatchObject({ threatId: 'espace-hmp', status: 'open' });
    expect(opened!.source).toMatch(/^alert:[0-9a-f]{16}$/);
    // Prometheus keeps the alert firing (and may send it again): still one incident.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await incidents()).toHaveLength(1);

    diskFull = 0;
    const [resolved] = await waitFor('incident resolved', (list) => list[0]?.status === 'resolved');
    expect(resolved!.id).toBe(opened!.id);
  }, 90_000);
});
