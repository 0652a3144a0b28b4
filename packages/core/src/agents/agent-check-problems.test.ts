import { describe, expect, it } from 'vitest';
import type { Check } from '@vigie/contract';
import { formatPlanError, loadPlan } from '../plan/load-plan';
import { agentCheckProblems } from './agent-check-problems';

function check(options: Record<string, unknown>, probe: Check['probe'] = 'agent'): Check {
  return {
    id: 'sauvegarde-sql',
    asset: 'sauvegardes',
    probe,
    every: 60_000,
    timeout: 10_000,
    failAfter: 3,
    recoverAfter: 2,
    options,
    example: false,
  };
}

describe('agentCheckProblems', () => {
  it('finds nothing wrong with the plan’s agent checks', () => {
    expect(agentCheckProblems(check({ disk: 'C:', minFreePercent: 15 }))).toEqual([]);
    expect(agentCheckProblems(check({ backup: 'sql-nightly', maxAge: '26h', minSize: '1GB' }))).toEqual([]);
  });

  it('leaves the other probes to their own schemas', () => {
    expect(agentCheckProblems(check({ anything: true }, 'http'))).toEqual([]);
  });

  it.each([
    [
      'an unknown option, at its key, with the options an agent check takes',
      { backup: 'sql-nightly', maxAge: '26h', minsize: '1GB' },
      [
        {
          path: ['options', 'minsize'],
          atKey: true,
          message: expect.stringMatching(/^unknown option "minsize": an agent check takes disk, .*minSize$/),
        },
      ],
    ],
    [
      'a wrong type, naming what was expected and found',
      { disk: 'C:', minFreePercent: '15 %' },
      [{ path: ['options', 'minFreePercent'], message: '`minFreePercent`: expected a number, found the text "15 %"' }],
    ],
    [
      'a bad duration',
      { backup: 'sql-nightly', maxAge: '26 heures' },
      [
        {
          path: ['options', 'maxAge'],
          message: '`maxAge`: "26 heures" is not a duration such as 30s, 20m, 4h, 2d or 1y',
        },
      ],
    ],
    [
      'a bad size',
      { backup: 'sql-nightly', maxAge: '26h', minSize: '1 giga' },
      [{ path: ['options', 'minSize'], message: expect.stringContaining('"1 giga" is not a size such as 500MB, 1GB') }],
    ],
    [
      'no criterion at all',
      {},
      [
        {
          path: ['options'],
          message: 'an agent check needs disk, service, usbStorage, maxMemoryPercent, maxCpuPercent or backup',
        },
      ],
    ],
    [
      'a backup without its age limit',
      { backup: 'sql-nightly' },
      [{ path: ['options'], message: expect.stringMatching(/^a backup check needs maxAge/) }],
    ],
    [
      'an age limit without a backup',
      { disk: 'C:', maxAge: '1d' },
      [{ path: ['options'], message: expect.stringMatching(/^maxAge and minSize need a backup/) }],
    ],
  ])('reports %s', (_what, options, problems) => {
    expect(agentCheckProblems(check(options))).toEqual(problems);
  });
});

describe('loadPlan with agent checks validated', () => {
  const plan = (options: string) => `organisation: Centre
title: PCA
clients:
  - id: ocm
    name: OCM
team:
  - id: admin
    name: Admin
sites:
  - id: principal
    name: Principal
assets:
  - id: sauvegardes
    name: Sauvegardes
    kind: storage
    site: principal
checks:
  - id: sauvegarde-sql
    asset: sauvegardes
    probe: agent
    target: serveur-sql
    options:
${options}
threats:
  - id: perte-donnees
    title: Perte de données
    causes: Suppression des bases
    solution: Restaurer les sauvegardes
    target: 1h
`;

  it('points at the wrong option’s line and column', () => {
    const result = loadPlan('plan.yaml', plan('      backup: sql-nightly\n      maxAge: 26h\n      minSise: 1GB'), {
      validateCheck: agentCheckProblems,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatPlanError)).toEqual([
      expect.stringMatching(/^plan\.yaml:25:7: check "sauvegarde-sql" \(agent\): unknown option "minSise"/),
    ]);
  });
});
