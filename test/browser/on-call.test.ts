import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { launchChromium } from './support/chromium';
import { BrowserSessions, openSignedIn as openPage } from './support/browser-session';
import { screenshot } from './support/page-checks';
import { startWebServer, type WebServer } from './support/web-server';
import { withWeeklyRotation } from '../support/on-call-plan';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** A Monday, 8 o'clock in Douala: the first turn of the rotation. */
const FIRST_TURN = '2026-01-05T08:00:00+01:00';
const PEOPLE = [
  { id: 'technicien-astreinte', name: "Technicien d'astreinte" },
  { id: 'admin-si', name: 'Administrateur systèmes et réseaux' },
  { id: 'directeur-operations', name: 'Directeur des opérations' },
];

/** The seed plan with a weekly rotation of three team members. */
function planWithRotation(): string {
  return withWeeklyRotation(
    SEED_PLAN_TEXT,
    PEOPLE.map((person) => person.id),
    FIRST_TURN,
  );
}

/** Whose turn it is at `at`: turns of a week from the first, in the order of the list. */
function onCallAt(at: number) {
  const turn = Math.floor((at - Date.parse(FIRST_TURN)) / WEEK);
  return PEOPLE[((turn % PEOPLE.length) + PEOPLE.length) % PEOPLE.length]!;
}

/** The wall-clock reading of an instant in Douala, as a datetime input takes it ("2026-01-05T08:00"). */
function inDouala(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Africa/Douala', dateStyle: 'short', timeStyle: 'short' })
    .format(ms)
    .replace(' ', 'T');
}

/** What a locator shows, its spaces (Intl's no-break ones among them) made plain. */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ');
}

