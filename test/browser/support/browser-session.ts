import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchForProblems } from './page-checks';
import { TEST_PASSWORD } from './web-server';

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 820, height: 1180 };

/** Opens fresh browser profiles (no cookie, no remembered language), each watched for problems. */
export class BrowserSessions {
  private readonly contexts: BrowserContext[] = [];
  private readonly collectors: (() => string[])[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  async open(viewport = LAPTOP): Promise<Page> {
    const context = await this.browser.newContext({
      baseURL: this.baseUrl,
      viewport,
      locale: 'fr-FR',
      reducedMotion: 'reduce',
    });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchForProblems(page);
    const index = this.contexts.length;
    this.collectors.push(() => problems.map((problem) => `page ${index}: ${problem}`));
    return page;
  }

  /** Every problem seen so far on every page. */
  seen(): string[] {
    return this.collectors.flatMap((collect) => collect());
  }

  async closeAll(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}

/** Signs in through the form and waits for the overview. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL('**/overview');
}

/** A fresh page signed in as `email`, and the paths it requests from then on (to show some are never asked). */
export async function openSignedIn(
  sessions: BrowserSessions,
  email: string,
): Promise<{ page: Page; requests: string[] }> {
  const page = await sessions.open();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await signIn(page, email);
  return { page, requests };
}

/** Marks the page's JavaScript world: still there later means the page was not reloaded. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate('window.__vigieNotReloaded = true');
}

export async function wasNotReloaded(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__vigieNotReloaded === true')) as boolean;
}
