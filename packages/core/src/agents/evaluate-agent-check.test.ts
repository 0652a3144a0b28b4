import { describe, expect, it } from 'vitest';
import type { AgentCheckOptions, AgentReport, BackupReport } from '@vigie/contract';
import {
  combineAgentResults,
  evaluateAgentCheck,
  parseAgentCheckOptions,
  wrongOptionsMessage,
} from './evaluate-agent-check';

const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);
const HOUR = 3_600_000;

function report(changes: Partial<AgentReport> = {}): AgentReport {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    seq: 1,
    at: NOW - 5_000,
    agentId: 'hmp',
    hostname: 'HMP01',
    platform: 'win32',
    assets: ['serveur-hmp'],
    intervalMs: 60_000,
    uptimeMs: 3_600_000,
    cpu: { cores: 4, usedPercent: 20, load1: null },
    memory: { totalBytes: 16e9, availableBytes: 8e9, usedPercent: 50 },
    disks: [{ path: 'C:\\', totalBytes: 100e9, freeBytes: 30e9, freePercent: 30 }],
    services: [{ name: 'Onnet32Slave', driver: 'windows', state: 'running', detail: 'RUNNING' }],
    usbStorage: { state: 'disabled', evidence: 'USBSTOR Start = 4 (disabled)' },
    backups: [sqlBackup({ sizeBytes: 1.43e9, modifiedAt: NOW - 5 * HOUR })],
    actions: [],
    ...changes,
  };
}

/** The SQL server's nightly backup folder with `newest` as its newest file (12 files). */
function sqlBackup(newest: { sizeBytes: number; modifiedAt: number } | null): BackupReport {
  return {
    name: 'sql-nightly',
    path: 'D:\\Backups\\SQL',
    pattern: '*.bak',
    files: newest ? 12 : 0,
    newest: newest && { file: 'crm_20260105.bak', ...newest },
  };
}

function judge(options: AgentCheckOptions, r: AgentReport | undefined, receivedAt: number | null = NOW - 5_000) {
  return evaluateAgentCheck(options, { agentId: 'hmp', agentName: 'HMP', report: r, receivedAt }, NOW);
}

