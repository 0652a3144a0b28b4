import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/cli';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

/** Saves a full-page screenshot under test-results/screenshots/NAME.png, to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The header is fixed: a full-page capture of a scrolled page would draw it mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Collects what the page reports as broken: uncaught errors, console errors (CSP
 * violations land there) and failed requests, so a test can assert there were none.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // API refusals the tests provoke on purpose (401 before sign-in, 400 for a broken plan)
    // are logged by the browser as failed loads; responses are checked below instead.
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource')) problems.push(`console: ${text}`);
  });
  page.on('requestfailed', (request) => {
    // Leaving a page aborts what it was still fetching: that is not a fault.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()}`);
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/api/') && response.status() >= 400) problems.push(`${response.status()} for ${path}`);
  });
  return problems;
}
