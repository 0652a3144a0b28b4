import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, seedPlanWithRealContacts, type TestApp } from '../../packages/server/src/testing/test-app';
import { RecordingChannels } from '../../packages/server/src/engine/recording-channels';

/** A second client, so that scoping can be seen. */
function planWithTwoClients(): string {
  return seedPlanWithRealContacts()
    .replace(
      'clients:\n  - id: ocm\n',
      'clients:\n  - id: autre\n    name: Autre client\n    contacts:\n      - id: autre-dsi\n        name: DSI Autre\n        email: dsi@autre.example\n  - id: ocm\n',
    )
    .replace('  - id: patch-hermes\n', '  - id: patch-hermes\n    clients: [ocm]\n');
}

describe.each(DIALECTS)('incidents through the API on %s', (dialect) => {
  let t: TestApp;
  const channels = new RecordingChannels();
  beforeAll(async () => {
    t = await createTestApp(dialect, { planText: planWithTwoClients(), channels });
  });
  afterAll(() => t.close());

  const open = async (body: Record<string, unknown>) => t.request(t.as.operator, 'POST', '/api/v1/incidents', body);

  it('opens an incident by hand, with the threat’s target as its expected duration', async () => {
    const response = await open({ threatId: 'espace-hmp', cause: 'Fichiers audio non archivés' });
    expect(response.statusCode).toBe(201);
    const { incident } = response.json();
    expect(incident).toMatchObject({
      number: 1,
      status: 'open',
      threatId: 'espace-hmp',
      severity: 'major',
      clients: ['autre', 'ocm'],
    });
    const list = (await t.request(t.as.viewer, 'GET', '/api/v1/incidents?status=active')).json();
    expect(list[0]).toMatchObject({
      id: incident.id,
      targetMs: 20 * 60_000,
      expectedMs: 20 * 60_000,
      nextEscalation: { stepId: 'au-dela-60-minutes' },
    });
  });

  it('joins a second report of the same failure to the open incident', async () => {
    const again = await open({ threatId: 'espace-hmp' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ deduplicated: true, incident: { number: 1 } });
  });

  it('walks the life of an incident: acknowledge, ETA, note, mitigate, resolve, close, reopen', async () => {
    const { incident } = (await open({ threatId: 'deconnexion-crm' })).json();
    const path = `/api/v1/incidents/${incident.id}`;
    expect((await t.request(t.as.operator, 'POST', `${path}/acknowledge`)).json()).toMatchObject({
      status: 'acknowledged',
    });
    expect((await t.request(t.as.operator, 'POST', `${path}/acknowledge`)).statusCode).toBe(409);
    const eta = await t.request(t.as.operator, 'POST', `${path}/eta`, { etaIn: '45m' });
    expect(eta.json().etaAt).toBe(t.clock.now() + 45 * 60_000);
    expect(
      (await t.request(t.as.operator, 'POST', `${path}/notes`, { text: 'Service CRM redémarré', kind: 'action' }))
        .statusCode,
    ).toBe(204);
    expect((await t.request(t.as.operator, 'POST', `${path}/mitigate`)).json()).toMatchObject({ status: 'mitigating' });
    expect((await t.request(t.as.operator, 'POST', `${path}/close`)).statusCode).toBe(409);
    expect(
      (await t.request(t.as.operator, 'POST', `${path}/resolve`, { summary: 'CRM reconnecté' })).json(),
    ).toMatchObject({ status: 'resolved' });
    expect((await t.request(t.as.operator, 'POST', `${path}/close`)).json()).toMatchObject({ status: 'closed' });
    expect(
      (await t.request(t.as.operator, 'POST', `${path}/reopen`, { reason: 'Nouvelle coupure' })).json(),
    ).toMatchObject({ status: 'open', resolvedAt: null });

    const room = (await t.request(t.as.operator, 'GET', path)).json();
    const statuses = room.timeline
      .filter((e: { kind: string }) => e.kind === 'status')
      .map((e: { data: { status: string } }) => e.data.status);
    expect(statuses).toEqual(['open', 'acknowledged', 'mitigating', 'resolved', 'closed', 'open']);
    expect(
      room.timeline.some(
        (e: { kind: string; summary: string }) => e.kind === 'action' && e.summary === 'Service CRM redémarré',
      ),
    ).toBe(true);
    expect(room.duties.map((d: { dutyId: string }) => d.dutyId)).toContain('rapport-incident');
  });

  it('runs the crisis cell: members, SITREP, action plan, detailed report', async () => {
    const { incident } = (await open({ threatId: 'patch-hermes' })).json();
    const path = `/api/v1/incidents/${incident.id}`;
    const sitrep = await t.request(t.as['crisis-manager'], 'POST', `${path}/sitreps`, {
      situation: 'Correctif en cours',
      actions: 'Fournisseur mobilisé',
      nextSteps: 'Test à 11h',
    });
    expect(sitrep.statusCode).toBe(201);
    const item = await t.request(t.as['crisis-manager'], 'POST', `${path}/action-items`, {
      title: 'Relancer le fournisseur',
      owner: 'admin-si',
    });
    expect(item.statusCode).toBe(201);
    const done = await t.request(t.as.operator, 'PATCH', `${path}/action-items/${item.json().id}`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done' });
    const room = (await t.request(t.as['crisis-manager'], 'GET', path)).json();
    expect(room.crisisCell.map((m: { role: string }) => m.role)).toEqual([
      'crisis-manager',
      'technical-lead',
      'communication-lead',
      'scribe',
    ]);
    expect(room.sitreps).toHaveLength(1);
    expect(room.actionItems[0]).toMatchObject({ title: 'Relancer le fournisseur', status: 'done' });

    // The 6-hour step owes a detailed report to every party: its text is sent when given.
    await t.request(t.as.operator, 'POST', `${path}/eta`, { etaIn: '8h' });
    const incomplete = await t.request(t.as.operator, 'POST', `${path}/duties/compte-rendu-detaille/complete`, {});
    expect(incomplete.statusCode).toBe(400);
    const report = await t.request(t.as.operator, 'POST', `${path}/duties/compte-rendu-detaille/complete`, {
      text: 'Chronologie, cause, actions et plan de retour à la normale.',
    });
    expect(report.json()).toMatchObject({ status: 'done' });
    await t.engine.runUntilIdle();
    const reports = channels.sent.filter((n) => n.event === 'detailed-report');
    expect(reports.map((n) => n.address)).toContain('dsi.permanence@ocm.example');
    expect(reports[0]!.text).toContain('Chronologie, cause, actions');

    const noCell = (await open({ threatId: 'acces-serveurs' })).json().incident;
    const refused = await t.request(t.as.operator, 'POST', `/api/v1/incidents/${noCell.id}/sitreps`, {
      situation: 'x',
      actions: 'y',
      nextSteps: 'z',
    });
    expect(refused.statusCode).toBe(412);
    expect(refused.json().message).toContain('60-minute step');
  });

  it('shows a client user only its own client’s incidents: in the list, by id, and in the stream', async () => {
    const other = (await open({ threatId: 'energie', clients: ['autre'] })).json().incident;
    const mine = (await open({ threatId: 'acces-si-ocm', clients: ['ocm'] })).json().incident;
    const list = (await t.request(t.as.client, 'GET', '/api/v1/incidents')).json() as {
      id: string;
      clients: string[];
    }[];
    expect(list.some((i) => i.id === mine.id)).toBe(true);
    expect(list.every((i) => i.clients.includes('ocm'))).toBe(true);
    expect((await t.request(t.as.client, 'GET', `/api/v1/incidents/${other.id}`)).statusCode).toBe(404);
    const room = (await t.request(t.as.client, 'GET', `/api/v1/incidents/${mine.id}`)).json();
    expect(room.timeline.every((e: { kind: string }) => e.kind !== 'notification')).toBe(true);
    expect((await t.request(t.as.client, 'GET', `/api/v1/incidents/${mine.id}/notifications`)).statusCode).toBe(403);
    expect((await t.request(t.as.client, 'POST', '/api/v1/incidents', { threatId: 'energie' })).statusCode).toBe(403);

    // The live stream, over a real socket.
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/incidents/stream`, {
      headers: { cookie: t.as.client.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await t.request(t.as.operator, 'POST', `/api/v1/incidents/${other.id}/acknowledge`);
    await t.request(t.as.operator, 'POST', `/api/v1/incidents/${mine.id}/acknowledge`);
    let text = '';
    while (!text.includes(mine.id)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('event: incident');
    expect(text).not.toContain(other.id);
  });

  it('refuses bad incident input with a message', async () => {
    expect((await open({ threatId: 'meteorite' })).json().message).toContain('unknown threat');
    expect((await open({ threatId: 'energie', assets: ['nowhere'] })).statusCode).toBe(400);
    expect((await open({ threatId: 'energie', startedAt: 'yesterday' })).statusCode).toBe(400);
    const { incident } = (await open({ threatId: 'perte-donnees' })).json();
    const eta = await t.request(t.as.operator, 'POST', `/api/v1/incidents/${incident.id}/eta`, { etaIn: 'soon' });
    expect(eta.statusCode).toBe(400);
    expect(eta.json().message).toContain('soon');
    expect((await t.request(t.as.operator, 'POST', `/api/v1/incidents/${incident.id}/eta`, {})).statusCode).toBe(400);
    expect((await t.request(t.as.operator, 'GET', '/api/v1/incidents?status=lost')).statusCode).toBe(400);
  });
});
