import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { UNMATCHED_ALERTS_KEPT_MS } from '@vigie/core';
import { launchChromium } from './support/chromium';
import { BrowserSessions, openSignedIn as openPage } from './support/browser-session';
import { screenshot } from './support/page-checks';
import { startWebServer, type WebServer } from './support/web-server';

const HOUR = 3_600_000;
const DISK_FULL = { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182' };

/** Silences on the checks page: created and lifted by operators, read by the contact centre. */
describe('silences in Chromium', { timeout: 120_000 }, () => {
  let server: WebServer;
  let browser: Browser;
  let sessions: BrowserSessions;

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, server.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await sessions?.closeAll();
    await browser?.close();
    await server?.close();
  });

  /** A page signed in as `role`, and the paths it has requested. */
  const openSignedIn = (role: 'operator' | 'viewer' | 'client') => openPage(sessions, server.t.emailOf(role));

  it('lets an operator silence alerts through the form, counts what it mutes, and lift it', async () => {
    const { page } = await openSignedIn('operator');
    await page.goto('/checks');
    const panel = page.getByTestId('silences');
    await panel.getByRole('heading', { name: 'Silences' }).waitFor();
    await panel.getByTestId('no-silence').waitFor();

    await panel.getByRole('button', { name: 'Nouveau silence' }).click();
    const dialog = page.getByRole('dialog');
    const matchers = dialog.getByLabel('Correspondances');
    // A comma forgotten: read in the browser, the mistake shows under the field with its column.
    await matchers.fill('alertname="HmpDiskFull" instance=~"hmp.*"');
    await dialog.getByLabel('Motif').fill('Remplacement du disque de la HMP');
    await dialog.getByRole('button', { name: 'Mettre en silence' }).click();
    await dialog.getByText('Écriture non reconnue (column 25: expected `,` between matchers)').waitFor();
    // Well written but matching every alert: the server refuses, and says why in the dialog.
    await matchers.fill('instance=~".*"');
    await dialog.getByRole('button', { name: 'Mettre en silence' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/at least one matcher must not match an empty label/)
      .waitFor();
    await screenshot(page, '43-silence-form');

    await matchers.fill('alertname="HmpDiskFull", instance=~"hmp.*"');
    await dialog.getByLabel('Durée').click();
    await page.getByRole('option', { name: '4 h', exact: true }).click();
    await dialog.getByRole('button', { name: 'Mettre en silence' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = panel.getByTestId('current-silences').locator('tbody tr');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('active');
    expect(await row.locator('code').allInnerTexts()).toEqual(['alertname="HmpDiskFull"', 'instance=~"hmp.*"']);
    const text = await row.innerText();
    expect(text).toMatch(/^actif$/im);
    expect(text).toMatch(/jusqu’au /);
    expect(text).toContain('Remplacement du disque de la HMP');
    expect(text).toContain(`par ${server.t.emailOf('operator')}`);
    expect(text).toContain('Aucune alerte mise en silence');
    const id = await row.getAttribute('data-silence');

    // The disk fills up: the alert matches the plan's threat, but the silence mutes it.
    const alert = await server.t.request(server.t.as.operator, 'POST', '/api/v1/alerts', {
      labels: DISK_FULL,
      summary: 'Disque plein',
    });
    expect(alert.statusCode).toBe(202);
    expect(alert.json()).toMatchObject({ alerts: [{ silencedBy: id }] });
    await page.reload();
    await row
      .getByTestId('silence-muted')
      .getByText(/^1 alerte mise en silence, le /)
      .waitFor();
    await screenshot(page, '44-silences');

    await row.getByRole('button', { name: /^Lever le silence alertname="HmpDiskFull"/ }).click();
    await panel.getByTestId('no-silence').waitFor();
    await panel.getByRole('button', { name: 'Afficher le silence expiré cette semaine' }).click();
    const expired = panel.getByTestId('expired-silences').locator('tbody tr');
    expect(await expired.getAttribute('data-state')).toBe('expired');
    expect(await expired.innerText()).toMatch(/^expiré\s+terminé le /im);
    expect(await expired.innerText()).toContain('1 alerte mise en silence');
    // No « Lever » nor « Prolonger » on it: « Recréer » opens the form with its matchers and reason.
    expect(await expired.getByRole('button').allInnerTexts()).toEqual(['Recréer']);
    await expired.getByRole('button', { name: /^Recréer le silence alertname="HmpDiskFull"/ }).click();
    const again = page.getByRole('dialog');
    expect(await again.getByLabel('Correspondances').inputValue()).toBe('alertname="HmpDiskFull", instance=~"hmp.*"');
    expect(await again.getByLabel('Motif').inputValue()).toBe('Remplacement du disque de la HMP');
    await again.getByRole('button', { name: 'Annuler' }).click();
    await again.waitFor({ state: 'detached' });
    expect(sessions.seen()).toEqual([]);
  });

  it('opens the form from an unmatched alert, its alertname already written', async () => {
    await server.t.store.transaction((tx) =>
      tx.unmatchedAlerts.record(
        [
          {
            key: 'fedcba9876543210',
            alertname: 'UpsOnBattery',
            threatLabel: null,
            reason: 'no-rule',
            count: 2,
            labels: { alertname: 'UpsOnBattery', instance: 'ups-1' },
            summary: 'Onduleur sur batterie',
          },
        ],
        server.t.clock.now(),
        server.t.clock.now() - UNMATCHED_ALERTS_KEPT_MS,
      ),
    );
    const { page } = await openSignedIn('operator');
    await page.goto('/checks');
    const row = page.getByTestId('unmatched-alerts').locator('[data-alertname="UpsOnBattery"]');
    await row.getByRole('button', { name: 'Mettre en silence les alertes UpsOnBattery' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Correspondances').inputValue()).toBe('alertname="UpsOnBattery"');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(sessions.seen()).toEqual([]);
  });

  it('shows the silences to a viewer without the operators’ buttons, and not at all to a client', async () => {
    const created = await server.t.request(server.t.as.operator, 'POST', '/api/v1/silences', {
      matchers: [{ name: 'alertname', value: 'MgwSipDown' }],
      endsAt: server.t.clock.now() + 2 * HOUR,
      comment: 'Migration de la Media Gateway',
    });
    expect(created.statusCode).toBe(201);

    const viewer = await openSignedIn('viewer');
    await viewer.page.goto('/checks');
    const panel = viewer.page.getByTestId('silences');
    const row = panel
      .getByTestId('current-silences')
      .locator('tbody tr')
      .filter({ hasText: 'Migration de la Media Gateway' });
    await row.waitFor();
    expect(await row.locator('code').allInnerTexts()).toEqual(['alertname="MgwSipDown"']);
    expect(await panel.getByRole('button', { name: 'Nouveau silence' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Lever/ }).count()).toBe(0);
    expect(sessions.seen()).toEqual([]);

    const client = await openSignedIn('client');
    await client.page.goto('/checks');
    await client.page.getByTestId('checks-table').waitFor();
    expect(await client.page.getByTestId('silences').count()).toBe(0);
    expect(client.requests.filter((path) => path.startsWith('/api/v1/silences'))).toEqual([]);
    expect(sessions.seen()).toEqual([]);
  });

  it('tells everyone inside, on the overview, that a silence is under way, and not a client', async () => {
    const created = await server.t.request(server.t.as.operator, 'POST', '/api/v1/silences', {
      matchers: [{ name: 'alertname', value: 'OnduleurSurBatterie' }],
      endsAt: server.t.clock.now() + HOUR,
      comment: 'Test de l’onduleur',
    });
    expect(created.statusCode).toBe(201);
    const viewer = await openSignedIn('viewer');
    const notice = viewer.page.getByTestId('active-silences');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/silences? en cours/);
    expect(await notice.locator('code').allInnerTexts()).toContain('alertname="OnduleurSurBatterie"');
    expect(await notice.innerText()).toContain('Test de l’onduleur');
    await screenshot(viewer.page, '46-overview-active-silences');
    await notice.getByRole('link', { name: /Voir les? silences?/ }).click();
    await viewer.page.waitForURL('**/checks');
    await viewer.page.getByTestId('silences').waitFor();

    const client = await openSignedIn('client');
    await client.page.getByRole('heading', { name: /Espace/ }).waitFor();
    expect(await client.page.getByTestId('active-silences').count()).toBe(0);
    expect(client.requests.filter((path) => path.startsWith('/api/v1/silences'))).toEqual([]);
    expect(sessions.seen()).toEqual([]);
  });

  it('shows, while matchers are written, the alerts firing now that the silence would mute', async () => {
    const labels = { alertname: 'HmpDiskFull', instance: 'hmp.secours.mediacontact.example:9182' };
    const fired = await server.t.request(server.t.as.operator, 'POST', '/api/v1/alerts', {
      labels,
      summary: 'Disque D: plein',
    });
    expect(fired.json().alerts[0].threats).toEqual(['espace-hmp']);

    const { page } = await openSignedIn('operator');
    await page.goto('/checks');
    await page.getByTestId('silences').getByRole('button', { name: 'Nouveau silence' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Correspondances').fill('alertname="HmpDiskFull", instance=~"hmp\\.secours.*"');
    const preview = dialog.getByTestId('silence-firing');
    await preview.getByText(/^1 alerte en cours correspond/).waitFor();
    expect(await preview.innerText()).toContain(`{alertname="HmpDiskFull", instance="${labels.instance}"}`);
    await screenshot(page, '47-silence-form-firing');
    await dialog.getByLabel('Correspondances').fill('alertname="SipGatewayDown"');
    await preview.getByText('Aucune alerte en cours ne correspond.').waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(sessions.seen()).toEqual([]);

    await server.t.request(server.t.as.operator, 'POST', '/api/v1/alerts', { labels, status: 'resolved' });
  });

  it('lets an operator extend a silence by an hour', async () => {
    const created = await server.t.request(server.t.as.operator, 'POST', '/api/v1/silences', {
      matchers: [{ name: 'alertname', value: 'GroupeElectrogeneEnDefaut' }],
      endsAt: server.t.clock.now() + HOUR,
      comment: 'Entretien du groupe électrogène',
    });
    const { id, endsAt } = created.json() as { id: string; endsAt: number };
    const { page } = await openSignedIn('operator');
    await page.goto('/checks');
    const row = page.getByTestId('current-silences').locator(`tr[data-silence="${id}"]`);
    const before = await row.innerText();
    await row
      .getByRole('button', { name: 'Prolonger d’une heure le silence alertname="GroupeElectrogeneEnDefaut"' })
      .click();
    await page.getByText(/^Silence prolongé jusqu’au /).waitFor();
    await expect.poll(() => row.innerText()).not.toBe(before);
    const listed = (await server.t.request(server.t.as.viewer, 'GET', `/api/v1/silences/${id}`)).json() as {
      endsAt: number;
    };
    // An hour more than it had, counted from its end (the browser's clock may run ahead of the server's).
    expect(listed.endsAt).toBeGreaterThanOrEqual(endsAt + HOUR);
    expect(sessions.seen()).toEqual([]);
  });
});