/** The on-call page: who is on call now and next, and replacements made by operators. */
describe('on-call schedules in Chromium', { timeout: 120_000 }, () => {
  let server: WebServer;
  let browser: Browser;
  let sessions: BrowserSessions;

  beforeAll(async () => {
    server = await startWebServer({ planText: planWithRotation() });
    browser = await launchChromium();
    sessions = new BrowserSessions(browser, server.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await sessions?.closeAll();
    await browser?.close();
    await server?.close();
  });

  const openSignedIn = (role: 'operator' | 'viewer' | 'client') => openPage(sessions, server.t.emailOf(role));

  it('shows who is on call, and lets an operator put someone else on call and take it back', async () => {
    const now = server.t.clock.now();
    const turn = onCallAt(now);
    const stand = PEOPLE.find((person) => person.id !== turn.id)!;
    const { page } = await openSignedIn('operator');
    await page.getByRole('navigation').getByRole('link', { name: 'Astreintes' }).click();
    await page.waitForURL('**/on-call');
    const card = page.locator('[data-schedule="astreinte-technique"]');
    await card.getByRole('heading', { name: 'Astreinte technique' }).waitFor();
    expect(await textOf(card)).toContain('Relève toutes les 7 jours');

    const onCallNow = card.getByTestId('on-call-now');
    await expect.poll(() => onCallNow.getAttribute('data-person')).toBe(turn.id);
    expect(await textOf(onCallNow)).toContain(`D’astreinte maintenant : ${turn.name}`);
    expect(await textOf(onCallNow)).toMatch(/jusqu’au .* 08:00/);
    expect(await textOf(onCallNow)).not.toMatch(/remplacement/i);
    // The badges are upper-cased by the style sheet.
    const rotation = await card.getByTestId('on-call-rotation').locator('li').allInnerTexts();
    expect(rotation.map((item) => item.replace(/\s+/g, ' ').trim())).toEqual(
      PEOPLE.map((person) => `${person.name} EXEMPLE`),
    );
    // Four weeks of weekly turns: four or five rows, the first under way.
    const shifts = card.getByTestId('on-call-shifts').locator('tbody tr');
    expect(await shifts.count()).toBeGreaterThanOrEqual(4);
    expect(await shifts.first().getAttribute('data-person')).toBe(turn.id);
    expect(await textOf(shifts.first())).toMatch(/en cours/i);
    await card.getByTestId('no-on-call-override').waitFor();

    await card.getByRole('button', { name: 'Ajouter un remplacement' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Personne d’astreinte').click();
    await page.getByRole('option', { name: stand.name, exact: true }).click();
    // The end before the start: the form says so before asking the server.
    await dialog.getByLabel(/^Début/).fill(inDouala(now));
    await dialog.getByLabel(/^Fin/).fill(inDouala(now - DAY));
    await dialog.getByRole('button', { name: 'Ajouter le remplacement' }).click();
    await dialog.getByText('La fin doit suivre le début.').waitFor();
    // From the server's minute (the browser's clock runs ahead of the test server's) to two days on.
    await dialog.getByLabel(/^Fin/).fill(inDouala(now + 2 * DAY));
    await dialog.getByLabel(/^Motif/).fill('Congé : échange de garde');
    await screenshot(page, '48-on-call-replacement-form');
    await dialog.getByRole('button', { name: 'Ajouter le remplacement' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => onCallNow.getAttribute('data-person')).toBe(stand.id);
    const replaced = await textOf(onCallNow);
    expect(replaced).toContain(`D’astreinte maintenant : ${stand.name}`);
    expect(replaced).toMatch(/remplacement/i);
    expect(replaced).toContain('Congé : échange de garde');
    expect(await shifts.first().getAttribute('data-person')).toBe(stand.id);
    expect(await textOf(shifts.first())).toMatch(/remplacement/i);
    const override = card.getByTestId('on-call-overrides').locator('tbody tr');
    expect(await override.count()).toBe(1);
    const row = await textOf(override);
    expect(row).toContain(stand.name);
    expect(row).toContain('Congé : échange de garde');
    expect(row).toContain(server.t.emailOf('operator'));
    await screenshot(page, '49-on-call');

    await override.getByRole('button', { name: `Supprimer le remplacement de ${stand.name}`, exact: false }).click();
    await card.getByTestId('no-on-call-override').waitFor();
    await expect.poll(() => onCallNow.getAttribute('data-person')).toBe(turn.id);
    expect(await textOf(onCallNow)).not.toMatch(/remplacement/i);
    expect(sessions.seen()).toEqual([]);
  });

  it('shows the schedules to a viewer without the operators’ buttons', async () => {
    const { page } = await openSignedIn('viewer');
    await page.goto('/on-call');
    const card = page.locator('[data-schedule="astreinte-technique"]');
    await card.getByTestId('on-call-now').waitFor();
    expect(await card.getByRole('button', { name: 'Ajouter un remplacement' }).count()).toBe(0);
    expect(sessions.seen()).toEqual([]);
  });

  it('tells how to write a schedule when the plan has none', async () => {
    const { page } = await openSignedIn('operator');
    await page.route(/\/api\/v1\/on-call(\?.*)?$/, (route) => route.fulfill({ json: [] }));
    await page.goto('/on-call');
    const empty = page.getByTestId('no-on-call');
    await empty.getByRole('heading', { name: 'Aucune astreinte dans le plan' }).waitFor();
    expect(await empty.locator('pre').innerText()).toContain('every: 1w');
    expect(sessions.seen()).toEqual([]);
  });

  it('neither lists nor serves the schedules to a client', async () => {
    const { page, requests } = await openSignedIn('client');
    await page.getByRole('navigation').getByRole('link', { name: 'Plan' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Astreintes' }).count()).toBe(0);
    await page.goto('/on-call');
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    expect(requests.filter((path) => path.startsWith('/api/v1/on-call'))).toEqual([]);
    const asked = await server.t.request(server.t.as.client, 'GET', '/api/v1/on-call');
    expect(asked.statusCode).toBe(403);
    expect(sessions.seen()).toEqual([]);
  });
});
