import { describe, expect, it } from 'vitest';
import type { NotificationFacts } from './events';
import { renderIcs } from './ics';
import { renderNotification } from './render';

const facts: NotificationFacts = {
  organisation: 'Media Contact Cameroun',
  timezone: 'Africa/Douala',
  incident: {
    number: 7,
    title: 'Instabilité liaison',
    threatTitle: 'Instabilité liaison',
    status: 'mitigating',
    severity: 'critical',
    startedAt: Date.UTC(2026, 2, 2, 7, 0),
    etaAt: Date.UTC(2026, 2, 2, 15, 0),
    resolvedAt: null,
    cause: 'Coupure <fibre> & routeur',
    summary: null,
  },
  now: Date.UTC(2026, 2, 2, 13, 30),
  elapsedMs: 6.5 * 3_600_000,
  target: 'Allant jusqu’à 2h de temps',
  actionsDone: ['Routeur redémarré'],
  nextUpdateAt: Date.UTC(2026, 2, 2, 14, 30),
  dutyTitle: null,
  text: null,
  sitrep: null,
  bridge: null,
  dueAt: null,
  link: 'https://vigie.example/incidents/x',
};

describe('renderNotification', () => {
  it('writes the facts in French, in the plan’s time zone', () => {
    const message = renderNotification('client-alert', facts, 'fr');
    expect(message.subject).toBe('[INC-7] Interruption de service de plus de 6 heures : Instabilité liaison');
    expect(message.text).toContain('Cause : Coupure <fibre> & routeur.');
    expect(message.text).toContain('Début: 02/03/2026 08:00 (Africa/Douala)');
    expect(message.text).toContain('Durée écoulée: 6h30m');
    expect(message.text).toContain('Rétablissement estimé: 02/03/2026 16:00 (Africa/Douala)');
    expect(message.text).toContain('Actions réalisées: Routeur redémarré');
    expect(message.text).toContain('Prochaine information: 02/03/2026 15:30 (Africa/Douala)');
    expect(message.text).toContain('Temps de résolution prévu par le plan: Allant jusqu’à 2h de temps');
  });

  it('writes the same facts in English, and escapes them in HTML', () => {
    const message = renderNotification('client-alert', facts, 'en');
    expect(message.subject).toBe('[INC-7] Service interruption beyond 6 hours: Instabilité liaison');
    expect(message.text).toContain('Elapsed: 6h30m');
    expect(message.text).toContain('Next update: 02/03/2026, 15:30 (Africa/Douala)');
    expect(message.html).toContain('Coupure &lt;fibre&gt; &amp; routeur');
    expect(message.html).not.toContain('<fibre>');
  });
});

describe('renderIcs', () => {
  it('writes an invitation calendars accept, with folded lines', () => {
    const ics = renderIcs(
      {
        uid: 'inc-7@vigie',
        start: Date.UTC(2026, 2, 2, 8, 15),
        durationMs: 30 * 60_000,
        title: 'Call conférence avec le service informatique OCM — INC-7 Instabilité liaison',
        description: 'Informer et situer les responsabilités; bridge, pin',
        location: 'https://conference.mediacontact.example/pca-ocm',
        organizer: { name: 'Media Contact Cameroun', email: 'vigie@mediacontact.example' },
        attendees: [{ name: 'Service informatique OCM', email: 'dsi.permanence@ocm.example' }],
      },
      Date.UTC(2026, 2, 2, 8, 0),
    );
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('DTSTART:20260302T081500Z\r\n');
    expect(ics).toContain('DTEND:20260302T084500Z\r\n');
    expect(ics).toContain('DESCRIPTION:Informer et situer les responsabilités\\; bridge\\, pin');
    expect(ics).toContain('RSVP=TRUE:mailto:dsi.permanence@ocm.example');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});
