import { describe, expect, it } from 'vitest';
import type { Check, Plan } from '@vigie/contract';
import { initialCheckMemory } from '../checks/check-state';
import type { MaintenanceWindow } from '../detection/model';
import type { CheckStateRecord } from '../ports';
import { checkMetrics } from './check-metrics';
import type { MetricFamily } from './metric-family';

const PLAN = {
  assets: [
    { id: 'onduleur', site: 'principal' },
    { id: 'sauvegardes', site: 'secours' },
  ],
  maintenance: [],
} as unknown as Plan;
const check = (id: string, probe: string, asset: string): Check =>
  ({
    id,
    name: `Nom de ${id}`,
    probe,
    asset,
    target: probe === 'heartbeat' ? undefined : 'ups@10.0.0.5',
    every: 30_000,
  }) as unknown as Check;
const CHECKS = [
  check('ups', 'nut', 'onduleur'),
  check('backup', 'heartbeat', 'sauvegardes'),
  check('new', 'tcp', 'onduleur'),
];
const NOW = 1_800_000_000_000;
const state = (
  checkId: string,
  over: Partial<CheckStateRecord['memory']>,
  values: CheckStateRecord['lastValues'],
): CheckStateRecord => ({
  checkId,
  shard: 0,
  memory: { ...initialCheckMemory(), ...over },
  lastLatencyMs: 12.5,
  lastMessage: 'message',
  lastValues: values,
  updatedAt: NOW,
});

function series(families: MetricFamily[], name: string): Record<string, number> {
  const family = families.find((f) => f.name === name)!;
  return Object.fromEntries(
    family.samples.map((s) => [Object.values(s.labels).slice(3).concat(s.labels['check']!).join(' '), s.value]),
  );
}

describe('check metrics', () => {
  const windows: MaintenanceWindow[] = [
    {
      id: 'w',
      scope: 'site',
      targetId: 'secours',
      from: NOW - 1,
      to: NOW + 1,
      reason: 'travaux',
      createdBy: 'x',
      createdAt: 0,
    },
  ];
  const families = checkMetrics(
    PLAN,
    CHECKS,
    [
      state(
        'ups',
        { state: 'degraded', since: NOW - 5_000, lastStatus: 'degraded', lastAt: NOW - 1_000 },
        {
          'battery.charge': 35,
          onBattery: true,
          model: 'Eaton',
          broken: Number.NaN,
        },
      ),
      state('backup', { state: 'flapping', since: NOW - 9_000, lastStatus: 'up', lastAt: NOW - 2_000 }, {}),
    ],
    windows,
    NOW,
  );

  it('names every check with its probe and target, and says how often it runs', () => {
    expect(families.find((f) => f.name === 'vigie_check_info')!.samples[0]).toEqual({
      labels: {
        check: 'ups',
        asset: 'onduleur',
        site: 'principal',
        name: 'Nom de ups',
        probe: 'nut',
        target: 'ups@10.0.0.5',
      },
      value: 1,
    });
    expect(series(families, 'vigie_check_interval_seconds')).toEqual({ ups: 30, backup: 30, new: 30 });
  });

  it('judges a check up when up or degraded, down when down or flapping, and not before a first result', () => {
    expect(series(families, 'vigie_check_up')).toEqual({ ups: 1, backup: 0 });
    const states = series(families, 'vigie_check_state');
    expect(
      Object.entries(states)
        .filter(([, v]) => v === 1)
        .map(([k]) => k),
    ).toEqual(['degraded ups', 'flapping backup', 'unknown new']);
    expect(Object.keys(states)).toHaveLength(15);
  });

  it('gives the last result: its time, its response time (not for a heartbeat) and its numbers', () => {
    expect(series(families, 'vigie_check_last_result_timestamp_seconds')).toEqual({
      ups: (NOW - 1_000) / 1000,
      backup: (NOW - 2_000) / 1000,
    });
    expect(series(families, 'vigie_check_state_since_timestamp_seconds')).toEqual({
      ups: (NOW - 5_000) / 1000,
      backup: (NOW - 9_000) / 1000,
    });
    expect(series(families, 'vigie_check_latency_seconds')).toEqual({ ups: 0.0125 });
    expect(series(families, 'vigie_check_measured_value')).toEqual({ 'battery.charge ups': 35, 'onBattery ups': 1 });
  });

  it('tells which checks a maintenance window covers now', () => {
    expect(series(families, 'vigie_check_in_maintenance')).toEqual({ ups: 0, backup: 1, new: 0 });
  });
});
