import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, SEED_PLAN_TEXT, type TestApp } from '../../packages/server/src/testing/test-app';

const HOUR = 3_600_000;
const DISK_FULL = {
  alertname: 'HmpDiskFull',
  instance: 'hmp.principal.mediacontact.example:9182',
  severity: 'critical',
};
const DISK_FULL_OTHER = { ...DISK_FULL, instance: 'hmp.secours.mediacontact.example:9182' };

interface SilenceBody {
  id: string;
  state: string;
  mutedCount: number;
  lastMutedAt: number | null;
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  matchers: unknown[];
}

/** Silences: inbound alerts muted by label matchers for a while, as in Alertmanager. */
describe.each(DIALECTS)('silences on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: SEED_PLAN_TEXT });
  });
  afterAll(() => t.close());
  let expiredId = '';

  const silence = (body: unknown) => t.request(t.as.operator, 'POST', '/api/v1/silences', body);
  const alert = (labels: Record<string, string>, status: 'firing' | 'resolved' = 'firing') =>
    t.request(t.as.operator, 'POST', '/api/v1/alerts', { labels, status, summary: 'Disque plein' });
  const list = async (query = '') =>
    (await t.request(t.as.viewer, 'GET', `/api/v1/silences${query}`)).json() as SilenceBody[];
  const liveSignals = async () =>
    ((await t.request(t.as.viewer, 'GET', '/api/v1/signals')).json() as { source: string; threatId: string }[]).filter(
      (s) => s.source.startsWith('alert:'),
    );

  it('mutes matching firing alerts while active — no signal, counted on the silence — and lets others through', async () => {
    const created = await silence({
      matchers: [
        { name: 'alertname', value: 'HmpDiskFull' },
        { name: 'instance', value: 'hmp\\.principal\\..*', isRegex: true },
      ],
      endsAt: t.clock.now() + 2 * HOUR,
      comment: 'Remplacement du disque de la HMP',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json() as SilenceBody;
    expect(body).toMatchObject({
      state: 'active',
      startsAt: t.clock.now(),
      mutedCount: 0,
      lastMutedAt: null,
      comment: 'Remplacement du disque de la HMP',
      matchers: [
        { name: 'alertname', value: 'HmpDiskFull', isRegex: false, isEqual: true },
        { name: 'instance', value: 'hmp\\.principal\\..*', isRegex: true, isEqual: true },
      ],
    });
    expect(body.createdBy).not.toBe('');

    const muted = await alert(DISK_FULL);
    expect(muted.statusCode).toBe(202);
    expect(muted.json()).toMatchObject({
      matched: 0,
      alerts: [{ status: 'firing', threats: [], silencedBy: body.id }],
    });
    expect(await liveSignals()).toEqual([]);

    // The same alert from the redundant site is not covered: it raises its threat.
    const heard = await alert(DISK_FULL_OTHER);
    expect(heard.json()).toMatchObject({ matched: 1, alerts: [{ threats: ['espace-hmp'] }] });
    expect(heard.json().alerts[0].silencedBy).toBeUndefined();
    expect((await liveSignals()).map((s) => s.threatId)).toEqual(['espace-hmp']);
    await alert(DISK_FULL_OTHER, 'resolved');

    t.clock.advance(60_000);
    await alert(DISK_FULL);
    const [listed] = await list();
    expect(listed).toMatchObject({ id: body.id, state: 'active', mutedCount: 2, lastMutedAt: t.clock.now() });
    const metrics = (await t.request(t.as.viewer, 'GET', '/metrics')).body.split('\n');
    expect(metrics).toContain('vigie_alerts_received_total{format="generic",outcome="silenced"} 2');
  });

  it('hears the alerts again once the silence is expired, and keeps the expired one listed a week', async () => {
    const [active] = await list('?state=active');
    const expired = await t.request(t.as.operator, 'DELETE', `/api/v1/silences/${active!.id}`);
    expect(expired.statusCode).toBe(204);
    expect((await alert(DISK_FULL)).json()).toMatchObject({ matched: 1, alerts: [{ threats: ['espace-hmp'] }] });
    expect((await liveSignals()).map((s) => s.threatId)).toEqual(['espace-hmp']);
    await alert(DISK_FULL, 'resolved');

    expect(await list('?state=expired')).toMatchObject([{ id: active!.id, endsAt: t.clock.now() }]);
    const again = await t.request(t.as.operator, 'DELETE', `/api/v1/silences/${active!.id}`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('already expired');

    const auditAnswer = await t.request(t.as.auditor, 'GET', '/api/v1/audit?limit=1000');
    expect(auditAnswer.statusCode, auditAnswer.body).toBe(200);
    const audit = auditAnswer.json() as {
      action: string;
      subject: string;
    }[];
    expect(audit.filter((e) => e.subject === `silence:${active!.id}`).map((e) => e.action)).toEqual([
      'silence.create',
      'silence.expire',
    ]);
    expiredId = active!.id;
  });

  it('starts a pending silence at its time, and changes one in place', async () => {
    const start = t.clock.now() + HOUR;
    const pending = (
      await silence({
        matchers: [{ name: 'alertname', value: 'HmpDiskFull' }],
        startsAt: start,
        endsAt: start + HOUR,
        comment: 'Intervention planifiée',
      })
    ).json() as SilenceBody;
    expect(pending.state).toBe('pending');
    expect((await alert(DISK_FULL)).json().alerts[0].silencedBy).toBeUndefined();
    await alert(DISK_FULL, 'resolved');

    const changed = await t.request(t.as.operator, 'PUT', `/api/v1/silences/${pending.id}`, {
      matchers: [{ name: 'alertname', value: 'HmpDiskFull' }],
      endsAt: t.clock.now() + 30 * 60_000,
      comment: 'Intervention avancée',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: pending.id, state: 'active', comment: 'Intervention avancée' });
    expect((await alert(DISK_FULL)).json().alerts[0].silencedBy).toBe(pending.id);

    t.clock.advance(30 * 60_000);
    expect((await alert(DISK_FULL)).json().alerts[0].silencedBy).toBeUndefined();
    await alert(DISK_FULL, 'resolved');
  });

  it('refuses silences that would mute everything, end in the past, or hold a bad pattern — with a reason', async () => {
    const reasons: [unknown, RegExp][] = [
      [{ matchers: [], endsAt: t.clock.now() + HOUR, comment: 'x' }, /at least one matcher/],
      [
        { matchers: [{ name: 'alertname', value: '.*', isRegex: true }], endsAt: t.clock.now() + HOUR, comment: 'x' },
        /mute every alert/,
      ],
      [{ matchers: [{ name: 'alertname', value: 'X' }], endsAt: t.clock.now() - 1, comment: 'x' }, /in the future/],
      [
        { matchers: [{ name: 'alertname', value: '(', isRegex: true }], endsAt: t.clock.now() + HOUR, comment: 'x' },
        /not a regular expression/,
      ],
      [{ matchers: [{ name: '1bad', value: 'X' }], endsAt: t.clock.now() + HOUR, comment: 'x' }, /label name/],
      [
        { matchers: [{ name: 'instance', value: '(a+)+', isRegex: true }], endsAt: t.clock.now() + HOUR, comment: 'x' },
        /repeats a repetition/,
      ],
      [{ matchers: [{ name: 'alertname', value: 'X' }], endsAt: t.clock.now() + HOUR, comment: '  ' }, /say why/],
    ];
    for (const [body, reason] of reasons) {
      const answer = await silence(body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(answer.json().message).toMatch(reason);
    }
    expect((await t.request(t.as.operator, 'DELETE', '/api/v1/silences/nope')).statusCode).toBe(404);
    expect((await t.request(t.as.viewer, 'GET', '/api/v1/silences/nope')).statusCode).toBe(404);
  });

  it('lets operators silence and everyone inside read, not clients', async () => {
    const body = { matchers: [{ name: 'alertname', value: 'X' }], endsAt: t.clock.now() + HOUR, comment: 'essai' };
    expect((await t.request(t.as.viewer, 'POST', '/api/v1/silences', body)).statusCode).toBe(403);
    expect((await t.request(t.as.client, 'GET', '/api/v1/silences')).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/api/v1/silences')).statusCode).toBe(401);
  });

  it("speaks Alertmanager's API v2 for silences: add, list with a filter, change, expire", async () => {
    const api = '/api/v1/prometheus/api/v2';
    const added = await t.request(t.as.operator, 'POST', `${api}/silences`, {
      matchers: [{ name: 'alertname', value: 'SipGatewayDown', isRegex: false, isEqual: true }],
      startsAt: new Date(t.clock.now()).toISOString(),
      endsAt: new Date(t.clock.now() + HOUR).toISOString(),
      createdBy: 'amtool',
      comment: 'Travaux sur la passerelle',
    });
    expect(added.statusCode).toBe(200);
    const { silenceID } = added.json() as { silenceID: string };
    const one = (await t.request(t.as.viewer, 'GET', `${api}/silence/${silenceID}`)).json();
    expect(one).toMatchObject({
      id: silenceID,
      status: { state: 'active' },
      matchers: [{ name: 'alertname', value: 'SipGatewayDown', isRegex: false, isEqual: true }],
      endsAt: new Date(t.clock.now() + HOUR).toISOString(),
      comment: 'Travaux sur la passerelle',
    });
    const filtered = async (filter: string) =>
      (
        (await t.request(t.as.viewer, 'GET', `${api}/silences?filter=${encodeURIComponent(filter)}`)).json() as {
          id: string;
        }[]
      ).map((s) => s.id);
    expect(await filtered('alertname="SipGatewayDown"')).toContain(silenceID);
    expect(await filtered('alertname="Other"')).not.toContain(silenceID);
    const badFilter = await t.request(t.as.viewer, 'GET', `${api}/silences?filter=${encodeURIComponent('alertname')}`);
    expect(badFilter.statusCode).toBe(400);

    const updated = await t.request(t.as.operator, 'POST', `${api}/silences`, {
      id: silenceID,
      matchers: [{ name: 'alertname', value: 'SipGatewayDown', isRegex: false }],
      startsAt: new Date(t.clock.now()).toISOString(),
      endsAt: new Date(t.clock.now() + 3 * HOUR).toISOString(),
      createdBy: 'amtool',
      comment: 'Travaux prolongés',
    });
    expect(updated.json()).toEqual({ silenceID });
    expect((await t.request(t.as.operator, 'DELETE', `${api}/silence/${silenceID}`)).statusCode).toBe(200);
    const gone = (await t.request(t.as.viewer, 'GET', `${api}/silence/${silenceID}`)).json();
    expect(gone).toMatchObject({ status: { state: 'expired' }, comment: 'Travaux prolongés' });

    const badDate = await t.request(t.as.operator, 'POST', `${api}/silences`, {
      matchers: [{ name: 'alertname', value: 'X', isRegex: false }],
      startsAt: 'hier',
      endsAt: new Date(t.clock.now() + HOUR).toISOString(),
      createdBy: 'amtool',
      comment: 'x',
    });
    expect(badDate.statusCode).toBe(400);
    // Alertmanager's own way: the reason as a JSON string.
    expect(badDate.json()).toContain('expected a date and time');
  });

  it('forgets an expired silence a week after it ended', async () => {
    expect((await list()).map((s) => s.id)).toContain(expiredId);
    t.clock.advance(7 * 24 * HOUR + 1);
    const reader = await t.request(t.as.viewer, 'GET', '/api/v1/silences');
    // Sessions end after 12 hours: a week later the store is read directly.
    expect([200, 401]).toContain(reader.statusCode);
    const kept = await t.store.transaction((tx) => tx.silences.endingAfter(t.clock.now() - 7 * 24 * HOUR));
    expect(kept.map((s) => s.id)).not.toContain(expiredId);
  });
});
