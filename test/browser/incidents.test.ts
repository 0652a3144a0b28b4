import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink';
import { BrowserSessions, markPage, signIn, TABLET, wasNotReloaded } from './support/browser-session';
import { launchChromium } from './support/chromium';
import { screenshot } from './support/page-checks';
import { planWithTwoClients } from './support/plans';
import { startWebServer, type WebServer } from './support/web-server';

const MINUTE = 60_000;

/** What a locator shows, its spaces (Intl's no-break ones among them) made plain. */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Following an incident in the browser, from its opening to its closure, as the people
 * of the plan would: the operator, the crisis manager on another screen, the client's IT
 * in its portal, and anyone holding the client's status page link.
 */
// Whole journeys per test: generous timeouts for a CI machine busy with other suites.
describe('incidents in Chromium', { timeout: 120_000 }, () => {
  const smtp = new SmtpSink();
  let server: WebServer;
  let browser: Browser;
  let sessions: BrowserSessions;
  /** The Patch Hermès incident the journey follows, once opened. */
  let hermesPath = '';

  beforeAll(async () => {
    await smtp.start();
    server = await startWebServer({
      planText: planWithTwoClients(),
      smtpUrl: `smtp://127.0.0.1:${smtp.port}?from=vigie@example.org`,
      engine: true,
    });
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, server.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await sessions?.closeAll();
    await browser?.close();
    await server?.close();
    await smtp.stop();
  });

  const api = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const response = await server.t.request(server.t.as.operator, method, url, body);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.statusCode === 204 ? null : response.json();
  };

  it('opens Patch Hermès from the plan: the 60-minute step fires at once, and another screen sees it live', async () => {
    const watcher = await sessions.open();
    await signIn(watcher, server.t.emailOf('crisis-manager'));
    await watcher.getByTestId('no-open-incident').waitFor();
    await markPage(watcher);

    const operator = await sessions.open();
    await signIn(operator, server.t.emailOf('operator'));
    await operator.getByRole('link', { name: 'Plan', exact: true }).click();
    await operator.getByRole('button', { name: 'Ouvrir un incident : Patch Hermès' }).click();
    const dialog = operator.getByRole('dialog');
    expect(await dialog.getByLabel(/^Menace/).inputValue()).toBe('Patch Hermès');
    await dialog.getByLabel('Cause (facultatif)').fill('Mise à jour du CRM par le fournisseur en cours');
    await dialog.getByLabel('Rétablissement prévu dans (facultatif)').fill('3h');
    await screenshot(operator, '20-open-incident-from-plan');
    await dialog.getByRole('button', { name: 'Ouvrir l’incident' }).click();
    await operator.waitForURL(/\/incidents\/[^/]+$/);
    hermesPath = new URL(operator.url()).pathname;

    // Patch Hermès takes up to 4 h: more than 60 minutes, so the step fires at opening.
    const timeline = operator.getByTestId('timeline');
    await timeline.locator('[data-kind="step"]', { hasText: 'Résolution supérieure à 60 minutes' }).waitFor();
    await timeline.locator('[data-kind="crisis-cell"]', { hasText: 'Mise en place de la cellule de crise' }).waitFor();
    await timeline
      .locator('[data-kind="duty"]', { hasText: 'Call conférence avec le service informatique OCM' })
      .waitFor();
    await operator.getByTestId('cause').getByText('Mise à jour du CRM par le fournisseur en cours').waitFor();
    // Whoever runs the incident sees whom to call: the seed plan's one on-call schedule.
    const onCallInRoom = operator.locator('header').getByTestId('on-call-line');
    await onCallInRoom.locator('[data-person="technicien-astreinte"]').waitFor();
    expect(await textOf(onCallInRoom)).toBe(
      "D’astreinte maintenant : Technicien d'astreinte (Astreinte technique) +237 600 000 102",
    );
    expect(await operator.getByTestId('next-escalation').innerText()).toContain(
      'Interruption de services supérieure à 6 heures',
    );
    // The engine delivers the invitations through SMTP; the timeline follows without reload.
    await markPage(operator);
    await timeline.locator('[data-delivery="sent"]').first().waitFor();
    expect(await wasNotReloaded(operator)).toBe(true);
    // The invitation to the conference call (a calendar attached) may follow the first mail sent.
    await smtp.waitForMail((mail) => mail.calendar !== null);
    await screenshot(operator, '21-incident-room-timeline');

    // The crisis manager's overview, left open, shows the incident with its clock.
    const row = watcher.getByTestId('open-incidents').locator('tbody tr');
    await row.filter({ hasText: 'Patch Hermès' }).waitFor();
    expect(await row.locator('[data-status="open"]').count()).toBe(1);
    expect(await watcher.getByTestId('recent-events').innerText()).toContain('Patch Hermès');
    // Near the top of the overview: who is on call until the weekly hand-over (Monday, 08:00).
    const onCall = watcher.getByTestId('on-call-line');
    await onCall.locator('[data-person="technicien-astreinte"]').waitFor();
    expect(await textOf(onCall)).toMatch(
      /^D’astreinte : Technicien d'astreinte \(Astreinte technique\) jusqu’au .+ 08:00 Voir les astreintes$/,
    );
    expect(await onCall.getByRole('link', { name: 'Voir les astreintes' }).getAttribute('href')).toBe('/on-call');
    expect(await wasNotReloaded(watcher)).toBe(true);
    await screenshot(watcher, '22-overview-live');

    await operator.getByRole('tab', { name: /Messages envoyés/ }).click();
    await operator.getByTestId('notifications-table').getByText('Envoyé').first().waitFor();
    await screenshot(operator, '23-incident-notifications');
    await operator.getByRole('tab', { name: 'Cellule de crise' }).click();
    await operator.getByTestId('crisis-cell').getByText('Responsable de la cellule').waitFor();
    expect(sessions.seen()).toEqual([]);
  });

  it('posts a SITREP once it is overdue, moves an action across the board, and sees the 6-hour step arrive live', async () => {
    expect(hermesPath).not.toBe('');
    const page = await sessions.open();
    await signIn(page, server.t.emailOf('crisis-manager'));
    await page.goto(`${hermesPath}?tab=crisis`);
    await page.getByTestId('next-sitrep').waitFor();
    expect(await page.getByTestId('next-sitrep').getAttribute('data-overdue')).toBe('false');
    await markPage(page);

    // 75 minutes pass without a report: it falls due, then overdue, on this screen as it happens.
    server.t.clock.advance(75 * MINUTE);
    await page.locator('[data-testid="next-sitrep"][data-overdue="true"]').waitFor();
    await page.getByRole('tab', { name: /Cellule de crise.*En retard/ }).waitFor();
    await screenshot(page, '24-sitrep-overdue');

    await page.getByLabel(/^Situation/).fill('Le CRM Hermès est indisponible pour les agents.');
    await page.getByLabel(/^Actions en cours/).fill('Le fournisseur applique le correctif.');
    await page.getByLabel(/^Prochaines étapes/).fill('Tests avec deux agents, puis réouverture.');
    await page.getByRole('button', { name: 'Publier le point de situation' }).click();
    const history = page.getByTestId('sitrep-history');
    await history.getByText('Point n° 1').waitFor();
    await history.getByText('Le fournisseur applique le correctif.').waitFor();
    await page.locator('[data-testid="next-sitrep"][data-overdue="false"]').waitFor();
    await screenshot(page, '25-sitrep-posted');

    await page.getByRole('tab', { name: /Plan d’action/ }).click();
    // The tab changes in a transition: the crisis cell's form ("Actions en cours") may still be
    // on screen for a moment, so the fields are looked for inside the board's own form.
    const addForm = page.getByRole('form', { name: 'Ajouter l’action' });
    await addForm.getByLabel(/^Action/).fill('Relancer le fournisseur du CRM');
    await addForm.getByLabel('Responsable').fill('Technicien d’astreinte');
    await addForm.getByRole('button', { name: 'Ajouter l’action' }).click();
    const board = page.getByTestId('action-board');
    const card = (column: string) =>
      board.locator(`[data-column="${column}"] [data-item="Relancer le fournisseur du CRM"]`);
    await card('todo').waitFor();
    // The board is used with the keyboard as well: each move is a labelled button.
    await page.getByRole('button', { name: 'Déplacer « Relancer le fournisseur du CRM » vers En cours' }).focus();
    await page.keyboard.press('Enter');
    await card('doing').waitFor();
    await page.getByRole('button', { name: 'Déplacer « Relancer le fournisseur du CRM » vers Fait' }).click();
    await card('done').waitFor();
    expect(await card('todo').count()).toBe(0);
    await screenshot(page, '26-action-board');

    // Past 6 hours the long-interruption step fires by itself: the failover is proposed.
    server.t.clock.advance(5 * 60 * MINUTE);
    await page.getByRole('tab', { name: 'Chronologie' }).click();
    await page.getByText('Étapes et obligations', { exact: true }).click();
    await page
      .getByTestId('timeline')
      .locator('[data-kind="step"]', { hasText: 'Interruption de services supérieure à 6 heures' })
      .waitFor();
    expect(await page.getByTestId('timeline').locator('[data-late="true"]').count()).toBeGreaterThan(0);
    expect(await wasNotReloaded(page)).toBe(true);
    await screenshot(page, '27-six-hour-step-live');
    await page.getByRole('tab', { name: /Obligations/ }).click();
    await page
      .locator('[data-duty="failover"]')
      .getByRole('button', { name: /Marquer .* comme faite/ })
      .waitFor();
    await screenshot(page, '28-duties');
    expect(sessions.seen()).toEqual([]);
  });

  it('resolves and closes the incident with confirmation, then shows the room in English', async () => {
    const page = await sessions.open();
    await signIn(page, server.t.emailOf('operator'));
    await page.goto(hermesPath);
    await page.getByRole('button', { name: 'Résoudre' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Résumé').fill('Correctif appliqué par le fournisseur ; agents reconnectés.');
    await dialog.getByRole('button', { name: 'Résoudre l’incident' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('header [data-status="resolved"]').waitFor();
    await page.getByTestId('on-call-line').waitFor();

    await page.getByRole('button', { name: 'Clôturer' }).click();
    await dialog.getByText('La clôture met fin à l’incident').waitFor();
    await dialog.getByRole('button', { name: 'Clôturer' }).click();
    await page.locator('header [data-status="closed"]').waitFor();
    await page.getByRole('button', { name: 'Rouvrir' }).waitFor();
    // Closed: nobody to call any more.
    expect(await page.getByTestId('on-call-line').count()).toBe(0);
    await page.getByRole('tab', { name: /Obligations/ }).click();
    await page.locator('[data-duty="report"]').getByText('Rapport d’incident à signer').waitFor();
    await screenshot(page, '29-incident-closed');

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.locator('header [data-status="closed"]').getByText('Closed').waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.getByText('Steps and duties', { exact: true }).click();
    await page.getByTestId('timeline').getByText('Escalation step').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, '30-incident-room-en');
    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('tab', { name: 'Chronologie' }).waitFor();
    expect(sessions.seen()).toEqual([]);
  });

  it('shows a client user its own incidents only, read-only, and no page of another client’s incident', async () => {
    const ours = (await api('POST', '/api/v1/incidents', { threatId: 'deconnexion-crm', clients: ['ocm'] })).incident;
    const theirs = (await api('POST', '/api/v1/incidents', { threatId: 'espace-hmp', clients: ['autre'] })).incident;
    await api('POST', `/api/v1/incidents/${ours.id}/notes`, { text: 'Reconnexion des agents en cours', public: true });
    await api('POST', `/api/v1/incidents/${ours.id}/notes`, { text: 'Switch du 2e étage redémarré', public: false });

    // On a tablet: the client's IT follows from wherever it is.
    const page = await sessions.open(TABLET);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await signIn(page, server.t.emailOf('client'));
    await page.getByRole('heading', { name: 'Espace OCM' }).waitFor();
    await page.getByTestId('service-status').locator('[data-service="crm-hermes"]').getByText('Perturbé').waitFor();
    const rows = page.getByTestId('open-incidents').locator('tbody tr');
    await rows.filter({ hasText: `INC-${ours.number}` }).waitFor();
    expect(await rows.filter({ hasText: `INC-${theirs.number}` }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    // Who is on call stays inside the contact centre: neither shown nor asked for.
    expect(await page.getByTestId('on-call-line').count()).toBe(0);
    await screenshot(page, '31-client-portal');

    await page.getByRole('link', { name: 'Tous les incidents' }).click();
    await page.getByTestId('incidents-table').waitFor();
    const numbers = await page
      .getByTestId('incidents-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-incident')));
    expect(numbers).toContain(String(ours.number));
    expect(numbers).not.toContain(String(theirs.number));
    expect(await page.getByRole('button', { name: 'Ouvrir un incident' }).count()).toBe(0);

    await page.getByRole('link', { name: new RegExp(`INC-${ours.number}`) }).click();
    await page.getByTestId('timeline').getByText('Reconnexion des agents en cours').waitFor();
    expect(await page.getByTestId('timeline').innerText()).not.toContain('Switch du 2e étage');
    expect(await page.getByTestId('incident-actions').count()).toBe(0);
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Chronologie', 'Points de situation']);
    expect(await page.getByTestId('on-call-line').count()).toBe(0);
    expect(requests.filter((path) => path.startsWith('/api/v1/on-call'))).toEqual([]);
    await screenshot(page, '32-client-incident-room');

    const refused = page.waitForResponse((response) => response.url().endsWith(`/api/v1/incidents/${theirs.id}`));
    await page.goto(`/incidents/${theirs.id}`);
    expect((await refused).status()).toBe(404);
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await screenshot(page, '33-client-other-incident');
    expect(sessions.seen()).toEqual([]);
  });

  it('opens the client’s status page through its secret link, with public updates only; a revoked link says so', async () => {
    const incident = (await api('POST', '/api/v1/incidents', { threatId: 'liaison-media-gateway', clients: ['ocm'] }))
      .incident;
    await api('POST', `/api/v1/incidents/${incident.id}/cause`, { cause: 'Fibre coupée vers le Media Gateway' });
    await api('POST', `/api/v1/incidents/${incident.id}/notes`, {
      text: 'Les appels entrants sont redirigés vers le site de secours.',
      public: true,
    });
    await api('POST', `/api/v1/incidents/${incident.id}/notes`, { text: 'Routeur mg-01 sans réponse', public: false });
    // The gateway answered 19 of its last 20 checks this month.
    const now = server.t.clock.now();
    await server.t.store.transaction((tx) =>
      tx.checkResults.insertMany(
        Array.from({ length: 20 }, (_, i) => ({
          checkId: 'media-gateway-sip',
          at: now - (i + 1) * 3_600_000,
          status: i === 0 ? ('down' as const) : ('up' as const),
          latencyMs: 3,
          message: 'SIP',
          values: {},
        })),
      ),
    );

    const admin = await sessions.open();
    await signIn(admin, server.t.emailOf('admin'));
    await admin.goto('/admin?tab=status-pages');
    await admin.getByRole('button', { name: 'Créer le lien de la page d’état de OCM' }).click();
    const url = await admin.getByTestId('status-page-url').innerText();
    expect(url).toMatch(/\/status\/vsp_/);
    // The same link's badge: drawn in the dialog, with the HTML to paste in an intranet page.
    const token = /\/status\/(vsp_[^/]+)$/.exec(url)![1]!;
    expect(await admin.getByTestId('status-badge-html').innerText()).toBe(
      `<img src="${new URL(url).origin}/api/v1/status/${token}/badge.svg" alt="État des services OCM">`,
    );
    const preview = admin.getByTestId('status-badge-preview');
    await expect
      .poll(() => preview.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(admin, '34-admin-status-page-link');
    await admin.getByRole('button', { name: 'J’ai copié le jeton' }).click();

    // Planned work on the backup site in two days: announced, without its reason.
    const planned = await server.t.request(server.t.as.operator, 'POST', '/api/v1/maintenance', {
      scope: 'site',
      targetId: 'secours',
      from: now + 48 * 3_600_000,
      to: now + 50 * 3_600_000,
      reason: 'Test de bascule interne',
    });
    expect(planned.statusCode).toBe(201);

    const visitor = await sessions.open(TABLET);
    await visitor.goto(url);
    await visitor.getByRole('heading', { name: 'État des services — OCM' }).waitFor();
    const work = visitor.getByTestId('status-maintenance');
    expect(await work.innerText()).toMatch(/^Du .+ au .+\s+Programmée\s+Serveurs redondants du site de secours$/i);
    await visitor.getByText('Les appels entrants sont redirigés vers le site de secours.').waitFor();
    const text = await visitor.locator('body').innerText();
    for (const secret of [
      'Test de bascule interne',
      'Routeur mg-01',
      'Fibre coupée',
      '@',
      'mediacontact.example',
      'Autre client',
      'Se déconnecter',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(await visitor.getByTestId('status-summary').innerText()).toContain('Incident en cours');
    const gateway = visitor
      .getByTestId('status-services')
      .locator('div', { hasText: /^Media Gateway/ })
      .first();
    expect((await gateway.getByTestId('service-availability').innerText()).replace(/\s/g, ' ')).toBe(
      'Disponibilité sur 30 jours : 95 %',
    );
    await screenshot(visitor, '35-status-page');
    // The page's Atom feed, read by the browser's own XML parser: well formed, the open incident in it.
    const feedHref = await visitor.getByTestId('status-feed').getAttribute('href');
    expect(feedHref).toBe(`/api/v1/status/${token}/feed.atom`);
    const feed = (await visitor.evaluate(`(async () => {
      const text = await (await fetch(${JSON.stringify(feedHref)})).text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        broken: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI,
        entries: [...doc.getElementsByTagName('entry')].map((e) => e.getElementsByTagName('title')[0].textContent),
      };
    })()`)) as { broken: number; root: string; entries: string[] };
    expect(feed).toMatchObject({ broken: 0, root: 'http://www.w3.org/2005/Atom' });
    expect(feed.entries.some((title) => title.startsWith('[Ouvert] '))).toBe(true);
    await server.t.request(
      server.t.as.operator,
      'DELETE',
      `/api/v1/maintenance/${(planned.json() as { id: string }).id}`,
    );

    await admin.getByRole('button', { name: 'Révoquer le lien de la page d’état de OCM' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Révoquer' }).click();
    await admin.getByTestId('status-pages-table').getByText('Révoqué').waitFor();
    const refused = visitor.waitForResponse((response) => response.url().includes('/api/v1/status/'));
    await visitor.reload();
    expect((await refused).status()).toBe(404);
    await visitor.getByTestId('status-invalid').getByText('Ce lien n’est plus valide').waitFor();
    await screenshot(visitor, '36-status-page-revoked');
    expect(sessions.seen()).toEqual([]);
  });

  it('plans and cancels a maintenance window, and saves the SMTP server then sends a test message', async () => {
    const page: Page = await sessions.open();
    await signIn(page, server.t.emailOf('admin'));
    await page.goto('/admin?tab=maintenance');
    await page.getByRole('button', { name: 'Planifier une maintenance' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Équipement ou site/).click();
    await page.getByRole('option', { name: 'CRM Hermès', exact: true }).click();
    await dialog.getByLabel(/^Motif/).fill('Mise à jour mensuelle du CRM');
    await dialog.getByRole('button', { name: 'Planifier', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByTestId('maintenance-table');
    await table.getByText('Mise à jour mensuelle du CRM').waitFor();
    await table.getByText('Prévue').waitFor();
    await screenshot(page, '37-admin-maintenance');
    await page.getByRole('button', { name: 'Annuler la maintenance : CRM Hermès' }).click();
    await dialog.getByRole('button', { name: 'Annuler la maintenance' }).click();
    await table.getByText('Mise à jour mensuelle du CRM').waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Canaux de notification' }).click();
    await page.getByTestId('smtp-not-set').waitFor();
    await page.getByRole('textbox', { name: 'Serveur' }).fill('127.0.0.1');
    await page.getByLabel(/^Port/).fill(String(smtp.port));
    await page.getByLabel(/^Expéditeur/).fill('vigie@example.org');
    await page.getByLabel('Mot de passe').fill('mot-de-passe-smtp');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Un mot de passe est enregistré : laissez vide pour le garder.').waitFor();
    const before = smtp.mails.length;
    await page.getByRole('button', { name: 'Envoyer un message de test' }).click();
    await page
      .getByTestId('smtp-test-result')
      .getByText(`Message de test envoyé à ${server.t.emailOf('admin')}.`)
      .waitFor();
    expect(smtp.mails.slice(before).map((mail) => mail.subject)).toContain('Vigie : message de test');
    await screenshot(page, '38-admin-smtp');
    expect(sessions.seen()).toEqual([]);
  });
});
