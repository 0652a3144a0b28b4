import { describe, expect, it } from 'vitest';
import type { AgentCheckOptions, AgentReport } from '@vigie/contract';
import { combineAgentResults, evaluateAgentCheck, parseAgentCheckOptions } from './evaluate-agent-check';

const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);

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
    actions: [],
    ...changes,
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
});
