import { describe, expect, it } from 'vitest';
import type { Plan } from '@vigie/contract';
import { formatPlanError, loadPlan } from '../plan/load-plan';
import { combinationsOf, combinationsReading } from './combinations';
import { checksOfRule, evaluateRule } from './evaluate-rule';

/** Two SQL servers and a Media Gateway on the main site, one SQL server on the redundant one. */
const PLAN = `organisation: Centre
title: PCA
clients:
  - { id: ocm, name: OCM }
team:
  - { id: admin, name: Admin }
sites:
  - { id: principal, name: Principal }
  - { id: secours, name: Secours, redundant: true }
assets:
  - { id: sql-a, name: SQL A, kind: server, site: principal }
  - { id: sql-b, name: SQL B, kind: server, site: principal }
  - { id: mgw, name: Media Gateway, kind: link, site: principal, clients: [ocm] }
  - { id: sql-secours, name: SQL secours, kind: server, site: secours }
checks:
  - { id: sql-a-cnx, asset: sql-a, probe: sql }
  - { id: sql-b-cnx, asset: sql-b, probe: sql }
  - { id: sql-a-ping, asset: sql-a, probe: ping }
  - { id: mgw-sip, asset: mgw, probe: sip-options }
  - { id: mgw-ping, asset: mgw, probe: ping }
  - { id: secours-cnx, asset: sql-secours, probe: sql }
threats:
  - id: sql
    title: SQL
    causes: Panne
    solution: Redémarrer
    detect:
      - check: sql-a-cnx
      - checks: { site: principal, probe: sql }
      - checks: { site: principal, probe: sql }
        count: all
      - checks: { site: principal, assetKind: server }
        count: 2
  - id: liaison
    title: Liaison
    causes: Panne
    solution: Revoir
    detect:
      - all:
          - check: mgw-sip
          - checks: { asset: mgw, probe: ping }
      - checks: { client: ocm }
        state: degraded
      - alert: { alertname: MgwDown }
`;

function seedPlan(): Plan {
  const loaded = loadPlan('plan.yaml', PLAN);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatPlanError).join('\n'));
  return loaded.plan;
}

const plan = seedPlan();
const rule = (threat: string, index: number) => plan.threats.find((t) => t.id === threat)!.detect[index]!;
const states = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('evaluateRule', () => {
  it.each([
    ['any SQL check of the main site', 1, {}, false, []],
    ['any SQL check of the main site', 1, { 'sql-a-cnx': 'up', 'sql-b-cnx': 'up' }, false, []],
    ['any SQL check of the main site', 1, { 'sql-b-cnx': 'down' }, true, ['sql-b-cnx']],
    ['any SQL check of the main site', 1, { 'secours-cnx': 'down' }, false, []],
    ['any SQL check of the main site', 1, { 'sql-a-cnx': 'degraded' }, false, []],
    ['all SQL checks of the main site', 2, { 'sql-a-cnx': 'down' }, false, ['sql-a-cnx']],
    ['all SQL checks of the main site', 2, { 'sql-a-cnx': 'down', 'sql-b-cnx': 'up' }, false, ['sql-a-cnx']],
    [
      'all SQL checks of the main site',
      2,
      { 'sql-a-cnx': 'down', 'sql-b-cnx': 'down' },
      true,
      ['sql-a-cnx', 'sql-b-cnx'],
    ],
    ['all SQL checks of the main site', 2, { 'sql-a-cnx': 'down', 'sql-b-cnx': 'flapping' }, false, ['sql-a-cnx']],
    ['two server checks of the main site', 3, { 'sql-a-cnx': 'down' }, false, ['sql-a-cnx']],
    [
      'two server checks of the main site',
      3,
      { 'sql-a-cnx': 'down', 'sql-a-ping': 'down' },
      true,
      ['sql-a-cnx', 'sql-a-ping'],
    ],
    ['two server checks of the main site', 3, { 'sql-b-cnx': 'down', 'mgw-ping': 'down' }, false, ['sql-b-cnx']],
  ])('%s (rule %i) with %j: holds %s', (_what, index, given, holds, failing) => {
    expect(evaluateRule(plan, rule('sql', index), states(given))).toEqual({ holds, failing });
  });

  it.each([
    [{ 'mgw-sip': 'down' }, false],
    [{ 'mgw-ping': 'down' }, false],
    [{ 'mgw-sip': 'down', 'mgw-ping': 'down' }, true],
    [{ 'mgw-sip': 'degraded', 'mgw-ping': 'down' }, false],
    [{ 'mgw-sip': 'down', 'mgw-ping': 'up', 'sql-a-ping': 'down' }, false],
  ])('an `all:` list holds only when every condition does: %j → %s', (given, holds) => {
    expect(evaluateRule(plan, rule('liaison', 0), states(given)).holds).toBe(holds);
  });

  it('a `degraded` condition is met by degraded or down checks, not by flapping ones', () => {
    const degraded = rule('liaison', 1);
    expect(evaluateRule(plan, degraded, states({ 'mgw-sip': 'degraded' })).holds).toBe(true);
    expect(evaluateRule(plan, degraded, states({ 'mgw-ping': 'down' })).holds).toBe(true);
    expect(evaluateRule(plan, degraded, states({ 'mgw-ping': 'flapping' })).holds).toBe(false);
  });

  it('a single check rule is the condition on that check; an alert rule reads no check', () => {
    expect(evaluateRule(plan, rule('sql', 0), states({ 'sql-a-cnx': 'down' }))).toEqual({
      holds: true,
      failing: ['sql-a-cnx'],
    });
    expect(checksOfRule(plan, rule('liaison', 2))).toEqual([]);
    expect(evaluateRule(plan, rule('liaison', 2), states({ 'mgw-sip': 'down' })).holds).toBe(false);
  });

  it('lists every check a rule reads, once', () => {
    expect(checksOfRule(plan, rule('sql', 3))).toEqual(['sql-a-cnx', 'sql-b-cnx', 'sql-a-ping']);
    expect(checksOfRule(plan, rule('liaison', 0))).toEqual(['mgw-sip', 'mgw-ping']);
  });
});

describe('combinations', () => {
  it('names each combination rule by its threat and its place in `detect`, leaving single checks and alerts out', () => {
    expect(combinationsOf(plan).map((c) => c.source)).toEqual([
      'rule:sql/2',
      'rule:sql/3',
      'rule:sql/4',
      'rule:liaison/1',
      'rule:liaison/2',
    ]);
  });

  it('finds the combinations that read a check', () => {
    expect(combinationsReading(plan, 'sql-a-ping').map((c) => c.source)).toEqual(['rule:sql/4']);
    expect(combinationsReading(plan, 'mgw-ping').map((c) => c.source)).toEqual(['rule:liaison/1', 'rule:liaison/2']);
    expect(combinationsReading(plan, 'secours-cnx')).toEqual([]);
  });
});