describe('evaluateAgentCheck', () => {
  it.each([
    [
      'a disk above its threshold is up',
      { disk: 'C:', minFreePercent: 15 },
      report(),
      'up',
      /disk C:\\: 30 % free \(30\.0 GB of 100\.0 GB\)/,
    ],
    [
      'a disk under minFreePercent is down',
      { disk: 'C:', minFreePercent: 40 },
      report(),
      'down',
      /30 % free .*under the 40 % threshold/,
    ],
    [
      'a disk under warnFreePercent is degraded',
      { disk: 'c:\\', minFreePercent: 10, warnFreePercent: 35 },
      report(),
      'degraded',
      /under the 35 % warning/,
    ],
    [
      'a disk not reported is down and says how to fix it',
      { disk: 'D:', minFreePercent: 10 },
      report(),
      'down',
      /disk D: is not reported by the agent: add it under disks/,
    ],
    [
      'a disk the agent could not read is down',
      { disk: '/var', minFreePercent: 10 },
      report({ disks: [{ path: '/var/', error: 'ENOENT' }] }),
      'down',
      /cannot read disk \/var\/: ENOENT/,
    ],
    ['a running service is up', { service: 'onnet32slave' }, report(), 'up', /service Onnet32Slave is running/],
    [
      'a stopped service is down',
      { service: 'Onnet32Slave' },
      report({
        services: [{ name: 'Onnet32Slave', driver: 'windows', state: 'stopped', detail: 'STOPPED, exit code 1067' }],
      }),
      'down',
      /service Onnet32Slave is stopped \(STOPPED, exit code 1067\)/,
    ],
    [
      'a service not installed is down',
      { service: 'Onnet32Slave' },
      report({ services: [{ name: 'Onnet32Slave', driver: 'windows', state: 'missing', detail: '' }] }),
      'down',
      /is not installed/,
    ],
    ['a service not watched is down', { service: 'MSSQLSERVER' }, report(), 'down', /not watched by the agent/],
    [
      'USB storage disabled as expected is up',
      { usbStorage: 'disabled' },
      report(),
      'up',
      /USB mass storage is disabled on HMP01/,
    ],
    [
      'USB storage enabled when disabled is expected is down',
      { usbStorage: 'disabled' },
      report({ usbStorage: { state: 'enabled', evidence: 'USBSTOR Start = 3' } }),
      'down',
      /USB mass storage is enabled on HMP01, disabled expected: USBSTOR Start = 3/,
    ],
    [
      'a USB policy that cannot be read is degraded',
      { usbStorage: 'disabled' },
      report({ usbStorage: { state: 'unknown', evidence: 'reg failed' } }),
      'degraded',
      /could not be read/,
    ],
    [
      'a USB policy not reported is down',
      { usbStorage: 'disabled' },
      report({ usbStorage: null }),
      'down',
      /not reported/,
    ],
    [
      'memory over its limit is degraded',
      { maxMemoryPercent: 40 },
      report(),
      'degraded',
      /memory 50 % used, over 40 %/,
    ],
    [
      'a fresh backup of the expected size is up, saying what was found',
      { backup: 'sql-nightly', maxAge: 26 * HOUR, minSize: 1e9 },
      report(),
      'up',
      /^newest backup crm_20260105\.bak: 1\.43 GB, written 5 h ago \(12 files in D:\\Backups\\SQL\)$/,
    ],
    [
      'a backup older than maxAge is down',
      { backup: 'sql-nightly', maxAge: 26 * HOUR },
      report({ backups: [sqlBackup({ sizeBytes: 1.43e9, modifiedAt: NOW - 30.5 * HOUR })] }),
      'down',
      /^newest backup crm_20260105\.bak is 30\.5 h old, over the 26 h limit \(1\.43 GB, in D:\\Backups\\SQL\)$/,
    ],
    [
      'a backup smaller than minSize is down',
      { backup: 'sql-nightly', maxAge: 26 * HOUR, minSize: 1e9 },
      report({ backups: [sqlBackup({ sizeBytes: 120e6, modifiedAt: NOW - 2 * HOUR })] }),
      'down',
      /^newest backup crm_20260105\.bak is 120 MB, under the 1 GB minimum \(written 2 h ago, in D:\\Backups\\SQL\)$/,
    ],
    [
      'a backup both old and small says both',
      { backup: 'sql-nightly', maxAge: 26 * HOUR, minSize: 1e9 },
      report({ backups: [sqlBackup({ sizeBytes: 120e6, modifiedAt: NOW - 4 * 86_400_000 })] }),
      'down',
      /is 4 d old, over the 26 h limit, and 120 MB, under the 1 GB minimum \(in D:/,
    ],
    [
      'a backup folder without any backup is down',
      { backup: 'sql-nightly', maxAge: 26 * HOUR },
      report({ backups: [sqlBackup(null)] }),
      'down',
      /^no backup in D:\\Backups\\SQL: no file matches \*\.bak$/,
    ],
    [
      'a backup folder the agent cannot read is down, saying why',
      { backup: 'sql-nightly', maxAge: 26 * HOUR },
      report({
        backups: [{ name: 'sql-nightly', path: 'D:\\Backups\\SQL', pattern: '*.bak', error: 'folder not found' }],
      }),
      'down',
      /^cannot read backup folder sql-nightly \(D:\\Backups\\SQL\): folder not found$/,
    ],
    [
      'a backup folder not watched is down and says how to fix it',
      { backup: 'pg-dumps', maxAge: 26 * HOUR },
      report(),
      'down',
      /backup folder pg-dumps is not watched by the agent: add it under backups/,
    ],
    [
      'a report of an older agent, without backups, is down for a backup check',
      { backup: 'sql-nightly', maxAge: 26 * HOUR },
      report({ backups: [] }),
      'down',
      /not watched by the agent/,
    ],
    [
      'the worst criterion wins and is told first',
      { disk: 'C:', minFreePercent: 10, service: 'Onnet32Slave', maxCpuPercent: 10 },
      report(),
      'degraded',
      /^CPU 20 % used, over 10 %$/,
    ],
  ] as const)('%s', (_name, options, r, status, message) => {
    const result = judge(options, r);
    expect(result.status).toBe(status);
    expect(result.message).toMatch(message);
    expect(result.latencyMs).toBe(0);
  });

  it('says the agent never reported', () => {
    expect(judge({ disk: 'C:' }, undefined, null)).toMatchObject({
      status: 'down',
      message: 'agent HMP has never reported',
    });
  });

  it('stays as reported until three intervals pass, then says the agent is silent', () => {
    expect(judge({ disk: 'C:' }, report(), NOW - 180_000).status).toBe('up');
    const silent = judge({ disk: 'C:' }, report(), NOW - 181_000);
    expect(silent.status).toBe('down');
    expect(silent.message).toBe('agent HMP silent: no report for 3 min (expected every 60 s)');
  });

  it('ages a backup on the agent’s clock up to its report, then by the time since it was received', () => {
    // The agent's clock is an hour ahead: its report and the file's time both carry that hour.
    const ahead = report({
      at: NOW + HOUR,
      backups: [sqlBackup({ sizeBytes: 2e9, modifiedAt: NOW + HOUR - 25 * HOUR })],
    });
    expect(judge({ backup: 'sql-nightly', maxAge: 26 * HOUR }, ahead, NOW).status).toBe('up');
    // Made and received 90 minutes ago by an agent reporting every hour (not silent yet).
    const hourly = report({ at: NOW - 90 * 60_000, intervalMs: HOUR });
    const late = judge({ backup: 'sql-nightly', maxAge: 26 * HOUR }, hourly, NOW - 90 * 60_000);
    expect(late.values.backupAgeMs).toBe(5 * HOUR);
  });

  it('carries the backup’s measured values', () => {
    expect(judge({ backup: 'sql-nightly', maxAge: 26 * HOUR }, report()).values).toMatchObject({
      backupFile: 'crm_20260105.bak',
      backupFiles: 12,
      backupSizeBytes: 1.43e9,
      backupModifiedAt: NOW - 5 * HOUR,
      backupAgeMs: 5 * HOUR,
    });
  });

  it('carries the measured values', () => {
    expect(judge({ disk: 'C:', minFreePercent: 10 }, report()).values).toMatchObject({
      freePercent: 30,
      freeBytes: 30e9,
    });
  });
});

describe('combineAgentResults', () => {
  const up = { status: 'up', latencyMs: 0, message: 'USB mass storage is disabled', values: {} } as const;
  const down = { status: 'down', latencyMs: 0, message: 'USB mass storage is enabled', values: {} } as const;

  it('returns a single agent’s result as it is', () => {
    expect(combineAgentResults([{ agentName: 'a', result: down }])).toEqual(down);
  });

  it('is down when one workstation of several is down, naming it', () => {
    const result = combineAgentResults([
      { agentName: 'poste-01', result: up },
      { agentName: 'poste-02', result: down },
    ]);
    expect(result).toMatchObject({ status: 'down', message: 'poste-02: USB mass storage is enabled' });
    expect(result.values).toEqual({ agents: 2, agentsFailing: 1 });
  });

  it('is down when no agent serves the target', () => {
    expect(combineAgentResults([]).status).toBe('down');
  });
});

describe('parseAgentCheckOptions', () => {
  it('accepts the seed plan’s options', () => {
    expect(parseAgentCheckOptions({ disk: 'C:', minFreePercent: 15 }).ok).toBe(true);
    expect(parseAgentCheckOptions({ service: 'Onnet32Slave' }).ok).toBe(true);
    expect(parseAgentCheckOptions({ usbStorage: 'disabled' }).ok).toBe(true);
  });

  it('refuses options that judge nothing, or a threshold without a disk', () => {
    expect(parseAgentCheckOptions({})).toMatchObject({ ok: false });
    expect(parseAgentCheckOptions({ minFreePercent: 10 })).toMatchObject({ ok: false, message: /need a disk/ });
    expect(parseAgentCheckOptions({ usbStorage: 'off' }).ok).toBe(false);
  });

  it('reads a backup check’s age and size as written in a plan', () => {
    expect(parseAgentCheckOptions({ backup: 'sql-nightly', maxAge: '26h', minSize: '1GB' })).toEqual({
      ok: true,
      options: { backup: 'sql-nightly', maxAge: 26 * HOUR, minSize: 1e9 },
    });
    expect(parseAgentCheckOptions({ backup: 'sql-nightly', maxAge: '1d', minSize: 500_000_000 })).toMatchObject({
      ok: true,
      options: { minSize: 500_000_000 },
    });
  });

  it('refuses a backup check without maxAge, and age or size without a backup', () => {
    expect(parseAgentCheckOptions({ backup: 'sql-nightly' })).toMatchObject({ ok: false, message: /needs maxAge/ });
    expect(parseAgentCheckOptions({ disk: 'C:', maxAge: '26h' })).toMatchObject({
      ok: false,
      message: /need a backup/,
    });
    expect(parseAgentCheckOptions({ backup: 'sql-nightly', maxAge: '26 heures' })).toMatchObject({
      ok: false,
      message: /"26 heures" is not a duration/,
    });
    expect(parseAgentCheckOptions({ backup: 'sql-nightly', maxAge: '26h', minSize: '1 giga' })).toMatchObject({
      ok: false,
      message: /"1 giga" is not a size/,
    });
  });
});

describe('in French, the plan’s language by default', () => {
  const frJudge = (options: AgentCheckOptions, r: AgentReport | undefined, receivedAt: number | null = NOW - 5_000) =>
    evaluateAgentCheck(options, { agentId: 'hmp', agentName: 'hmp-01', report: r, receivedAt }, NOW, 'fr');
  const smallDisk = [{ path: 'C:', totalBytes: 24e9, freeBytes: 1.01e9, freePercent: 4.21 }];

  it.each([
    [
      'a disk above its threshold',
      { disk: 'C:', minFreePercent: 10 },
      report(),
      'disque C:\\ : 30 % libre (30,0 Go sur 100,0 Go)',
    ],
    [
      'a disk under its threshold',
      { disk: 'C:', minFreePercent: 10 },
      report({ disks: smallDisk }),
      'disque C: : 4,2 % libre (1,0 Go sur 24,0 Go), sous le seuil de 10 %',
    ],
    [
      'a disk under its warning',
      { disk: 'C:', minFreePercent: 2, warnFreePercent: 7.5 },
      report({ disks: smallDisk }),
      'disque C: : 4,2 % libre (1,0 Go sur 24,0 Go), sous le seuil d’alerte de 7,5 %',
    ],
    [
      'a disk not reported',
      { disk: 'D:' },
      report(),
      'disque D: absent des rapports de l’agent : ajoutez-le sous disks dans sa configuration',
    ],
    [
      'a disk the agent could not read',
      { disk: '/var' },
      report({ disks: [{ path: '/var/', error: 'ENOENT' }] }),
      'impossible de lire le disque /var/ : ENOENT',
    ],
    ['a running service', { service: 'onnet32slave' }, report(), 'service Onnet32Slave en marche'],
    [
      'a stopped service',
      { service: 'MSSQLSERVER' },
      report({ services: [{ name: 'MSSQLSERVER', driver: 'windows', state: 'stopped', detail: 'STOPPED' }] }),
      'service MSSQLSERVER arrêté (STOPPED)',
    ],
    [
      'a service not installed',
      { service: 'MSSQLSERVER' },
      report({ services: [{ name: 'MSSQLSERVER', driver: 'windows', state: 'missing', detail: '' }] }),
      'service MSSQLSERVER non installé',
    ],
    [
      'a service not watched',
      { service: 'MSSQLSERVER' },
      report(),
      'service MSSQLSERVER non surveillé par l’agent : ajoutez-le sous services dans sa configuration',
    ],
    [
      'USB storage disabled as expected',
      { usbStorage: 'disabled' },
      report(),
      'stockage de masse USB désactivé sur HMP01 (USBSTOR Start = 4 (disabled))',
    ],
    [
      'USB storage enabled when disabled is expected',
      { usbStorage: 'disabled' },
      report({ usbStorage: { state: 'enabled', evidence: 'USBSTOR Start = 3' } }),
      'stockage de masse USB activé sur HMP01, désactivé attendu : USBSTOR Start = 3',
    ],
    [
      'a USB policy that cannot be read',
      { usbStorage: 'disabled' },
      report({ usbStorage: { state: 'unknown', evidence: 'reg failed' } }),
      'impossible de lire la politique de stockage de masse USB : reg failed',
    ],
    [
      'a USB policy not reported',
      { usbStorage: 'disabled' },
      report({ usbStorage: null }),
      'politique de stockage de masse USB non signalée (usbStorage: false dans la configuration de l’agent)',
    ],
    ['memory under its limit', { maxMemoryPercent: 80 }, report(), 'mémoire utilisée à 50 %'],
    ['memory over its limit', { maxMemoryPercent: 40 }, report(), 'mémoire utilisée à 50 %, au-dessus de 40 %'],
    ['CPU over its limit', { maxCpuPercent: 12.5 }, report(), 'CPU utilisé à 20 %, au-dessus de 12,5 %'],
    [
      'two faults at once',
      { service: 'Onnet32Slave', maxMemoryPercent: 40, maxCpuPercent: 10 },
      report(),
      'mémoire utilisée à 50 %, au-dessus de 40 % ; CPU utilisé à 20 %, au-dessus de 10 %',
    ],
    [
      'a fresh backup',
      { backup: 'sql-nightly', maxAge: 26 * HOUR, minSize: 1e9 },
      report(),
      'dernière sauvegarde crm_20260105.bak : 1,43 Go, écrite il y a 5 h (12 fichiers dans D:\\Backups\\SQL)',
    ],
    [
      'a backup too old',
      { backup: 'sql-nightly', maxAge: 26 * HOUR },
      report({ backups: [sqlBackup({ sizeBytes: 1.43e9, modifiedAt: NOW - 30.5 * HOUR })] }),
      'dernière sauvegarde crm_20260105.bak vieille de 30,5 h, au-delà de la limite de 26 h (1,43 Go, dans D:\\Backups\\SQL)',
    ],
    [
      'a backup too small',
      { backup: 'sql-nightly', maxAge: 26 * HOUR, minSize: 1e9 },
      report({ backups: [sqlBackup({ sizeBytes: 120e6, modifiedAt: NOW - 2 * HOUR })] }),
      'dernière sauvegarde crm_20260105.bak de 120 Mo, sous le minimum de 1 Go (écrite il y a 2 h, dans D:\\Backups\\SQL)',
    ],
    [
      'a backup both too old and too small',
      { backup: 'sql-nightly', maxAge: 26 * HOUR, minSize: 1e9 },
      report({ backups: [sqlBackup({ sizeBytes: 120e6, modifiedAt: NOW - 3.5 * 86_400_000 })] }),
      'dernière sauvegarde crm_20260105.bak vieille de 3,5 j, au-delà de la limite de 26 h, et de 120 Mo, sous le minimum de 1 Go (dans D:\\Backups\\SQL)',
    ],
    [
      'a backup folder without any backup',
      { backup: 'sql-nightly', maxAge: 26 * HOUR },
      report({ backups: [sqlBackup(null)] }),
      'aucune sauvegarde dans D:\\Backups\\SQL : aucun fichier ne correspond à *.bak',
    ],
    [
      'a backup folder the agent cannot read',
      { backup: 'sql-nightly', maxAge: 26 * HOUR },
      report({
        backups: [{ name: 'sql-nightly', path: 'D:\\Backups\\SQL', pattern: '*.bak', error: 'folder not found' }],
      }),
      'impossible de lire le dossier de sauvegarde sql-nightly (D:\\Backups\\SQL) : folder not found',
    ],
    [
      'a backup folder not watched',
      { backup: 'pg-dumps', maxAge: 26 * HOUR },
      report(),
      'dossier de sauvegarde pg-dumps non surveillé par l’agent : ajoutez-le sous backups dans sa configuration',
    ],
  ] as const)('%s', (_name, options, r, message) => {
    expect(frJudge(options, r).message).toBe(message);
  });

  it.each([
    ['an agent that never reported', undefined, null, 'agent hmp-01 : aucun rapport reçu à ce jour'],
    [
      'a silent agent',
      report({ intervalMs: 30_000 }),
      NOW - 180_000,
      'agent hmp-01 muet : aucun rapport depuis 3 min (attendu toutes les 30 s)',
    ],
  ] as const)('%s', (_name, r, receivedAt, message) => {
    expect(frJudge({ disk: 'C:' }, r, receivedAt)).toMatchObject({ status: 'down', message });
  });

  it('names the agents of a combined result', () => {
    const up = { status: 'up', latencyMs: 0, message: 'stockage de masse USB désactivé', values: {} } as const;
    const down = { status: 'down', latencyMs: 0, message: 'stockage de masse USB activé', values: {} } as const;
    const agents = (...results: (typeof up | typeof down)[]) =>
      results.map((result, i) => ({ agentName: `poste-0${i + 1}`, result }));
    expect(combineAgentResults(agents(up, up), 'fr').message).toBe('2 agents, tous en service : poste-01, poste-02');
    expect(combineAgentResults(agents(down, up, down), 'fr').message).toBe(
      'poste-01 : stockage de masse USB activé ; poste-03 : stockage de masse USB activé',
    );
    expect(combineAgentResults([], 'fr').message).toBe('aucun agent ne couvre la cible de cette vérification');
  });

  it('says the check’s options are wrong', () => {
    expect(wrongOptionsMessage('minFreePercent and warnFreePercent need a disk', 'fr')).toBe(
      'options de la vérification incorrectes : minFreePercent and warnFreePercent need a disk',
    );
    expect(wrongOptionsMessage('minFreePercent and warnFreePercent need a disk')).toBe(
      "the check's options are wrong: minFreePercent and warnFreePercent need a disk",
    );
  });
});
