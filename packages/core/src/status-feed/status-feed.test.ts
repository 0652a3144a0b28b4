import { describe, expect, it } from 'vitest';
import { statusFeedAtom, type StatusFeed } from './status-feed';

const START = Date.UTC(2026, 10, 30, 9, 14);

function feed(overrides: Partial<StatusFeed> = {}): StatusFeed {
  return {
    clientName: 'OCM & Co',
    pageUrl: 'https://vigie.example/status/vsp_x',
    feedUrl: 'https://vigie.example/api/v1/status/vsp_x/feed.atom',
    generatedAt: START + 3_600_000,
    language: 'fr',
    timeZone: 'Africa/Douala',
    incidents: [
      {
        number: 7,
        title: 'Déconnexion du CRM <Hermès>',
        status: 'resolved',
        startedAt: START,
        updatedAt: START + 1_800_000,
        resolvedAt: START + 1_800_000,
        updates: [{ at: START + 600_000, text: 'Reconnexion en cours & vérifications' }],
      },
    ],
    ...overrides,
  };
}

describe('status feed', () => {
  it('tells each incident in an entry: its state in the title, its public notes in the plan’s time zone', () => {
    const xml = statusFeedAtom(feed());
    expect(xml).toContain('<title>État des services — OCM &#38; Co</title>');
    expect(xml).toContain('<id>https://vigie.example/status/vsp_x#incident-7</id>');
    expect(xml).toContain('<title>[Résolu] Déconnexion du CRM &#60;Hermès&#62;</title>');
    expect(xml).toContain('<published>2026-11-30T09:14:00.000Z</published>');
    expect(xml).toContain('<updated>2026-11-30T09:44:00.000Z</updated>');
    // Douala is one hour ahead of UTC.
    expect(xml).toContain('Début : 30 nov. 2026, 10:14');
    expect(xml).toContain('30 nov. 2026, 10:24 — Reconnexion en cours &#38; vérifications');
    expect(xml).toContain('Résolu le 30 nov. 2026, 10:44');
    expect(xml).not.toContain('<Hermès>');
  });

  it('speaks English when asked, and says when there is no update yet', () => {
    const incident = { ...feed().incidents[0]!, status: 'open' as const, resolvedAt: null, updates: [] };
    const xml = statusFeedAtom(feed({ language: 'en', incidents: [incident] }));
    expect(xml).toContain('xml:lang="en"');
    expect(xml).toContain('<title>[Open] Déconnexion du CRM &#60;Hermès&#62;</title>');
    expect(xml).toContain('Started: 30 Nov 2026, 10:14\nNo public update yet.');
  });

  it('is as of now when there is no incident to tell', () => {
    const xml = statusFeedAtom(feed({ incidents: [] }));
    expect(xml).toContain('<updated>2026-11-30T10:14:00.000Z</updated>');
    expect(xml).not.toContain('<entry>');
  });
});
