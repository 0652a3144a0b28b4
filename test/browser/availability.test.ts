import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CheckResultRecord } from '@vigie/core';
import { launchChromium } from './support/chromium';
import { BrowserSessions, signIn } from './support/browser-session';
import { screenshot } from './support/page-checks';
import { startWebServer, type WebServer } from './support/web-server';

const HOUR = 3_600_000;

/** The availability report: a client's, a site's or an asset's, over a period, check by check. */
describe('availability report in Chromium', { timeout: 90_000 }, () => {
  let server: WebServer;
  let browser: Browser;
  let sessions: BrowserSessions;

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, server.baseUrl);
    // Over the last 100 hours: the CRM's page 90 up, 5 slow, 5 down; the gateway always up.
    const now = server.t.clock.now();
    const results: CheckResultRecord[] = [];
    for (let i = 0; i < 100; i++) {
      const at = now - (100 - i) * HOUR;
      const crm = i < 5 ? 'down' : i < 10 ? 'degraded' : 'up';
      results.push({ checkId: 'crm-web', at, status: crm, latencyMs: 100, message: `HTTP ${crm}`, values: {} });
      results.push({ checkId: 'media-gateway-sip', at, status: 'up', latencyMs: 3, message: 'SIP 200', values: {} });
    }
    await server.t.store.transaction((tx) => tx.checkResults.insertMany(results));
  }, 180_000);

  afterAll(async () => {
    await sessions?.closeAll();
    await browser?.close();
    await server?.close();
  });

  async function signedIn(role: 'operator' | 'client'): Promise<Page> {
    const page = await sessions.open();
    await signIn(page, server.t.emailOf(role));
    return page;
  }

  const figure = async (page: Page) => (await page.getByTestId('report-availability').innerText()).replace(/\s/g, ' ');
  const row = (page: Page, checkId: string) => page.getByTestId('report-checks').locator(`[data-check="${checkId}"]`);

  it('reports a client’s availability over 30 days, then an asset’s, then chosen days', async () => {
    const page = await signedIn('operator');
    await page.getByRole('link', { name: 'Disponibilité' }).click();
    await page.waitForURL('**/availability');
    await page.getByTestId('availability-report').waitFor();
    // OCM's checks with results: the CRM's page 95 % (degraded counts as working), the gateway 100 %.
    expect(await figure(page)).toBe('97,5 %');
    expect((await row(page, 'crm-web').innerText()).replace(/\s+/g, ' ')).toContain('95 % 90 5 5 100');
    expect((await row(page, 'media-gateway-sip').innerText()).replace(/\s+/g, ' ')).toContain('100 % 100 0 0 100');
    await screenshot(page, '45-availability');
    // The same as a CSV file a French spreadsheet opens.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^disponibilite-client-ocm-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      '\ufeffVérification;Disponibilité (%);Entièrement en service (%);En service;Dégradés;En panne;Résultats',
    );
    expect(csv).toContain('Interface web du CRM Hermès;95,00;90,00;90;5;5;100');
    expect(csv).toContain('OCM;97,50;95,00;190;5;5;200');

    await page.getByTestId('availability-scope').getByText('Équipement', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Lequel' }).click();
    await page.getByRole('option', { name: 'CRM Hermès', exact: true }).click();
    await page.getByTestId('report-checks').locator('[data-check="crm-web"]').waitFor();
    expect(await figure(page)).toBe('95 %');

    // One check alone.
    await page.getByTestId('availability-scope').getByText('Vérification', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Lequel' }).click();
    await page.getByRole('option', { name: 'Réponse SIP de la Media Gateway', exact: true }).click();
    await page.getByTestId('report-checks').locator('[data-check="media-gateway-sip"]').waitFor();
    expect(await figure(page)).toBe('100 %');
    await page.getByTestId('availability-scope').getByText('Équipement', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Lequel' }).click();
    await page.getByRole('option', { name: 'CRM Hermès', exact: true }).click();
    await page.getByTestId('report-checks').locator('[data-check="crm-web"]').waitFor();

    // The last two days only: the CRM's page was up all along.
    await page.getByRole('combobox', { name: 'Période' }).click();
    await page.getByRole('option', { name: 'Jours choisis' }).click();
    const today = new Date(server.t.clock.now() + HOUR).toISOString().slice(0, 10);
    const yesterday = new Date(server.t.clock.now() + HOUR - 24 * HOUR).toISOString().slice(0, 10);
    await page.getByLabel('Du', { exact: true }).fill(yesterday);
    await page.getByLabel('Au (inclus)').fill(today);
    await page
      .getByTestId('availability-report')
      .getByText(/^Du .* au /)
      .waitFor();
    await expect.poll(() => figure(page)).toBe('100 %');
    // Days given backwards are refused with a word, not a failed request.
    await page.getByLabel('Du', { exact: true }).fill(today);
    await page.getByLabel('Au (inclus)').fill(yesterday);
    await page.getByText('Choisissez un premier jour qui ne vient pas après le dernier.').waitFor();
    expect(sessions.seen()).toEqual([]);
  });

  it('opens a check’s report from its page, the choice kept in the address', async () => {
    const page = await signedIn('operator');
    await page.goto('/checks/crm-web');
    await page.getByRole('link', { name: /Disponibilité sur une autre période/ }).click();
    await page.waitForURL('**/availability?scope=check&id=crm-web');
    await page.getByTestId('report-checks').locator('[data-check="crm-web"]').waitFor();
    expect(await figure(page)).toBe('95 %');
    await page.getByRole('combobox', { name: 'Période' }).click();
    await page.getByRole('option', { name: 'Mois dernier' }).click();
    await page.waitForURL('**/availability?scope=check&id=crm-web&period=last-month');
    // The same address opened afresh gives the same report.
    await page.reload();
    // The choices fill in once the plan is read again: waited for, not read at once.
    await expect.poll(() => page.getByRole('combobox', { name: 'Période' }).inputValue()).toBe('Mois dernier');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Lequel' }).inputValue())
      .toBe('Interface web du CRM Hermès');
    expect(sessions.seen()).toEqual([]);
  });

  it('shows a client user its own client’s availability, or one of its checks, and nothing else', async () => {
    const page = await signedIn('client');
    await page.goto('/availability');
    await page.getByTestId('availability-report').waitFor();
    expect(await figure(page)).toBe('97,5 %');
    const scopes = page.getByTestId('availability-scope');
    expect(await scopes.getByText('Équipement', { exact: true }).count()).toBe(0);
    expect(await scopes.getByText('Site', { exact: true }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Lequel' }).click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['OCM']);
    await page.keyboard.press('Escape');
    await scopes.getByText('Vérification', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Lequel' }).click();
    // Its own checks only: the HMP server serves no client.
    await page.getByRole('option', { name: 'Interface web du CRM Hermès', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: 'Espace libre du disque principal HMP' }).count()).toBe(0);
    await page.getByRole('option', { name: 'Interface web du CRM Hermès', exact: true }).click();
    await page.getByTestId('report-checks').locator('[data-check="crm-web"]').waitFor();
    expect(await figure(page)).toBe('95 %');
    expect(sessions.seen()).toEqual([]);
  });
});
