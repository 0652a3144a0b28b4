import { describe, expect, it } from 'vitest';
import type { PublicStatusPage } from '@vigie/contract';
import { badgeSvg } from './badge-svg';
import { statusBadge } from './status-badge';

function page(services: PublicStatusPage['services']): PublicStatusPage {
  return {
    client: { name: 'OCM' },
    timezone: 'Africa/Douala',
    generatedAt: 0,
    stateSource: 'checks',
    services,
    maintenance: [],
    incidents: [],
  };
}

const CRM = { name: 'CRM Hermès', state: 'operational' as const, availability30d: 0.9995 };
const GATEWAY = { name: 'Media Gateway', state: 'degraded' as const, availability30d: 0.97 };
const HMP = { name: 'Serveur HMP', state: 'maintenance' as const, availability30d: null };

describe('status badges', () => {
  it.each([
    [[CRM], 'Opérationnel', '#2b8a3e'],
    [[CRM, HMP], 'En maintenance', '#1971c2'],
    [[CRM, HMP, GATEWAY], 'Dégradé', '#e67700'],
    [[CRM, { ...GATEWAY, state: 'disrupted' as const }, HMP], 'Perturbé', '#c92a2a'],
    [[], 'Opérationnel', '#2b8a3e'],
  ])('tells the worst state of the client’s services (%#)', (services, message, colour) => {
    expect(statusBadge(page(services), { topic: 'status', language: 'fr' })).toEqual({ label: 'OCM', message, colour });
  });

  it('tells one service by its name, in English when asked', () => {
    expect(statusBadge(page([CRM, GATEWAY]), { topic: 'status', language: 'en', service: 'Media Gateway' })).toEqual({
      label: 'Media Gateway',
      message: 'Degraded',
      colour: '#e67700',
    });
    expect(() => statusBadge(page([CRM]), { topic: 'status', language: 'fr', service: 'Autre' })).toThrow(
      /OCM has no service named "Autre"/,
    );
  });

  it('tells availability over 30 days as each language writes it, never rounding up to 100 %', () => {
    const fr = (services: PublicStatusPage['services']) =>
      statusBadge(page(services), { topic: 'availability', language: 'fr' }).message;
    expect(fr([CRM])).toBe('99,95\u202f% (30 j)');
    expect(fr([CRM, GATEWAY, HMP])).toBe('98,47\u202f% (30 j)');
    expect(fr([{ ...CRM, availability30d: 0.999999 }])).toBe('99,99\u202f% (30 j)');
    expect(fr([{ ...CRM, availability30d: 1 }])).toBe('100\u202f% (30 j)');
    expect(fr([HMP])).toBe('aucune mesure (30 j)');
    expect(statusBadge(page([CRM]), { topic: 'availability', language: 'en' }).message).toBe('99.95% (30d)');
    expect(statusBadge(page([GATEWAY]), { topic: 'availability', language: 'en' }).colour).toBe('#e67700');
  });

  it('draws the badge with its words escaped and a title for screen readers', () => {
    const svg = badgeSvg({ label: 'A & <B>', message: 'Perturbé', colour: '#c92a2a' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20" role="img"/);
    expect(svg).toContain('<title>A &#38; &#60;B&#62; : Perturbé</title>');
    expect(svg).toContain('fill="#c92a2a"');
    expect(svg).not.toContain('<B>');
    // A colour that is not one is not written into the document.
    expect(badgeSvg({ label: 'x', message: 'y', colour: 'red"/><script>' })).not.toContain('script');
  });
});
