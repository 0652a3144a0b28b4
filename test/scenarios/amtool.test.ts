import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { startAlertmanager } from '../support/peers/alertmanager';
import {
  createApiToken,
  listIncidents,
  signInTo,
  startVigieWithPlan,
  waitForIncidents,
  type PlanVigie,
} from '../support/vigie-session';

const run = promisify(execFile);
const DISK_FULL = { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182' };

/**
 * An Alertmanager user keeps `amtool` (Debian's, from prometheus-alertmanager): it adds,
 * lists and expires Vigie's silences — a silenced alert opens nothing until it expires —,
 * sends alerts and lists those firing.
 */
describe('silences and alerts through a real amtool', () => {
  let started: PlanVigie;
  let folder = '';
  let token = '';
  let cookie = '';

  beforeAll(async () => {
    started = await startVigieWithPlan(`${SEED_PLAN_TEXT}\ndetection:\n  groupWait: 1s\n`);
    const session = await signInTo(started.vigie.baseUrl, started.admin);
    cookie = session.cookie;
    token = await createApiToken(started.vigie.baseUrl, session, 'amtool');
    folder = mkdtempSync(join(tmpdir(), 'vigie-amtool-'));
    writeFileSync(join(folder, 'http.yml'), `authorization:\n  credentials: ${token}\n`);
  }, 60_000);

  afterAll(async () => {
    await started?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const amtool = async (...args: string[]) =>
    (
      await run('amtool', [
        `--alertmanager.url=${started.vigie.baseUrl}/api/v1/prometheus`,
        `--http.config.file=${join(folder, 'http.yml')}`,
        ...args,
      ])
    ).stdout.trim();

  const sendAlert = async (status: 'firing' | 'resolved') => {
    const response = await fetch(`${started.vigie.baseUrl}/api/v1/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ labels: DISK_FULL, status, summary: 'Disque C: du serveur HMP plein' }),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as { alerts: { threats: string[]; silencedBy?: string }[] };
  };

  it('adds a silence that mutes the alert, lists it, and expires it: the alert is heard again', async () => {
    const id = await amtool(
      'silence',
      'add',
      'alertname=HmpDiskFull',
      '--comment=Remplacement du disque',
      '--duration=2h',
    );
    expect(id).toMatch(/^\S+$/);

    const listed = JSON.parse(await amtool('silence', 'query', '-o', 'json')) as {
      id: string;
      status: { state: string };
      matchers: { name: string; value: string; isRegex: boolean }[];
      createdBy: string;
      comment: string;
    }[];
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        status: { state: 'active' },
        matchers: [expect.objectContaining({ name: 'alertname', value: 'HmpDiskFull', isRegex: false })],
        createdBy: expect.stringContaining('amtool'),
        comment: 'Remplacement du disque',
      }),
    ]);
    expect(await amtool('silence', 'query', '-q', 'alertname=HmpDiskFull')).toBe(id);
    expect(await amtool('silence', 'query', '-q', 'alertname=Other')).toBe('');

    expect((await sendAlert('firing')).alerts[0]).toMatchObject({ threats: [], silencedBy: id });
    // Past the plan's group wait (1 s), still nothing opened.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await listIncidents(started.vigie.baseUrl, { cookie })).toEqual([]);

    await amtool('silence', 'expire', id);
    expect(await amtool('silence', 'query', '-q')).toBe('');
    expect(await amtool('silence', 'query', '-q', '--expired')).toBe(id);

    expect((await sendAlert('firing')).alerts[0]).toMatchObject({ threats: ['espace-hmp'] });
    const [opened] = await waitForIncidents(started.vigie.baseUrl, { cookie }, 'incident opened', (l) => l.length > 0);
    expect(opened).toMatchObject({ threatId: 'espace-hmp', status: 'open' });
  }, 90_000);

  it('tells amtool why a silence is refused', async () => {
    const refused = amtool('silence', 'add', 'alertname=~".*"', '--comment=Tout', '--duration=1h');
    await expect(refused).rejects.toThrow(/mute every alert/);
  }, 30_000);

  it('sends an alert that opens its threat, and lists it among those firing until it is resolved', async () => {
    const labels = ['alertname=SipGatewayDown', 'threat=liaison-media-gateway', 'instance=mgw.principal'];
    await amtool('alert', 'add', ...labels, '--annotation=summary=La Media Gateway ne répond plus');
    const opened = await waitForIncidents(started.vigie.baseUrl, { cookie }, 'incident opened', (list) =>
      list.some((incident) => incident.threatId === 'liaison-media-gateway'),
    );
    expect(opened.find((incident) => incident.threatId === 'liaison-media-gateway')).toMatchObject({ status: 'open' });

    const firing = JSON.parse(await amtool('alert', 'query', '-o', 'json', 'alertname=SipGatewayDown')) as {
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }[];
    expect(firing).toEqual([
      expect.objectContaining({
        labels: { alertname: 'SipGatewayDown', threat: 'liaison-media-gateway', instance: 'mgw.principal' },
        annotations: { summary: 'La Media Gateway ne répond plus', vigie_threats: 'liaison-media-gateway' },
      }),
    ]);
    expect(JSON.parse(await amtool('alert', 'query', '-o', 'json', 'alertname=Other'))).toEqual([]);

    // An end in the past resolves it, as Prometheus' last sending of an alert does.
    await amtool('alert', 'add', ...labels, `--end=${new Date(Date.now() - 1_000).toISOString()}`);
    expect(JSON.parse(await amtool('alert', 'query', '-o', 'json', 'alertname=SipGatewayDown'))).toEqual([]);
  }, 90_000);

  it('moves the silences of a real Alertmanager to Vigie: amtool exports them there and imports them here', async () => {
    const alertmanager = await startAlertmanager(null, 'unused');
    try {
      const there = (...args: string[]) => run('amtool', [`--alertmanager.url=${alertmanager.url}`, ...args]);
      await there(
        'silence',
        'add',
        'alertname=UpsOnBattery',
        'site=~"principal|secours"',
        '--comment=Test onduleur',
        '--duration=3h',
      );
      await there('silence', 'add', 'alertname=Watchdog', '--comment=Bruit connu', '--duration=1d');
      const exported = join(folder, 'silences.json');
      writeFileSync(exported, (await there('silence', 'query', '-o', 'json')).stdout);

      await amtool('silence', 'import', exported);
      const imported = JSON.parse(await amtool('silence', 'query', '-o', 'json')) as {
        comment: string;
        matchers: { name: string; value: string; isRegex: boolean }[];
        status: { state: string };
      }[];
      const byComment = new Map(imported.map((silence) => [silence.comment, silence]));
      expect(byComment.get('Test onduleur')).toMatchObject({
        status: { state: 'active' },
        matchers: expect.arrayContaining([
          expect.objectContaining({ name: 'alertname', value: 'UpsOnBattery', isRegex: false }),
          expect.objectContaining({ name: 'site', value: 'principal|secours', isRegex: true }),
        ]),
      });
      expect(byComment.get('Bruit connu')).toMatchObject({ status: { state: 'active' } });

      // Imported, they mute here as they muted there.
      const response = await fetch(`${started.vigie.baseUrl}/api/v1/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ labels: { alertname: 'UpsOnBattery', site: 'secours', threat: 'energie' } }),
      });
      expect(((await response.json()) as { alerts: { silencedBy?: string }[] }).alerts[0]!.silencedBy).toBeDefined();
    } finally {
      await alertmanager.stop();
    }
  }, 90_000);
});
