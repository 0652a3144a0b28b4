import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { simulateUntil } from '../../packages/server/src/engine/simulate';
import { launchChromium } from './support/chromium';
import { BrowserSessions, openSignedIn as openPage } from './support/browser-session';
import { screenshot } from './support/page-checks';
import { startWebServer, type WebServer } from './support/web-server';

const PRINCIPAL = { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182' };
const SECOURS = { alertname: 'HmpDiskFull', instance: 'hmp.secours.mediacontact.example:9182' };

/** The incident room's detections and alerts: what opened the incident, what joined it, what recovered. */
describe('detections and alerts of an incident in Chromium', { timeout: 120_000 }, () => {
  let server: WebServer;
  let browser: Browser;
  let sessions: BrowserSessions;
  /** The disk incident the two alerts open. */
  let roomPath = '';

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, server.baseUrl);

    // Both disks fill up: the plan's threat `espace-hmp` matches both alerts.
    const posted = await server.t.request(server.t.as.operator, 'POST', '/api/v1/alerts', {
      alerts: [
        { labels: PRINCIPAL, summary: 'Disque C: plein' },
        { labels: SECOURS, summary: 'Disque D: plein' },
      ],
    });
    expect(posted.statusCode).toBe(202);
    expect(posted.json()).toMatchObject({ matched: 2 });
    // The group wait passes: one incident opens with both alerts.
    const { t } = server;
    await simulateUntil(t.engine, t.clock, t.store, t.clock.now() + 11_000);
    const incidents = (await t.request(t.as.operator, 'GET', '/api/v1/incidents')).json() as {
      id: string;
      threatId: string;
    }[];
    expect(incidents.map((incident) => incident.threatId)).toEqual(['espace-hmp']);
    roomPath = `/incidents/${incidents[0]!.id}`;
  }, 180_000);

  afterAll(async () => {
    await sessions?.closeAll();
    await browser?.close();
    await server?.close();
  });

  /** A page signed in as `role`, and the paths it has requested. */
  const openSignedIn = (role: 'operator' | 'viewer' | 'client') => openPage(sessions, server.t.emailOf(role));

  const rowOf = (page: Page, instance: string) =>
    page
      .getByTestId('signals-table')
      .locator('tbody tr')
      .filter({ has: page.getByText(`instance="${instance}"`, { exact: true }) });

  it('lists both alerts with their labels, follows a recovery live, and prefills a silence', async () => {
    const { page } = await openSignedIn('operator');
    await page.goto(roomPath);
    const panel = page.getByTestId('signals');
    await panel.getByRole('heading', { name: 'Détections et alertes (2)' }).waitFor();
    expect(await panel.locator('tbody tr').count()).toBe(2);

    const opener = panel.locator('tbody tr[data-status="opened"]');
    const attached = panel.locator('tbody tr[data-status="attached"]');
    expect(await opener.count()).toBe(1);
    expect(await attached.count()).toBe(1);
    for (const row of [opener, attached]) {
      expect(await row.getByTestId('signal-name').innerText()).toBe('HmpDiskFull');
      expect(await row.innerText()).toContain('Alerte');
      expect(await row.innerText()).toContain('En cours');
      expect(await row.getByTestId('signal-label').count()).toBe(1);
    }
    expect(await opener.innerText()).toContain('A ouvert l’incident');
    expect(await opener.innerText()).not.toContain('Rattachée');
    expect(await attached.innerText()).toContain('Rattachée');
    const openerLabel = await opener.getByTestId('signal-label').innerText();
    const attachedLabel = await attached.getByTestId('signal-label').innerText();
    expect([openerLabel, attachedLabel].sort()).toEqual([
      `instance="${PRINCIPAL.instance}"`,
      `instance="${SECOURS.instance}"`,
    ]);
    const message = (labels: typeof PRINCIPAL) => (labels === PRINCIPAL ? 'Disque C: plein' : 'Disque D: plein');
    const [openerLabels, liveLabels] =
      openerLabel === `instance="${PRINCIPAL.instance}"` ? [PRINCIPAL, SECOURS] : [SECOURS, PRINCIPAL];
    expect(await opener.innerText()).toContain(message(openerLabels));

    // The alert that opened the incident is resolved: the row follows without reload, and
    // still says it opened the incident.
    const resolved = await server.t.request(server.t.as.operator, 'POST', '/api/v1/alerts', {
      labels: openerLabels,
      status: 'resolved',
    });
    expect(resolved.statusCode).toBe(202);
    const recovered = rowOf(page, openerLabels.instance);
    await panel.locator('tbody tr[data-status="recovered"]').waitFor();
    expect(await recovered.innerText()).toMatch(/Rétablie le \d/);
    expect(await recovered.innerText()).toContain('A ouvert l’incident');
    expect(await recovered.getByRole('button', { name: /^Mettre en silence/ }).count()).toBe(0);
    const live = rowOf(page, liveLabels.instance);
    expect(await live.innerText()).toContain('En cours');
    expect(await live.innerText()).toContain('Rattachée');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, '45-incident-signals');

    // The live alert is noisy: muted from the room, its labels already written.
    await live.getByRole('button', { name: /^Mettre en silence/ }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Correspondances').inputValue()).toBe(
      `alertname="HmpDiskFull", instance="${liveLabels.instance}"`,
    );
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(sessions.seen()).toEqual([]);
  });

  it('shows the panel to a viewer without the silence button, and nothing to a client', async () => {
    const viewer = await openSignedIn('viewer');
    await viewer.page.goto(roomPath);
    const panel = viewer.page.getByTestId('signals');
    await panel.getByRole('heading', { name: 'Détections et alertes (2)' }).waitFor();
    expect(await panel.locator('tbody tr').count()).toBe(2);
    expect(await panel.getByRole('button', { name: /^Mettre en silence/ }).count()).toBe(0);

    const client = await openSignedIn('client');
    await client.page.goto(roomPath);
    await client.page.getByRole('heading', { level: 1, name: 'Indisponibilité d’espace sur le serveur HMP' }).waitFor();
    expect(await client.page.getByTestId('signals').count()).toBe(0);
    expect(client.requests.filter((path) => path.startsWith('/api/v1/signals'))).toEqual([]);
    expect(sessions.seen()).toEqual([]);
  });
});
