import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { initialCheckMemory, shardOf, UNMATCHED_ALERTS_KEPT_MS, type CheckResultRecord } from '@vigie/core';
import { launchChromium } from './support/chromium';
import { screenshot, watchForProblems } from './support/page-checks';
import { startWebServer, TEST_PASSWORD, type WebServer } from './support/web-server';

const MINUTE = 60_000;

/** The checks pages: every check with its state, then one check's availability and results. */
describe('checks in Chromium', { timeout: 90_000 }, () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchChromium();
    // The CRM's page over the last half hour: 27 up, one slow (degraded), two down at the end.
    const now = Date.now();
    const results: CheckResultRecord[] = Array.from({ length: 30 }, (_, i) => {
      const status = i >= 28 ? 'down' : i === 10 ? 'degraded' : 'up';
      return {
        checkId: 'crm-web',
        at: now - (30 - i) * MINUTE,
        status,
        latencyMs: status === 'down' ? 10_000 : status === 'degraded' ? 2_400 : 120 + i,
        message:
          status === 'down'
            ? 'No HTTP answer from https://crm.principal.mediacontact.example/ within 10 s'
            : `HTTP 200 OK from https://crm.principal.mediacontact.example/ after ${120 + i} ms`,
        values: {},
      };
    });
    // The HMP disk as its agent reported it, every minute: no response time to show.
    const disk: CheckResultRecord[] = Array.from({ length: 5 }, (_, i) => ({
      checkId: 'hmp-disque',
      at: now - (5 - i) * MINUTE,
      status: 'up',
      latencyMs: 0,
      message: 'disque D: : 46 % libre (seuil 15 %)',
      values: {},
    }));
    await server.t.store.transaction(async (tx) => {
      await tx.checkResults.insertMany([...results, ...disk]);
      await tx.checkStates.upsertMany([
        {
          checkId: 'crm-web',
          shard: shardOf('crm-web'),
          memory: {
            ...initialCheckMemory(),
            state: 'down',
            since: now - 2 * MINUTE,
            downRun: 2,
            notUpRun: 2,
            sameRun: 2,
            recent: 'uuudd',
            lastStatus: 'down',
            lastAt: now - MINUTE,
          },
          lastLatencyMs: 10_000,
          lastMessage: results.at(-1)!.message,
          lastValues: {},
          updatedAt: now,
        },
      ]);
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function openSignedIn(role: 'operator' | 'client' = 'operator'): Promise<{ page: Page; problems: string[] }> {
    context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1366, height: 900 },
      locale: 'fr-FR',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchForProblems(page);
    await page.goto('/sign-in');
    await page.getByLabel('Adresse e-mail').fill(server.t.emailOf(role));
    await page.getByLabel(/^Mot de passe/).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/overview');
    return { page, problems };
  }

  it('lists the checks, failing ones first, and opens one with its availability and latest results', async () => {
    const { page, problems } = await openSignedIn();
    await page.getByRole('link', { name: 'Vérifications' }).click();
    await page.waitForURL('**/checks');
    const table = page.getByTestId('checks-table');
    await table.waitFor();
    // The CRM's page is down: it comes first, with its last message.
    const first = table.locator('tbody tr').first();
    expect(await first.getAttribute('data-check')).toBe('crm-web');
    expect(await first.locator('[data-state]').getAttribute('data-state')).toBe('down');
    expect(await first.innerText()).toContain('No HTTP answer from https://crm.principal.mediacontact.example/');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(5);
    // Its availability over the last day, as on its own page: 28 of 30 results worked.
    const day = first.getByTestId('check-availability-24h');
    await day.waitFor();
    expect((await day.innerText()).replace(/\s/g, ' ')).toBe('Disponibilité 24 h : 93,33 %');
    await screenshot(page, '40-checks');

    await first.getByRole('link', { name: 'Interface web du CRM Hermès' }).click();
    await page.waitForURL('**/checks/crm-web');
    await page.getByRole('heading', { name: 'Interface web du CRM Hermès' }).waitFor();
    // 28 of 30 results worked (27 up, one degraded): 93.33 % over the day, the week, the month.
    const figures = page.getByTestId('availability-figure');
    await figures.first().filter({ hasText: '%' }).waitFor();
    expect((await figures.allInnerTexts()).map((text) => text.replace(/\s/g, ' '))).toEqual([
      '93,33 %',
      '93,33 %',
      '93,33 %',
    ]);
    expect(await page.getByTestId('availability').innerText()).toContain('Sur 30 résultats : dégradés 1, en panne 2');
    // One bar per result, the failures standing out, and the 20 latest listed, newest first.
    const strip = page.getByTestId('result-strip');
    expect(await strip.locator('[data-status]').count()).toBe(30);
    expect(await strip.locator('[data-status="down"]').count()).toBe(2);
    const rows = page.getByTestId('results-table').locator('tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await rows.first().locator('[data-status]').getAttribute('data-status')).toBe('down');
    expect(await rows.first().innerText()).toContain('10 s');
    await screenshot(page, '41-check-detail');

    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Availability over 24 hours').waitFor();
    await page.getByRole('link', { name: 'All checks' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('shows which checks planned work covers now, until when and why', async () => {
    const now = Date.now();
    const window = await server.t.request(server.t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'site',
      targetId: 'secours',
      from: now - MINUTE,
      to: now + 60 * MINUTE,
      reason: 'Bascule de test vers le site de secours',
    });
    expect(window.statusCode).toBe(201);
    try {
      const { page, problems } = await openSignedIn();
      await page.goto('/checks');
      const row = page.getByTestId('checks-table').locator('tr[data-check="synchro-secours"]');
      await row.getByTestId('check-maintenance').waitFor();
      expect(await row.getByTestId('check-maintenance').innerText()).toMatch(/^en maintenance\s+jusqu’au /i);
      expect(
        await page
          .getByTestId('checks-table')
          .locator('tr[data-check="crm-web"]')
          .getByTestId('check-maintenance')
          .count(),
      ).toBe(0);
      await screenshot(page, '40b-checks-maintenance');
      await page.goto('/checks/synchro-secours');
      const note = page.getByTestId('check-maintenance');
      await note.waitFor();
      expect(await note.innerText()).toMatch(/jusqu’au .+ : Bascule de test vers le site de secours$/);
      // The overview marks the asset beside its state, and only that one.
      await page.goto('/overview');
      const marked = page.locator('[data-asset-maintenance]');
      await marked.first().waitFor();
      expect(await marked.evaluateAll((badges) => badges.map((b) => b.getAttribute('data-asset-maintenance')))).toEqual(
        ['serveurs-secours'],
      );
      expect(await marked.first().getAttribute('title')).toMatch(/ : Bascule de test vers le site de secours$/);
      await screenshot(page, '40c-overview-maintenance');
      expect(problems).toEqual([]);

      // The client's own space says so of its service.
      const client = await openSignedIn('client');
      const service = client.page.getByTestId('service-status').locator('[data-service="serveurs-secours"]');
      await service.locator('[data-state="maintenance"]').getByText('En maintenance').waitFor();
      // Its checks' availability over the day comes from its client's figures.
      await client.page.goto('/checks');
      const day = client.page.locator('tr[data-check="crm-web"]').getByTestId('check-availability-24h');
      await day.waitFor();
      expect((await day.innerText()).replace(/\s/g, ' ')).toBe('Disponibilité 24 h : 93,33 %');
      expect(client.problems).toEqual([]);
    } finally {
      await server.t.request(
        server.t.as.operator,
        'DELETE',
        `/api/v1/maintenance/${(window.json() as { id: string }).id}`,
      );
    }
  });

  it('shows no response time for a check fed by an agent, and says how often it reports', async () => {
    const { page, problems } = await openSignedIn();
    await page.goto('/checks/hmp-disque');
    await page.getByRole('heading', { name: 'Espace libre du disque principal HMP' }).waitFor();
    expect(await page.getByText(/sonde agent, toutes les minutes$/).count()).toBe(1);
    const strip = page.getByTestId('result-strip');
    await strip.waitFor();
    expect(await strip.locator('[data-status="up"]').count()).toBe(5);
    expect(await strip.locator('svg').count()).toBe(0);
    expect(await strip.innerText()).not.toContain('Le plus lent');
    const table = page.getByTestId('results-table');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Heure', 'Résultat', 'Message de la sonde']);
    expect(await table.locator('tbody tr').first().innerText()).not.toContain('0 ms');
    // Its line in the list of checks has the time of its last report, with no latency either.
    await page.goto('/checks');
    const row = page.locator('[data-check="hmp-disque"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('toutes les minutes');
    expect(await row.innerText()).not.toMatch(/· 0 ms/);
    expect(problems).toEqual([]);
  });

  it('lists the inbound alerts that matched no threat, with why, under the checks', async () => {
    await server.t.store.transaction((tx) =>
      tx.unmatchedAlerts.record(
        [
          {
            key: '0123456789abcdef',
            alertname: 'UpsOnBattery',
            threatLabel: 'electricite',
            reason: 'unknown-threat',
            count: 3,
            labels: { alertname: 'UpsOnBattery', threat: 'electricite', instance: 'ups-1' },
            summary: 'Onduleur sur batterie',
          },
        ],
        server.t.clock.now(),
        server.t.clock.now() - UNMATCHED_ALERTS_KEPT_MS,
      ),
    );
    const { page, problems } = await openSignedIn();
    await page.goto('/checks');
    const panel = page.getByTestId('unmatched-alerts');
    await panel.getByRole('heading', { name: 'Alertes reçues sans menace' }).waitFor();
    const row = panel.locator('[data-alertname="UpsOnBattery"]');
    expect(await row.innerText()).toContain('L’étiquette threat « electricite » ne nomme aucune menace du plan');
    expect(await row.innerText()).toContain('instance="ups-1"');
    expect((await row.locator('td').nth(2).innerText()).trim()).toBe('3');
    await screenshot(page, '42-unmatched-alerts');
    // Seen to: taken off the list (it would come back if it fired again).
    await row.getByRole('button', { name: /^Retirer UpsOnBattery de la liste/ }).click();
    await panel.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('opens a check from its asset’s state on the overview', async () => {
    const { page, problems } = await openSignedIn();
    await page.locator('[data-asset="crm-hermes"][data-live-status="down"]').click();
    await page.waitForURL('**/checks/crm-web');
    await page.getByRole('heading', { name: 'Interface web du CRM Hermès' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('answers an unknown check with the page for what does not exist', async () => {
    const { page, problems } = await openSignedIn();
    await page.goto('/checks/no-such-check');
    await page.getByRole('heading', { name: /introuvable/i }).waitFor();
    expect(problems).toEqual([]);
  });
});
