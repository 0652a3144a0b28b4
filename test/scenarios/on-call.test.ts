import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, seedPlanWithRealContacts, type TestApp } from '../../packages/server/src/testing/test-app';
import { simulateUntil } from '../../packages/server/src/engine/simulate';
import { SmtpSink } from '../support/smtp-sink';
import { withWeeklyRotation } from '../support/on-call-plan';
import { HOUR, MIN } from './plan-fixtures';

const START = Date.UTC(2026, 2, 2, 7, 0); // Monday 2 March 2026, 08:00 in Douala
const DAY = 24 * HOUR;
const TECHNICIAN = 'astreinte@mediacontact.example';
const ADMIN = 'admin.si@mediacontact.example';
const DIRECTOR = 'direction.operations@mediacontact.example';

/**
 * The seed plan, every person real, with a weekly on-call rotation (the technician, then the
 * administrator, then the director, handing over on Mondays at 08:00), which hears of every
 * incident first; nobody acknowledging it, the administrator is paged after 15 minutes, then
 * the director and whoever is on call after 30.
 */
function onCallPlan(): string {
  const plan = seedPlanWithRealContacts();
  const withRotation = withWeeklyRotation(
    plan,
    ['technicien-astreinte', 'admin-si', 'directeur-operations'],
    '2026-03-02T08:00:00+01:00',
  );
  const withPaging = withRotation.replace(
    /^communication:\n/m,
    `communication:
  notifyOnOpen: [astreinte-technique]
  unacknowledged:
    - after: 15m
      to: [admin-si]
    - after: 30m
      to: [directeur-operations, astreinte-technique]
`,
  );
  if (withPaging === withRotation || withRotation === plan)
    throw new Error('the seed plan changed: update this fixture');
  return withPaging;
}

