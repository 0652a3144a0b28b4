import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';
import { simulateUntil } from '../../packages/server/src/engine/simulate';
import { HttpSink } from '../support/http-sink';
import { SmtpSink, type ReceivedMail } from '../support/smtp-sink';
import { CRISIS_CELL, HOUR, MIN, OCM_ALL, OCM_IT, scenarioPlan, TEAM } from './plan-fixtures';

const START = Date.UTC(2026, 2, 2, 7, 0); // 08:00 in Douala

function recipients(mails: ReceivedMail[]): string[] {
  return mails.flatMap((m) => m.to).sort();
}

describe.each(DIALECTS)('the escalation ladder with a real SMTP server, on %s', (dialect) => {
  let smtp: SmtpSink;
  let sms: HttpSink;
  let t: TestApp;

  beforeEach(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    sms = new HttpSink();
    await sms.start();
    t = await createTestApp(dialect, { planText: scenarioPlan(sms.url('/sms')), smtpUrl: smtp.url(), startAt: START });
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
    await sms.stop();
  });

  const open = async (threatId: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const response = await t.request(t.as.operator, 'POST', '/api/v1/incidents', { threatId, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { incident: { id: string } }).incident.id;
  };
  const runUntil = (offset: number) => simulateUntil(t.engine, t.clock, t.store, START + offset);
  const post = async (path: string, body: unknown = {}) => {
    const response = await t.request(t.as.operator, 'POST', path, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response;
  };
  const timeline = async (id: string) =>
    (
      (await t.request(t.as.operator, 'GET', `/api/v1/incidents/${id}`)).json() as {
        timeline: { at: number; kind: string; ref: string | null; data: Record<string, unknown> }[];
      }
    ).timeline;

  it('a 30-minute incident: the team is told, no crisis, everyone hears of the resolution', async () => {
    const id = await open('deconnexion-crm');
    await runUntil(30 * MIN);
    await post(`/api/v1/incidents/${id}/resolve`, { summary: 'Services du CRM redémarrés.' });
    await runUntil(31 * MIN);

    expect(recipients(smtp.withSubject('Incident ouvert'))).toEqual([...TEAM].sort());
    expect(recipients(smtp.withSubject('Incident résolu'))).toEqual([...TEAM, ...OCM_ALL].sort());
    expect(smtp.withSubject('Call conférence')).toHaveLength(0);
    expect(smtp.withSubject('Cellule de crise')).toHaveLength(0);
    expect(smtp.mails).toHaveLength(TEAM.length + TEAM.length + OCM_ALL.length);
    const resolved = smtp.withSubject('Incident résolu')[0]!;
    expect(resolved.text).toContain('Déconnexion du CRM');
    expect(resolved.text).toContain('Durée écoulée: 30m');
    expect(resolved.text).toContain('Services du CRM redémarrés.');
    expect(smtp.duplicates()).toEqual([]);
  });

  it('a 4-hour-target threat: conference call and crisis cell at once, a SITREP every hour', async () => {
    const id = await open('patch-hermes');
    await runUntil(1 * MIN);
    const calls = smtp.withSubject('Call conférence');
    expect(recipients(calls)).toEqual([...OCM_IT, ...CRISIS_CELL].sort());
    expect(calls[0]!.calendar).toContain('METHOD:REQUEST');
    expect(calls[0]!.calendar).toContain('LOCATION:https://conference.mediacontact.example/pca-ocm');
    expect(calls[0]!.text).toContain('Pont de conférence de crise');
    expect(calls[0]!.text).toContain('+237 600 000 900');
    expect(recipients(smtp.withSubject('Cellule de crise activée'))).toEqual([...CRISIS_CELL].sort());

    await runUntil(HOUR);
    const reminders = smtp.withSubject('Compte rendu horaire attendu');
    expect(recipients(reminders)).toEqual(['direction.operations@mediacontact.example']);

    await runUntil(HOUR + 5 * MIN);
    await post(`/api/v1/incidents/${id}/sitreps`, {
      situation: 'Le fournisseur déploie le correctif.',
      actions: 'Postes agents redémarrés par lots.',
      nextSteps: 'Vérification sur le plateau à 10h.',
    });
    await runUntil(HOUR + 6 * MIN);
    const sitreps = smtp.withSubject('Point de situation');
    expect(recipients(sitreps)).toEqual([...CRISIS_CELL, ...OCM_IT].sort());
    expect(sitreps[0]!.text).toContain('Le fournisseur déploie le correctif.');
    // Late but posted: no overdue alert; the next report falls due an hour after this one.
    expect(smtp.withSubject('RETARD')).toHaveLength(0);

    await runUntil(2 * HOUR + 5 * MIN);
    expect(smtp.withSubject('Compte rendu horaire attendu')).toHaveLength(2);
    await runUntil(2 * HOUR + 20 * MIN);
    expect(recipients(smtp.withSubject('RETARD'))).toEqual([...CRISIS_CELL].sort());

    await post(`/api/v1/incidents/${id}/resolve`);
    await runUntil(3 * HOUR);
    expect(smtp.withSubject('Interruption de service de plus de 6 heures')).toHaveLength(0);
    expect(smtp.duplicates()).toEqual([]);
  });

  it('a 7-hour incident: both steps, the client told at 6 h with the cause, updates every hour, closure', async () => {
    const id = await open('liaison-media-gateway');
    await post(`/api/v1/incidents/${id}/cause`, { cause: 'Coupure de la fibre entre le site et OCM.' });
    await runUntil(6 * HOUR - MIN);
    expect(smtp.withSubject('plus de 6 heures')).toHaveLength(0);

    await runUntil(6 * HOUR);
    const alert = smtp.withSubject('Interruption de service de plus de 6 heures');
    expect(recipients(alert)).toEqual(OCM_IT);
    expect(alert[0]!.text).toContain('Cause : Coupure de la fibre entre le site et OCM.');
    expect(recipients(smtp.withSubject('Plan de déploiement'))).toEqual(OCM_IT);
    expect(smtp.withSubject('Plan de déploiement')[0]!.text).toContain('Lancement des serveurs distants redondants');
    expect(recipients(smtp.withSubject('Bascule vers le site de secours proposée'))).toEqual([...CRISIS_CELL].sort());

    await runUntil(7 * HOUR + 30 * MIN);
    const updates = smtp.withSubject('Information régulière');
    expect(recipients(updates)).toEqual([...OCM_IT, ...CRISIS_CELL].sort());
    expect(updates[0]!.text).toContain('Prochaine information');

    await post(`/api/v1/incidents/${id}/resolve`, { summary: 'Fibre réparée par l’opérateur.' });
    await runUntil(9 * HOUR);
    // Updates stop at resolution: still only the one of +7h.
    expect(smtp.withSubject('Information régulière')).toHaveLength(updates.length);
    expect(recipients(smtp.withSubject('Incident résolu'))).toEqual([...TEAM, ...OCM_ALL].sort());

    const steps = (await timeline(id)).filter((e) => e.kind === 'step');
    expect(steps.map((s) => [s.ref, s.at - START])).toEqual([
      ['au-dela-60-minutes', 0],
      ['interruption-longue', 6 * HOUR],
    ]);
    expect(smtp.duplicates()).toEqual([]);
  });

  it('an ETA raised from 2 h to 8 h starts the long-interruption step at once', async () => {
    const id = await open('acces-si-ocm');
    await runUntil(10 * MIN);
    await post(`/api/v1/incidents/${id}/eta`, { etaIn: '1h50m' });
    await runUntil(30 * MIN);
    expect(smtp.withSubject('plus de 6 heures')).toHaveLength(0);

    await post(`/api/v1/incidents/${id}/eta`, { etaAt: START + 8 * HOUR });
    await runUntil(31 * MIN);
    expect(recipients(smtp.withSubject('Interruption de service de plus de 6 heures'))).toEqual(OCM_IT);
    const steps = (await timeline(id)).filter((e) => e.kind === 'step');
    expect(steps.map((s) => [s.ref, s.at - START])).toEqual([
      ['au-dela-60-minutes', 0],
      ['interruption-longue', 30 * MIN],
    ]);
  });

  it('SMTP down for 40 minutes: nothing lost, the SMS fallback used, then each email delivered once', async () => {
    await smtp.stop();
    const id = await open('patch-hermes');
    await runUntil(40 * MIN);
    expect(smtp.mails).toHaveLength(0);
    // The fallback went to every recipient with a phone number, once.
    const phones = sms.bodies.map((b) => (b.body as { to: string }).to);
    expect(phones.length).toBeGreaterThan(0);
    expect(new Set(sms.bodies.map((b) => b.idempotencyKey)).size).toBe(sms.bodies.length);

    await smtp.start();
    await runUntil(60 * MIN);
    const expected = (
      (await t.request(t.as.operator, 'GET', `/api/v1/incidents/${id}/notifications`)).json() as {
        channel: string;
        status: string;
        fallbackOf: string | null;
      }[]
    ).filter((n) => n.channel === 'email');
    expect(expected.every((n) => n.status === 'sent')).toBe(true);
    expect(smtp.mails).toHaveLength(expected.length);
    expect(smtp.duplicates()).toEqual([]);

    const deliveries = (await timeline(id)).filter((e) => e.kind === 'delivery');
    expect(deliveries.some((e) => e.data['status'] === 'retrying')).toBe(true);
    expect(deliveries.some((e) => e.data['status'] === 'fallback')).toBe(true);
    expect(phones.length).toBe(sms.bodies.length);
  });
});
