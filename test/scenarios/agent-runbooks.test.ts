import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { AgentProcess, TestServer, waitFor } from '../agent/agent-harness';

/**
 * The agent issue's done-when, end to end: real Vigie, real `vigie-agent` processes.
 * The HMP disk is a small tmpfs the test fills with recordings.
 */
const MIN_FREE = 50;

function planFor(hmpDisk: string): string {
  const plan = SEED_PLAN_TEXT.replace(
    "options: { disk: 'C:', minFreePercent: 15 }\n    example: true",
    `options: { disk: '${hmpDisk}', minFreePercent: ${MIN_FREE} }`,
  ).concat('\ndetection:\n  groupWait: 1s\n');
  if (!plan.includes(hmpDisk)) throw new Error('the seed plan changed: update planFor');
  return plan;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface Room {
  incident: { id: string; threatId: string; status: string };
  timeline: { kind: string; summary: string; data: Record<string, unknown> }[];
}
interface Run {
  id: string;
  kind: string;
  status: string;
  steps: { index: number; status: string }[];
}

describe('agents carry out the runbooks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-agent-runbooks-'));
  const hmpDisk = join(dir, 'hmp');
  const records = join(hmpDisk, 'records');
  const storage = join(dir, 'stockage-audio');
  const marks = join(dir, 'secours');
  let server: TestServer;
  let hmpAgent: AgentProcess;
  let backupAgent: AgentProcess;
  const originals = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(hmpDisk, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8M', 'tmpfs', hmpDisk]);
    mkdirSync(records);
    mkdirSync(storage);
    mkdirSync(marks);
    // Six megabytes of calls recorded last month fill the HMP disk beyond its threshold.
    const lastMonth = new Date(Date.now() - 30 * 86_400_000);
    for (let i = 0; i < 24; i++) {
      const day = join(records, `2026-10-${String(1 + (i % 12)).padStart(2, '0')}`);
      mkdirSync(day, { recursive: true });
      const file = join(day, `appel-${i}.wav`);
      writeFileSync(file, Buffer.alloc(256 * 1024, i));
      utimesSync(file, lastMonth, lastMonth);
      originals.set(file.slice(records.length + 1), sha256(file));
    }
    server = await TestServer.create('sqlite', planFor(hmpDisk));
    const enrol = async (id: string, assets: string[]) => {
      const answer = await server.api<{ token: string }>('POST', '/api/v1/agents', { id, name: id, assets });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.token;
    };
    hmpAgent = AgentProcess.write(join(dir, 'agent-hmp'), {
      server: server.url,
      token: await enrol('hmp-principal', ['serveur-hmp']),
      agentId: 'hmp-principal',
      assets: ['serveur-hmp'],
      reportEvery: '1s',
      disks: [hmpDisk],
      actions: { 'archive-audio': { kind: 'archive', source: records, dest: storage, olderThan: '7d' } },
    });
    backupAgent = AgentProcess.write(join(dir, 'agent-secours'), {
      server: server.url,
      token: await enrol('secours', ['serveurs-secours']),
      agentId: 'secours',
      assets: ['serveurs-secours'],
      reportEvery: '1s',
      disks: [dir],
      actions: {
        'start-servers': { kind: 'command', path: '/usr/bin/touch', args: [join(marks, 'serveurs-demarres')] },
        'start-crm': { kind: 'command', path: '/usr/bin/touch', args: [join(marks, 'crm-demarre')] },
        'stop-servers': {
          kind: 'command',
          path: '/bin/rm',
          args: ['-f', join(marks, 'serveurs-demarres'), join(marks, 'crm-demarre')],
        },
      },
    });
    hmpAgent.start();
    backupAgent.start();
  }, 90_000);

  afterAll(async () => {
    await hmpAgent?.stop();
    await backupAgent?.stop();
    await server?.dispose();
    if (existsSync(hmpDisk)) execFileSync('umount', [hmpDisk]);
    rmSync(dir, { recursive: true, force: true });
  });

  const incidents = async () => (await server.api<Room['incident'][]>('GET', '/api/v1/incidents')).body;
  const room = async (id: string) => (await server.api<Room>('GET', `/api/v1/incidents/${id}`)).body;
  const runs = async (id: string) => (await server.api<Run[]>('GET', `/api/v1/incidents/${id}/runbooks`)).body;

  it('HMP disk full, reported by the agent: the incident opens, the archive runs, space comes back, the incident resolves by itself', async () => {
    const opened = await waitFor(
      'the HMP incident',
      async () => (await incidents()).find((i) => i.threatId === 'espace-hmp'),
      60_000,
    );
    const resolved = await waitFor(
      'the incident to resolve itself',
      async () => ((await incidents()).find((i) => i.id === opened.id)?.status === 'resolved' ? true : undefined),
      90_000,
    );
    expect(resolved).toBe(true);

    // Every recording is at the audio storage, intact; the HMP disk is free again.
    for (const [name, hash] of originals) expect(sha256(join(storage, name)), name).toBe(hash);
    expect(readdirSync(records, { recursive: true }).filter((f) => String(f).endsWith('.wav'))).toEqual([]);

    const { timeline } = await room(opened.id);
    const lines = timeline.map((e) => e.summary);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('archive-audio asked of the agent of serveur-hmp'),
        expect.stringContaining('Archiver les enregistrements audio vers le serveur de stockage: succeeded'),
        expect.stringContaining('Back to normal'),
      ]),
    );
    const [run] = await runs(opened.id);
    expect(run).toMatchObject({ kind: 'threat', status: 'succeeded' });
  }, 180_000);

  it('a failover drill with the backup site’s agent completes, every step in the timeline', async () => {
    const opened = await server.api<{ incident: { id: string } }>('POST', '/api/v1/incidents', {
      threatId: 'liaison-media-gateway',
      title: 'Exercice de bascule vers le site de secours',
    });
    const id = opened.body.incident.id;
    const started = await server.api<Run>('POST', `/api/v1/incidents/${id}/runbooks`, { kind: 'failover' });
    expect(started.status).toBe(201);
    const runId = started.body.id;
    expect(started.body.steps.map((s) => s.status)).toEqual(['awaiting-approval', 'pending', 'pending', 'pending']);

    const step = (index: number, decision: string, note?: string) =>
      server.api<Run>('POST', `/api/v1/incidents/${id}/runbooks/${runId}/steps/${index}`, {
        decision,
        ...(note && { note }),
      });
    expect((await step(0, 'approve')).status).toBe(200);
    // The agent starts the servers, then the CRM, by themselves; the run waits for the person at the operator.
    const waiting = await waitFor(
      'the two actions',
      async () => {
        const run = (await runs(id)).find((r) => r.id === runId)!;
        return run.steps[2]!.status === 'awaiting-person' ? run : undefined;
      },
      60_000,
    );
    expect(waiting.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'awaiting-person', 'pending']);
    expect(existsSync(join(marks, 'serveurs-demarres'))).toBe(true);
    expect(existsSync(join(marks, 'crm-demarre'))).toBe(true);
    await step(2, 'done', 'OCM a rebasculé les liaisons voix à 10h12');
    const done = (await step(3, 'done', 'Appel de test passé, fiche ouverte')).body;
    expect(done.status).toBe('succeeded');

    // And back: the failback stops the backup servers.
    const back = await server.api<Run>('POST', `/api/v1/incidents/${id}/runbooks`, { kind: 'failback' });
    const backId = back.body.id;
    const fb = (index: number, decision: string) =>
      server.api<Run>('POST', `/api/v1/incidents/${id}/runbooks/${backId}/steps/${index}`, { decision });
    await fb(0, 'done');
    await fb(1, 'done');
    await fb(2, 'approve');
    await waitFor(
      'the failback',
      async () => ((await runs(id)).find((r) => r.id === backId)?.status === 'succeeded' ? true : undefined),
      60_000,
    );
    expect(existsSync(join(marks, 'serveurs-demarres'))).toBe(false);

    const actions = (await room(id)).timeline.filter((e) => e.kind === 'action').map((e) => e.summary);
    for (const expected of [
      'approved by admin@example.org: Démarrer les serveurs distants redondants',
      'Démarrer les serveurs distants redondants: succeeded',
      'Démarrer les services du CRM sur le site de secours: succeeded',
      'done by admin@example.org: Demander à OCM le réacheminement des appels',
      "done by admin@example.org: Vérifier la prise d'appels depuis le site de secours",
      'Bascule vers le site secours: completed',
      'Arrêter les serveurs du site de secours: succeeded',
      'Retour depuis le site secours: completed',
    ]) {
      expect(
        actions.some((line) => line.includes(expected)),
        expected,
      ).toBe(true);
    }
  }, 180_000);
});
