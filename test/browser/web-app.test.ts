import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { initialCheckMemory, shardOf } from '@vigie/core';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { markPage, wasNotReloaded } from './support/browser-session';
import { launchChromium } from './support/chromium';
import { screenshot, watchForProblems } from './support/page-checks';
import { startWebServer, TEST_PASSWORD, type WebServer } from './support/web-server';
import { measureInitialDownload } from './support/bundle-size';

const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 820, height: 1180 };
const INITIAL_JS_BUDGET_BYTES = 300 * 1024;

/** The web app served by a real Vigie, driven in Debian's Chromium as a person would. */
// A whole user journey per test: generous timeouts for a CI machine busy with other suites.
describe('web app in Chromium', { timeout: 90_000 }, () => {
  let server: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  /** A fresh browser profile (no cookie, no remembered language) with a watch on problems. */
  async function openPage(viewport = LAPTOP): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport,
      locale: 'fr-FR',
      reducedMotion: 'reduce',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, problems: watchForProblems(page) };
  }

  async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel(/^Mot de passe/).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/overview');
  }

  it('sends a visitor to sign in, shows a wrong password, then opens the overview', async () => {
    const { page, problems } = await openPage();
    await page.goto('/plan');
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await screenshot(page, '01-sign-in');

    await page.getByLabel('Adresse e-mail').fill(server.t.emailOf('admin'));
    await page.getByLabel(/^Mot de passe/).fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await screenshot(page, '02-sign-in-error');

    await page.getByLabel(/^Mot de passe/).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/plan');
    await page.getByRole('link', { name: 'Vue d’ensemble' }).click();
    await page.getByRole('heading', { name: 'Site de production — Douala' }).waitFor();
    // Each of the 13 assets shows its live state: its checks' state, or "not connected"
    // on a server without the monitoring API.
    await page.locator('[data-live-status]').nth(12).waitFor();
    expect(await page.locator('[data-live-status]').count()).toBe(13);
    // The seed plan's on-call schedule: its one person, an example to replace.
    const onCall = page
      .getByTestId('on-call-line')
      .locator('[data-schedule="astreinte-technique"][data-person="technicien-astreinte"]');
    await onCall.waitFor();
    expect((await onCall.innerText()).replace(/\s+/g, ' ').trim()).toMatch(
      /^D’astreinte : Technicien d'astreinte \(Astreinte technique\) jusqu’au .+ 08:00 EXEMPLE$/,
    );
    await screenshot(page, '03-overview');

    await page.getByRole('button', { name: /Compte de/ }).click();
    await page.getByTestId('account-role').getByText('Rôle : Administrateur').waitFor();
    await screenshot(page, '04-account-menu');
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/sign-in');
    expect(problems).toEqual([]);
  });

  it('follows a check going down on the overview at once, without reload or waiting for a refresh', async () => {
    const { page, problems } = await openPage();
    await signIn(page, server.t.emailOf('operator'));
    const crm = page.locator('[data-asset="crm-hermes"]');
    await crm.and(page.locator('[data-live-status="unknown"]')).waitFor();
    // The page listens to the live stream (the header says « En direct »).
    await page.locator('[data-stream="live"]').waitFor();
    await markPage(page);
    // What the scheduler does when the CRM's page stops answering: the state is written, then streamed.
    const at = Date.now();
    await server.t.store.transaction((tx) =>
      tx.checkStates.upsertMany([
        {
          checkId: 'crm-web',
          shard: shardOf('crm-web'),
          memory: {
            ...initialCheckMemory(),
            state: 'down',
            since: at,
            downRun: 3,
            notUpRun: 3,
            sameRun: 3,
            recent: 'ddd',
            lastStatus: 'down',
            lastAt: at,
          },
          lastLatencyMs: 10_000,
          lastMessage: 'No HTTP answer from https://crm.principal.mediacontact.example/ within 10 s',
          lastValues: {},
          updatedAt: at,
        },
      ]),
    );
    server.t.bus.publishChecks([{ checkId: 'crm-web', state: 'down' }]);
    // Well before the 30-second refresh: the live stream told the page.
    await crm.and(page.locator('[data-live-status="down"]')).waitFor({ timeout: 10_000 });
    expect(await crm.textContent()).toBe('En panne');
    expect(await wasNotReloaded(page)).toBe(true);
    await screenshot(page, '03b-overview-check-down');
    await server.t.store.transaction((tx) =>
      tx.checkStates.upsertMany([
        {
          checkId: 'crm-web',
          shard: shardOf('crm-web'),
          memory: initialCheckMemory(),
          lastLatencyMs: null,
          lastMessage: null,
          lastValues: {},
          updatedAt: Date.now(),
        },
      ]),
    );
    server.t.bus.publishChecks([{ checkId: 'crm-web', state: 'unknown' }]);
    await crm.and(page.locator('[data-live-status="unknown"]')).waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
  });

  it('shows the nine threats in the plan’s French words, then in English after one click', async () => {
    const { page, problems } = await openPage();
    await signIn(page, server.t.emailOf('operator'));
    await page.goto('/plan');
    const rows = page.getByTestId('threat-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(9);
    for (const header of ['Type d’incident', 'Causes possibles', 'Solution', 'Temps de résolution', 'Classe']) {
      await page.getByRole('columnheader', { name: header, exact: true }).waitFor();
    }
    const patch = page.locator('tr[data-threat="patch-hermes"]');
    expect(await patch.innerText()).toContain('Allant jusqu’à 4h de temps');
    expect(await patch.textContent()).toContain('Courte');
    expect(await page.locator('tr[data-threat="arret-service"]').innerText()).toContain('Non précisé');
    await screenshot(page, '05-plan-threats-fr');

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Incident type' }).waitFor();
    await page.getByRole('tab', { name: 'Escalation' }).waitFor();
    // The plan's own words stay as written; the interface around them changes language.
    expect(await patch.textContent()).toContain('Short');
    await page.reload();
    await page.getByRole('columnheader', { name: 'Incident type' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, '06-plan-threats-en');

    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('tab', { name: 'Escalade' }).click();
    await page.getByText('Au-delà de 60 min').waitFor();
    await page.getByText('Au-delà de 6 h').waitFor();
    await page.getByText('Compte rendu horaire de la cellule de crise').waitFor();
    await screenshot(page, '07-plan-escalation');
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts de OCM' }).waitFor();
    await screenshot(page, '08-plan-contacts');
    await page.getByRole('tab', { name: 'Sites' }).click();
    await page.getByText('Politique de synchronisation', { exact: true }).waitFor();
    await screenshot(page, '09-plan-sites');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByTestId('plan-versions').getByText('Active').waitFor();
    await screenshot(page, '10-plan-versions');
    expect(problems).toEqual([]);
  });

  it('plays a drill from the plan page: Patch Hermès for 7 hours, both steps at their times', async () => {
    const { page, problems } = await openPage();
    await signIn(page, server.t.emailOf('crisis-manager'));
    await page.goto('/plan?tab=drill');
    await page.getByLabel('Durée de la panne').fill('7h');
    await page.getByRole('button', { name: 'Lancer l’exercice' }).click();
    const table = page.getByTestId('drill-timeline');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('Résolution supérieure à 60 minutes');
    expect(text).toContain('Interruption de services supérieure à 6 heures');
    expect(text).toMatch(/\+6\s?h/u);
    expect(text).toContain('dsi.permanence@ocm.example');
    await screenshot(page, '10b-plan-drill');
    expect(problems).toEqual([]);
  });

  it('enrols an agent in administration, shows its token once, and revokes it', async () => {
    const { page, problems } = await openPage();
    await signIn(page, server.t.emailOf('admin'));
    await page.goto('/admin?tab=agents');
    await page.getByRole('button', { name: 'Enrôler un agent' }).click();
    await page.getByLabel('Identifiant').fill('hmp-principal');
    await page.getByLabel(/^Nom/).fill('Serveur HMP');
    await page.getByLabel('Équipements servis').first().click();
    await page.getByRole('option', { name: 'Serveur HMP (enregistrements audio)' }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, '15a-admin-agent-enrol');
    await page.getByRole('dialog').getByRole('button', { name: 'Enrôler un agent' }).click();
    const token = await page.getByTestId('agent-token').innerText();
    expect(token).toMatch(/^vga_/);
    await screenshot(page, '15b-admin-agent-token');
    await page.getByRole('button', { name: 'J’ai copié le jeton' }).click();
    const table = page.getByTestId('agents-table');
    await table.getByText('Jamais connecté').waitFor();
    await page.getByRole('button', { name: 'Révoquer l’agent Serveur HMP' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Révoquer' }).click();
    await table.getByText('Révoqué').waitFor();
    await screenshot(page, '15c-admin-agents');
    expect(problems).toEqual([]);
  });

  it('shows a broken plan’s error at its line, and refuses to load it', async () => {
    const { page, problems } = await openPage();
    await signIn(page, server.t.emailOf('admin'));
    const lines = SEED_PLAN_TEXT.split('\n');
    const brokenLine = lines.findIndex((line) => line.trim() === 'target: 4h') + 1;
    expect(brokenLine).toBeGreaterThan(0);
    const broken = lines.map((line, i) => (i + 1 === brokenLine ? line.replace('4h', 'quatre heures') : line));

    await page.goto('/plan?tab=upload');
    await page.getByLabel('Nom du fichier').fill('plan-casse.yaml');
    await page.getByLabel('Texte du plan (YAML)').fill(broken.join('\n'));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const error = page.locator(`[data-error-line="${brokenLine}"]`);
    await error.waitFor();
    expect(await error.innerText()).toContain(`Ligne ${brokenLine}, colonne`);
    expect(await error.innerText()).toContain('quatre heures');
    await screenshot(page, '11-plan-upload-error');

    const refusal = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/plan') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Charger et mettre en vigueur' }).click();
    expect((await refusal).status()).toBe(400);
    await page.locator(`[data-error-line="${brokenLine}"]`).waitFor();
    const versions = await server.t.request(server.t.as.admin, 'GET', '/api/v1/plan/versions');
    expect(versions.json()).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('creates a client user and an API token in administration; the client sees no administration', async () => {
    const { page, problems } = await openPage();
    await signIn(page, server.t.emailOf('admin'));
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByTestId('users-table').waitFor();
    await page.getByRole('button', { name: 'Créer un utilisateur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Adresse e-mail').fill('dsi.nouveau@ocm.example');
    await dialog.getByLabel('Nom').fill('DSI OCM');
    await dialog.getByLabel(/^Rôle/).click();
    await page.getByRole('option', { name: 'Client', exact: true }).click();
    await dialog.getByLabel(/^Client/).click();
    await page.getByRole('option', { name: 'OCM', exact: true }).click();
    await dialog.getByRole('button', { name: 'Générer un mot de passe' }).click();
    const password = await dialog.getByLabel(/^Mot de passe/).inputValue();
    expect(password).toHaveLength(20);
    await screenshot(page, '12-admin-create-user');
    await dialog.getByRole('button', { name: 'Créer un utilisateur' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('users-table').getByText('dsi.nouveau@ocm.example').waitFor();
    await screenshot(page, '13-admin-users');

    await page.getByRole('tab', { name: 'Jetons d’API' }).click();
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    await dialog.getByLabel('Nom du jeton').fill('supervision');
    await dialog.getByRole('button', { name: 'Créer un jeton' }).click();
    const token = await dialog.getByTestId('created-token').innerText();
    expect(token).toMatch(/^vgt_/);
    await screenshot(page, '14-admin-token-once');
    await dialog.getByRole('button', { name: 'J’ai copié le jeton' }).click();
    await page.getByRole('button', { name: 'Révoquer le jeton supervision' }).click();
    await dialog.getByRole('button', { name: 'Révoquer' }).click();
    await page.getByTestId('tokens-table').getByText('Révoqué').waitFor();
    await screenshot(page, '15-admin-tokens');
    // How Alertmanager and Prometheus use a token, with this server's own address.
    await page.getByRole('button', { name: 'Exemples : Alertmanager et Prometheus' }).click();
    const origin = new URL(page.url()).origin;
    expect(await page.getByTestId('alertmanager-example').innerText()).toContain(
      `url: ${origin}/api/v1/alerts/alertmanager`,
    );
    expect(await page.getByTestId('prometheus-example').innerText()).toContain(`targets: ['${new URL(origin).host}']`);
    expect(await page.getByTestId('prometheus-alerts-example').innerText()).toContain(
      'path_prefix: /api/v1/prometheus',
    );
    await screenshot(page, '15b-admin-token-examples');

    const client = await openPage();
    await signIn(client.page, 'dsi.nouveau@ocm.example', password);
    await client.page.getByRole('link', { name: 'Plan' }).waitFor();
    expect(await client.page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await screenshot(client.page, '16-client-overview');
    await client.page.goto('/admin');
    await client.page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await client.page.goto('/plan');
    await client.page.getByTestId('threat-table').waitFor();
    expect(await client.page.getByRole('tab', { name: 'Versions' }).count()).toBe(0);
    await screenshot(client.page, '17-client-plan');
    expect([...problems, ...client.problems]).toEqual([]);
  });

  it('can be used with the keyboard alone', async () => {
    const { page, problems } = await openPage();
    await page.goto('/sign-in');
    // The email field has the focus on arrival; Enter submits the form.
    await page.getByLabel('Adresse e-mail').waitFor();
    expect(await page.evaluate('document.activeElement.type')).toBe('email');
    await page.keyboard.type(server.t.emailOf('viewer'));
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/overview');
    await page.getByRole('heading', { name: 'Vue d’ensemble' }).waitFor();
    expect(await page.title()).toBe('Vue d’ensemble · Vigie');
    // The first Tab reaches the skip link, which moves the focus to the page itself.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.getByRole('link', { name: 'Plan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('threat-table').waitFor();
    await page.getByRole('tab', { name: 'Menaces' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByText('Au-delà de 60 min').waitFor();
    expect(problems).toEqual([]);
  });

  it('lays the pages out for a tablet', async () => {
    const { page, problems } = await openPage(TABLET);
    await signIn(page, server.t.emailOf('crisis-manager'));
    await page.getByTestId('on-call-line').waitFor();
    await screenshot(page, '18-tablet-overview');
    await page.goto('/plan');
    await page.getByTestId('threat-table').waitFor();
    await screenshot(page, '19-tablet-plan');
    expect(problems).toEqual([]);
  });

  it('marks a replacement on the overview’s on-call line, in French and in English', async () => {
    const now = server.t.clock.now();
    const created = await server.t.request(server.t.as.operator, 'POST', '/api/v1/on-call/overrides', {
      scheduleId: 'astreinte-technique',
      personId: 'admin-si',
      from: now,
      to: now + 2 * 86_400_000,
      reason: 'Congé du technicien',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { page, problems } = await openPage();
    await signIn(page, server.t.emailOf('viewer'));
    const line = page.getByTestId('on-call-line');
    const onCall = line.locator('[data-schedule="astreinte-technique"][data-person="admin-si"]');
    await onCall.waitFor();
    const text = async () => (await onCall.innerText()).replace(/\s+/g, ' ').trim();
    expect(await text()).toMatch(
      /^D’astreinte : Administrateur systèmes et réseaux \(Astreinte technique\) jusqu’au .+ REMPLACEMENT$/,
    );
    await screenshot(page, '03c-overview-on-call-replacement');

    await page.getByText('EN', { exact: true }).click();
    await line.getByRole('link', { name: 'See the on-call schedules' }).waitFor();
    expect(await text()).toMatch(
      /^On call: Administrateur systèmes et réseaux \(Astreinte technique\) until .+ REPLACEMENT$/,
    );
    await page.getByText('FR', { exact: true }).click();
    await line.getByRole('link', { name: 'Voir les astreintes' }).waitFor();
    const { id } = created.json() as { id: string };
    const removed = await server.t.request(server.t.as.operator, 'DELETE', `/api/v1/on-call/overrides/${id}`);
    expect(removed.statusCode).toBe(204);
    expect(problems).toEqual([]);
  });

  it('keeps the initial JavaScript under 300 KB gzipped', () => {
    const download = measureInitialDownload();
    console.log(JSON.stringify({ initialDownload: download }));
    expect(download.jsGzipBytes).toBeLessThan(INITIAL_JS_BUDGET_BYTES);
  });
});
