import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDetail } from '@vigie/contract';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { AgentProcess, TestServer, waitFor } from './agent-harness';

const HOUR = 3_600_000;

/**
 * The seed plan, its SQL backup check made real, with a minimum of 1 MB rather than 1 GB; in
 * English, the language of the check's messages these tests read.
 */
function planWithBackupCheck(): string {
  const plan = SEED_PLAN_TEXT.replace('\nlanguage: fr\n', '\nlanguage: en\n').replace(
    'options: { backup: sql-nightly, maxAge: 26h, minSize: 1GB }\n    example: true',
    'options: { backup: sql-nightly, maxAge: 26h, minSize: 1MB }',
  );
  if (plan === SEED_PLAN_TEXT) throw new Error('the seed plan changed: update planWithBackupCheck');
  return plan;
}

interface Room {
  timeline: { kind: string; summary: string; data: Record<string, unknown> }[];
}

describe.each(DIALECTS)('backup freshness reported by an agent, on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-agent-backups-'));
  const folder = join(dir, 'Backups', 'SQL');
  let server: TestServer;
  let agent: AgentProcess;

  /** Writes a backup of `bytes` bytes last written `hoursAgo` hours ago; returns its mtime. */
  const writeBackup = (name: string, bytes: number, hoursAgo: number): number => {
    const file = join(folder, name);
    writeFileSync(file, Buffer.alloc(bytes, 7));
    const when = new Date(Date.now() - hoursAgo * HOUR);
    utimesSync(file, when, when);
    return Math.round(statSync(file).mtimeMs);
  };
  const age = (name: string, hoursAgo: number) => {
    const when = new Date(Date.now() - hoursAgo * HOUR);
    utimesSync(join(folder, name), when, when);
  };

  const backupCheck = async () => {
    const detail = (await server.api<AgentDetail>('GET', '/api/v1/agents/sql-principal')).body;
    return detail.checks.find((c) => c.checkId === 'sauvegarde-sql');
  };
  /** Waits until the check, judged on the latest report and in the monitoring, is `status` with a matching message. */
  const judged = async (status: 'up' | 'down', message: RegExp) => {
    const check = await waitFor(`sauvegarde-sql ${status} (${message})`, async () => {
      const c = await backupCheck();
      return c?.status === status && message.test(c.message) ? c : undefined;
    });
    await waitFor(`the monitoring to hold sauvegarde-sql ${status}`, async () => {
      const row = await server
        .vigie!.database.db.selectFrom('check_states')
        .select('state')
        .where('check_id', '=', 'sauvegarde-sql')
        .executeTakeFirst();
      return row?.state === status ? true : undefined;
    });
    return check;
  };

  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    server = await TestServer.create(dialect, planWithBackupCheck());
    const enrolled = await server.api<{ token: string }>('POST', '/api/v1/agents', {
      id: 'sql-principal',
      name: 'Serveur SQL',
      assets: ['serveur-sql'],
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    agent = AgentProcess.write(join(dir, 'agent'), {
      server: server.url,
      token: enrolled.body.token,
      agentId: 'sql-principal',
      assets: ['serveur-sql'],
      reportEvery: '1s',
      usbStorage: false,
      backups: { 'sql-nightly': { path: folder, pattern: '*.bak' } },
    });
  });

  afterAll(async () => {
    await agent?.stop();
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  let freshAt = 0;

  it('a fresh backup of the expected size keeps the check up, with its name, size and age', async () => {
    writeBackup('crm_20260103.bak', 2_500_000, 50);
    freshAt = writeBackup('crm_20260104.bak', 2_000_000, 5);
    writeBackup('lisezmoi.txt', 10, 0);
    agent.start();
    const check = await judged('up', /newest backup/);
    expect(check.message).toMatch(/^newest backup crm_20260104\.bak: 2 MB, written 5 h ago \(2 files in .*SQL\)$/);
  });

  it('measures the recovery point of a data loss from the newest backup’s own time', async () => {
    const opened = await server.api<{ incident: { id: string } }>('POST', '/api/v1/incidents', {
      threatId: 'perte-donnees',
      title: 'Table des fiches clients supprimée',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const room = (await server.api<Room>('GET', `/api/v1/incidents/${opened.body.incident.id}`)).body;
    const note = room.timeline.find((e) => e.kind === 'note' && e.data['check'] === 'sauvegarde-sql');
    expect(note?.summary).toMatch(
      /^Sauvegarde SQL de la nuit sur disque \(âge et taille\): newest backup crm_20260104\.bak written 5h before the incident — data since then is at risk \(recovery point\)$/,
    );
    expect(note?.data).toMatchObject({ recoveryPoint: freshAt, backupFile: 'crm_20260104.bak' });
    expect(Math.abs((note!.data['dataAtRiskMs'] as number) - 5 * HOUR)).toBeLessThan(60_000);
  });

  it('an old backup makes the check down, saying how old', async () => {
    age('crm_20260104.bak', 30);
    const check = await judged('down', /old/);
    expect(check.message).toMatch(
      /^newest backup crm_20260104\.bak is 30 h old, over the 26 h limit \(2 MB, in .*SQL\)$/,
    );
  });

  it('a fresh backup that is too small makes the check down, saying its size', async () => {
    writeBackup('crm_20260105.bak', 10_000, 0);
    const check = await judged('down', /minimum/);
    expect(check.message).toMatch(
      /^newest backup crm_20260105\.bak is 10 KB, under the 1 MB minimum \(written \d+ s ago, in .*SQL\)$/,
    );
  });

  it('a missing folder makes the check down while the agent keeps reporting', async () => {
    renameSync(folder, `${folder}-moved`);
    const check = await judged('down', /cannot read/);
    expect(check.message).toBe(`cannot read backup folder sql-nightly (${folder}): folder not found`);
    const detail = (await server.api<AgentDetail>('GET', '/api/v1/agents/sql-principal')).body;
    expect(detail.status).toBe('reporting');
    expect(detail.lastReport?.backups).toEqual([
      { name: 'sql-nightly', path: folder, pattern: '*.bak', error: 'folder not found' },
    ]);
  });

  it('an empty folder makes the check down; the next good backup brings it back up', async () => {
    mkdirSync(folder);
    await judged('down', /no backup in/);
    writeBackup('crm_20260106.bak', 3_000_000, 0);
    const check = await judged('up', /newest backup/);
    expect(check.message).toMatch(/^newest backup crm_20260106\.bak: 3 MB, written \d+ s ago \(1 file in .*SQL\)$/);
  });
});