describe.each(DIALECTS)('on-call rotation and paging with a real SMTP server, on %s', (dialect) => {
  let smtp: SmtpSink;
  let t: TestApp;
  /** The second week: the administrator's turn. */
  const SECOND_WEEK = START + 7 * DAY + HOUR;

  beforeEach(async () => {
    smtp = new SmtpSink();
    await smtp.start();
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });
  const startAt = async (at: number) => {
    t = await createTestApp(dialect, { planText: onCallPlan(), smtpUrl: smtp.url(), startAt: at });
  };

  const runUntil = (at: number) => simulateUntil(t.engine, t.clock, t.store, at);
  const post = async (path: string, body: unknown = {}) => {
    const response = await t.request(t.as.operator, 'POST', path, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response;
  };
  const open = async (threatId: string) =>
    ((await post('/api/v1/incidents', { threatId })).json() as { incident: { id: string } }).incident.id;
  const to = (subject: string) => smtp.withSubject(subject).flatMap((mail) => mail.to);

  it('tells whoever is on call, pages the next people while nobody acknowledges, and stops once someone does', async () => {
    await startAt(START);
    const id = await open('deconnexion-crm');
    await runUntil(START + 14 * MIN);
    expect(to('Incident ouvert')).toEqual([TECHNICIAN]);
    expect(to('non pris en charge')).toEqual([]);

    await runUntil(START + 16 * MIN);
    expect(to('non pris en charge')).toEqual([ADMIN]);
    const paged = smtp.withSubject('non pris en charge')[0]!;
    expect(paged.subject).toContain('Incident non pris en charge : Déconnexion du CRM');
    expect(paged.text).toContain('Personne n’a encore pris en charge cet incident');

    await post(`/api/v1/incidents/${id}/acknowledge`);
    await runUntil(START + 45 * MIN);
    expect(to('non pris en charge')).toEqual([ADMIN]);

    const { timeline } = (await t.request(t.as.viewer, 'GET', `/api/v1/incidents/${id}`)).json() as {
      timeline: { kind: string; ref: string | null; summary: string; data: Record<string, unknown> }[];
    };
    const pagings = timeline.filter((entry) => entry.ref?.startsWith('unacknowledged:') && entry.kind === 'duty');
    expect(pagings).toEqual([
      expect.objectContaining({
        summary: 'Not acknowledged after 15m: paging Administrateur systèmes et réseaux',
        data: { unacknowledged: true, afterMs: 15 * MIN, people: ['Administrateur systèmes et réseaux'] },
      }),
    ]);
    expect(smtp.duplicates()).toEqual([]);
  });

  it('goes through every step when nobody answers, and pages nobody for an incident resolved in time', async () => {
    await startAt(START);
    await open('deconnexion-crm');
    const quick = await open('espace-hmp');
    await runUntil(START + 10 * MIN);
    await post(`/api/v1/incidents/${quick}/resolve`, { summary: 'Disque vidé.' });
    await runUntil(START + 40 * MIN);

    // Two incidents opened, each to the technician; only the one still open paged anybody.
    expect(to('Incident ouvert')).toEqual([TECHNICIAN, TECHNICIAN]);
    expect(to('non pris en charge').sort()).toEqual([ADMIN, DIRECTOR, TECHNICIAN].sort());
    expect(smtp.withSubject('non pris en charge').every((mail) => mail.subject.includes('Déconnexion du CRM'))).toBe(
      true,
    );
  });

  it('pages again from a reopening, whoever had acknowledged the incident before', async () => {
    await startAt(START);
    const id = await open('deconnexion-crm');
    await post(`/api/v1/incidents/${id}/acknowledge`);
    await post(`/api/v1/incidents/${id}/resolve`, { summary: 'Services redémarrés.' });
    await runUntil(START + 20 * MIN);
    expect(to('non pris en charge')).toEqual([]);

    await post(`/api/v1/incidents/${id}/reopen`, { reason: 'Le CRM décroche encore' });
    await runUntil(START + 34 * MIN);
    expect(to('non pris en charge')).toEqual([]);
    await runUntil(START + 36 * MIN);
    expect(to('non pris en charge')).toEqual([ADMIN]);
    await post(`/api/v1/incidents/${id}/acknowledge`);
    await runUntil(START + 60 * MIN);
    expect(to('non pris en charge')).toEqual([ADMIN]);
  });

  it('tells each person when their turn begins, and who replaces whom', async () => {
    await startAt(START + HOUR);
    await post('/api/v1/on-call/overrides', {
      scheduleId: 'astreinte-technique',
      personId: 'directeur-operations',
      from: START + DAY,
      to: START + 2 * DAY,
      reason: 'Formation du technicien',
    });
    await runUntil(START + 7 * DAY + MIN);
    const shifts = smtp.withSubject('Vous êtes d’astreinte');
    expect(shifts.map((mail) => mail.to)).toEqual([[DIRECTOR], [TECHNICIAN], [ADMIN]]);
    expect(shifts[0]!.text).toContain(
      'Vous êtes d’astreinte (Astreinte technique) du 03/03/2026 08:00 (Africa/Douala) au 04/03/2026 08:00 (Africa/Douala).',
    );
    expect(shifts[1]!.text).toContain('au 09/03/2026 08:00 (Africa/Douala)');
    expect(shifts[2]!.text).toContain('du 09/03/2026 08:00 (Africa/Douala) au 16/03/2026 08:00 (Africa/Douala)');
    expect(smtp.duplicates()).toEqual([]);
  });

  it('reaches the person whose turn it is, and a replacement over the rotation', async () => {
    await startAt(SECOND_WEEK);
    const first = await open('deconnexion-crm');
    await runUntil(SECOND_WEEK + MIN);
    expect(to('Incident ouvert')).toEqual([ADMIN]);
    await post(`/api/v1/incidents/${first}/resolve`, { summary: 'Rétabli.' });

    // The director covers the afternoon.
    const now = t.clock.now();
    const override = (
      await post('/api/v1/on-call/overrides', {
        scheduleId: 'astreinte-technique',
        personId: 'directeur-operations',
        from: now,
        to: now + 4 * HOUR,
        reason: 'Rendez-vous médical',
      })
    ).json() as { id: string };
    await open('espace-hmp');
    await runUntil(now + MIN);
    expect(to('Incident ouvert')).toEqual([ADMIN, DIRECTOR]);

    // Taken back: the rotation's own turn holds again.
    expect((await t.request(t.as.operator, 'DELETE', `/api/v1/on-call/overrides/${override.id}`)).statusCode).toBe(204);
    await open('perte-donnees');
    await runUntil(now + 2 * MIN);
    expect(to('Incident ouvert')).toEqual([ADMIN, DIRECTOR, ADMIN]);
  });
});
