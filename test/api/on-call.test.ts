import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OnCallOverride, OnCallScheduleView } from '../../packages/contract/src';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, SEED_PLAN_TEXT, type TestApp } from '../../packages/server/src/testing/test-app';
import { withWeeklyRotation } from '../support/on-call-plan';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 2, 4, 9, 0); // Wednesday 4 March 2026, 10:00 in Douala

/** The seed plan with a weekly rotation of two, handing over on Mondays at 08:00 in Douala. */
const PLAN = withWeeklyRotation(SEED_PLAN_TEXT, ['technicien-astreinte', 'admin-si'], '2026-03-02T08:00:00+01:00');

describe.each(DIALECTS)('on-call schedules on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: PLAN, startAt: START });
  });
  afterAll(() => t.close());

  const schedules = async (query = '') => {
    const answer = await t.request(t.as.viewer, 'GET', `/api/v1/on-call${query}`);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as OnCallScheduleView[];
  };
  const replace = (body: Record<string, unknown>) =>
    t.request(t.as.operator, 'POST', '/api/v1/on-call/overrides', {
      scheduleId: 'astreinte-technique',
      personId: 'directeur-operations',
      from: START + DAY,
      to: START + 2 * DAY,
      ...body,
    });

  it('tells who is on call now and the shifts of the next four weeks', async () => {
    const [schedule] = await schedules();
    expect(schedule).toMatchObject({
      id: 'astreinte-technique',
      title: 'Astreinte technique',
      every: 7 * DAY,
      people: [
        { id: 'technicien-astreinte', name: "Technicien d'astreinte", example: true },
        { id: 'admin-si', name: 'Administrateur systèmes et réseaux', example: true },
      ],
      now: {
        personId: 'technicien-astreinte',
        from: Date.parse('2026-03-02T08:00:00+01:00'),
        to: Date.parse('2026-03-09T08:00:00+01:00'),
        overrideId: null,
      },
      overrides: [],
    });
    expect(schedule!.shifts.map((s) => [s.personId, new Date(s.from).toISOString()])).toEqual([
      ['technicien-astreinte', new Date(START).toISOString()],
      ['admin-si', '2026-03-09T07:00:00.000Z'],
      ['technicien-astreinte', '2026-03-16T07:00:00.000Z'],
      ['admin-si', '2026-03-23T07:00:00.000Z'],
      ['technicien-astreinte', '2026-03-30T07:00:00.000Z'],
    ]);
    expect(schedule!.shifts.at(-1)!.to).toBe(START + 28 * DAY);
  });

  it('lays a replacement over the rotation, audited, and takes it back', async () => {
    const created = await replace({ reason: '  Congé de Yannick  ' });
    expect(created.statusCode, created.body).toBe(201);
    const override = created.json() as OnCallOverride;
    expect(override).toMatchObject({
      scheduleId: 'astreinte-technique',
      personId: 'directeur-operations',
      personName: 'Directeur des opérations',
      from: START + DAY,
      to: START + 2 * DAY,
      reason: 'Congé de Yannick',
      createdAt: START,
    });

    const [schedule] = await schedules();
    expect(schedule!.overrides.map((o) => o.id)).toEqual([override.id]);
    expect(schedule!.shifts.slice(0, 3)).toEqual([
      expect.objectContaining({ personId: 'technicien-astreinte', from: START, to: START + DAY, overrideId: null }),
      expect.objectContaining({
        personId: 'directeur-operations',
        personName: 'Directeur des opérations',
        from: START + DAY,
        to: START + 2 * DAY,
        overrideId: override.id,
        reason: 'Congé de Yannick',
      }),
      expect.objectContaining({ personId: 'technicien-astreinte', from: START + 2 * DAY, overrideId: null }),
    ]);

    // Under way now, it is who is on call, to its end.
    const [during] = await schedules();
    expect(during!.now!.personId).toBe('technicien-astreinte');
    const nowCover = (
      await replace({ from: START - HOUR, to: START + 3 * HOUR, personId: 'admin-si' })
    ).json() as OnCallOverride;
    const [covered] = await schedules();
    expect(covered!.now).toMatchObject({
      personId: 'admin-si',
      from: START - HOUR,
      to: START + 3 * HOUR,
      overrideId: nowCover.id,
    });

    expect((await t.request(t.as.operator, 'DELETE', `/api/v1/on-call/overrides/${nowCover.id}`)).statusCode).toBe(204);
    expect((await t.request(t.as.operator, 'DELETE', `/api/v1/on-call/overrides/${nowCover.id}`)).statusCode).toBe(404);
    const [back] = await schedules();
    expect(back!.now!.personId).toBe('technicien-astreinte');

    const audit = (await t.request(t.as.auditor, 'GET', '/api/v1/audit?limit=1000')).json() as {
      action: string;
      subject: string;
      details: string;
    }[];
    expect(
      audit
        .filter((e) => e.subject === 'on-call:astreinte-technique')
        .map((e) => [e.action, (JSON.parse(e.details) as { override: string }).override]),
    ).toEqual([
      ['on-call.override', override.id],
      ['on-call.override', nowCover.id],
      ['on-call.override-delete', nowCover.id],
    ]);
  });

  it('lists the shifts of a period asked for, within a year', async () => {
    const [schedule] = await schedules(`?from=${START + 7 * DAY}&to=${START + 8 * DAY}`);
    expect(schedule!.shifts).toEqual([
      expect.objectContaining({ personId: 'admin-si', from: START + 7 * DAY, to: START + 8 * DAY }),
    ]);
    const tooLong = await t.request(t.as.viewer, 'GET', `/api/v1/on-call?from=${START}&to=${START + 400 * DAY}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toContain('a year of shifts at most');
    expect((await t.request(t.as.viewer, 'GET', `/api/v1/on-call?from=${START}&to=${START}`)).statusCode).toBe(400);
  });

  it('answers bad replacements with 4xx and a reason', async () => {
    const unknownPerson = await replace({ personId: 'personne' });
    expect(unknownPerson.statusCode).toBe(400);
    expect(unknownPerson.json().message).toContain('unknown team member "personne"');
    const clientContact = await replace({ personId: 'ocm-dsi' });
    expect(clientContact.statusCode).toBe(400);
    const unknownSchedule = await replace({ scheduleId: 'astreinte-nuit' });
    expect(unknownSchedule.statusCode).toBe(404);
    expect(unknownSchedule.json().message).toContain('known: astreinte-technique');
    const backwards = await replace({ from: START + 2 * DAY, to: START + DAY });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toContain('`to` must come after `from`');
    const past = await replace({ from: START - 2 * DAY, to: START - DAY });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('must end in the future');
    expect((await t.request(t.as.operator, 'DELETE', '/api/v1/on-call/overrides/nothing')).statusCode).toBe(404);
  });

  it('tells Prometheus who is on call, replaced or not, and a client user nothing of it', async () => {
    const metric = async (who: 'viewer' | 'client') =>
      (await t.request(t.as[who], 'GET', '/metrics')).body
        .split('\n')
        .filter((line) => line.startsWith('vigie_on_call'));
    expect(await metric('viewer')).toEqual([
      'vigie_on_call{schedule="astreinte-technique",person="technicien-astreinte",replaced="false"} 1',
    ]);
    const cover = (await replace({ personId: 'admin-si', from: START, to: START + HOUR })).json() as OnCallOverride;
    expect(await metric('viewer')).toEqual([
      'vigie_on_call{schedule="astreinte-technique",person="admin-si",replaced="true"} 1',
    ]);
    expect(await metric('client')).toEqual([]);
    await t.request(t.as.operator, 'DELETE', `/api/v1/on-call/overrides/${cover.id}`);
  });

  it('lets operators change the schedules, internal readers see them, and client users neither', async () => {
    expect((await t.request(t.as.viewer, 'POST', '/api/v1/on-call/overrides', {})).statusCode).toBe(403);
    expect((await t.request(t.as.auditor, 'GET', '/api/v1/on-call')).statusCode).toBe(200);
    expect((await t.request(t.as.client, 'GET', '/api/v1/on-call')).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/api/v1/on-call')).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('a plan without on-call schedules, on %s', (dialect) => {
  it('lists none, and refuses a replacement on a schedule it does not have', async () => {
    const t = await createTestApp(dialect, { planText: SEED_PLAN_TEXT.replace(/^onCall:\n(?: .*\n)+/m, '') });
    try {
      expect((await t.request(t.as.viewer, 'GET', '/api/v1/on-call')).json()).toEqual([]);
      const refused = await t.request(t.as.operator, 'POST', '/api/v1/on-call/overrides', {
        scheduleId: 'astreinte-technique',
        personId: 'admin-si',
        from: t.clock.now(),
        to: t.clock.now() + HOUR,
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().message).toBe('no on-call schedule "astreinte-technique" in the plan in force');
    } finally {
      await t.close();
    }
  });
});
