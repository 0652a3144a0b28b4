import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeSvg, type Badge } from '@vigie/core';
import { launchChromium } from './support/chromium';
import { screenshot } from './support/page-checks';

const BADGES: Badge[] = [
  { label: 'OCM', message: 'Opérationnel', colour: '#2b8a3e' },
  { label: 'Media Gateway (liaison voix OCM)', message: 'En maintenance', colour: '#1971c2' },
  { label: 'CRM Hermès', message: '99,95\u202f% (30 j)', colour: '#2b8a3e' },
  { label: 'WWWWMMMM', message: 'Under maintenance', colour: '#e67700' },
  { label: 'iiiillll', message: 'aucune mesure (30 j)', colour: '#868e96' },
];

/** Badges drawn by Chromium: each word fits inside its own part of the badge. */
describe('status badges in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('keeps each text within its part of the badge, with room to spare', async () => {
    const page = await browser.newPage();
    await page.setContent(`<body style="margin:8px">${BADGES.map((b) => `<div>${badgeSvg(b)}</div>`).join('')}</body>`);
    const measured = await page.$$eval('svg', (svgs) =>
      svgs.map((svg) => {
        const clipped = svg.querySelector('g[clip-path]')!;
        // Its clip is its own, not another badge's of the same page.
        const clipId = /url\(#(.+)\)/.exec(clipped.getAttribute('clip-path')!)![1]!;
        if (svg.ownerDocument.getElementById(clipId)?.closest('svg') !== svg)
          throw new Error(`badge clipped by ${clipId}`);
        const rects = [...clipped.querySelectorAll('rect')].slice(0, 2) as unknown as {
          width: { baseVal: { value: number } };
        }[];
        const texts = [...svg.querySelectorAll('text')].filter((_, i) => i % 2 === 1) as unknown as {
          textContent: string | null;
          getComputedTextLength(): number;
        }[];
        return texts.map((text, i) => ({
          text: text.textContent,
          box: rects[i]!.width.baseVal.value,
          drawn: text.getComputedTextLength(),
        }));
      }),
    );
    await screenshot(page, 'status-badges');
    for (const part of measured.flat()) {
      expect(part.drawn, part.text ?? '').toBeLessThan(part.box - 4);
      expect(part.drawn, part.text ?? '').toBeGreaterThan(part.box * 0.6);
    }
  });
});
