import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleCheckTransition } from '@vigie/core';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, seedPlanWithRealContacts, type TestApp } from '../../packages/server/src/testing/test-app';
import { simulateUntil } from '../../packages/server/src/engine/simulate';
import { RecordingChannels } from '../../packages/server/src/engine/recording-channels';

const START = Date.UTC(2026, 5, 1, 7, 0);
const HOUR = 3_600_000;

interface Run {
  id: string;
  kind: string;
  status: string;
  steps: { index: number; title: string; status: string; output: string | null; doneBy: string | null }[];
}

describe.each(DIALECTS)('runbooks on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, {
      planText: seedPlanWithRealContacts(),
      channels: new RecordingChannels(),
      startAt: START,
    });
  });
  afterEach(() => t.close());

  const open = async (threatId: string): Promise<string> =>
    ((await t.request(t.as.operator, 'POST', '/api/v1/incidents', { threatId })).json() as { incident: { id: string } })
      .incident.id;
  const runs = async (id: string): Promise<Run[]> =>
    (await t.request(t.as.operator, 'GET', `/api/v1/incidents/${id}/runbooks`)).json();
  const decide = (id: string, runId: string, index: number, decision: string, note?: string) =>
    t.request(t.as.operator, 'POST', `/api/v1/incidents/${id}/runbooks/${runId}/steps/${index}`, {
      decision,
      ...(note && { note }),
    });

  it("walks the threat's manual steps, each ticked by a person, into the timeline", async () => {
    const id = await open('patch-hermes');
    const started = await t.request(t.as.operator, 'POST', `/api/v1/incidents/${id}/runbooks`, { kind: 'threat' });
    expect(started.statusCode).toBe(201);
    const run = started.json() as Run;
    expect(run.status).toBe('waiting');
    expect(run.steps.map((s) => s.status)).toEqual(['awaiting-person', 'pending']);

    expect(
      (await t.request(t.as.operator, 'POST', `/api/v1/incidents/${id}/runbooks`, { kind: 'threat' })).statusCode,
    ).toBe(409);
    expect((await decide(id, run.id, 1, 'done')).statusCode).toBe(409);

    const first = (await decide(id, run.id, 0, 'done', 'Demande fournisseur n° 4512')).json() as Run;
    expect(first.steps.map((s) => s.status)).toEqual(['succeeded', 'awaiting-person']);
    const done = (await decide(id, run.id, 1, 'done')).json() as Run;
    expect(done.status).toBe('succeeded');
    expect(done.steps[0]).toMatchObject({ doneBy: 'operator@example.org', output: 'Demande fournisseur n° 4512' });

    const timeline = (await t.request(t.as.operator, 'GET', `/api/v1/incidents/${id}`)).json().timeline as {
      kind: string;
      summary: string;
    }[];
    const lines = timeline.filter((e) => e.kind === 'action').map((e) => e.summary);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('started (2 steps)'),
        expect.stringContaining('done by operator@example.org: Contacter le fournisseur'),
        expect.stringContaining('completed'),
      ]),
    );
    expect(
      (await t.request(t.as.viewer, 'POST', `/api/v1/incidents/${id}/runbooks`, { kind: 'threat' })).statusCode,
    ).toBe(403);
  });

  it('starts by itself on detection; an action with no agent for its asset waits for a person', async () => {
    await handleCheckTransition(t.ctx, {
      checkId: 'hmp-disque',
      from: 'up',
      to: 'down',
      at: t.clock.now(),
      message: 'C: 2 % libre',
    });
    await simulateUntil(t.engine, t.clock, t.store, START + 15_000);
    const incidents = (await t.request(t.as.operator, 'GET', '/api/v1/incidents')).json() as {
      id: string;
      threatId: string;
    }[];
    const id = incidents.find((i) => i.threatId === 'espace-hmp')!.id;
    const [run] = await runs(id);
    expect(run).toMatchObject({ kind: 'threat', status: 'waiting' });
    expect(run!.steps[0]).toMatchObject({
      status: 'awaiting-person',
      output: expect.stringContaining('no agent serves the asset serveur-hmp'),
    });
    const skipped = (await decide(id, run!.id, 0, 'skip', 'Archivage fait à la main')).json() as Run;
    expect(skipped.status).toBe('succeeded');
  });

  it('beyond 6 hours the failover runbook is laid out, its first action awaiting approval', async () => {
    const id = await open('liaison-media-gateway');
    await simulateUntil(t.engine, t.clock, t.store, START + 6 * HOUR + 1_000);
    const failover = (await runs(id)).find((r) => r.kind === 'failover')!;
    expect(failover.status).toBe('waiting');
    expect(failover.steps.map((s) => s.status)).toEqual(['awaiting-approval', 'pending', 'pending', 'pending']);
    // Approved, the action goes to the agent of the backup servers; none is enrolled here.
    const approved = (await decide(id, failover.id, 0, 'approve')).json() as Run;
    expect(approved.steps[0]).toMatchObject({
      status: 'awaiting-person',
      output: expect.stringContaining('no agent serves the asset serveurs-secours'),
    });
    const cancelled = await t.request(t.as.operator, 'POST', `/api/v1/incidents/${id}/runbooks/${failover.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
  });

  it('a data loss notes when the last good backup arrived: the recovery point achieved', async () => {
    await t.store.transaction((tx) =>
      tx.checkResults.insertMany([
        {
          checkId: 'sauvegarde-fraicheur',
          at: START - 30 * HOUR,
          status: 'up',
          latencyMs: 0,
          message: 'sauvegarde reçue',
          values: {},
        },
        {
          checkId: 'sauvegarde-fraicheur',
          at: START - 6 * HOUR,
          status: 'up',
          latencyMs: 0,
          message: 'sauvegarde reçue',
          values: {},
        },
      ]),
    );
    const id = await open('perte-donnees');
    const timeline = (await t.request(t.as.operator, 'GET', `/api/v1/incidents/${id}`)).json().timeline as {
      kind: string;
      summary: string;
      data: { dataAtRiskMs?: number };
    }[];
    const note = timeline.find((e) => e.summary.includes('last good backup'));
    expect(note?.data.dataAtRiskMs).toBe(6 * HOUR);
    expect(note?.summary).toContain('6h before the incident');
  });
});
