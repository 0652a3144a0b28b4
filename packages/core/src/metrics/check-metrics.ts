import { CHECK_STATE_NAMES, type Check, type Plan } from '@vigie/contract';
import { redactTarget, reportsByItself } from '../checks/check-views';
import { maintenanceCovering } from '../detection/maintenance';
import type { MaintenanceWindow } from '../detection/model';
import type { CheckStateRecord } from '../ports';
import { metricFamily, seconds, type MetricFamily } from './metric-family';

/**
 * The checks' metrics: what each is (`vigie_check_info`), its state as Vigie judges it
 * (`vigie_check_up`, `vigie_check_state`), its last result (time, response time, the values
 * it measured) and whether planned work covers it now. A check never run yet has its info,
 * its interval and its `unknown` state, nothing else.
 */
export function checkMetrics(
  plan: Plan,
  checks: readonly Check[],
  states: readonly CheckStateRecord[],
  windows: readonly MaintenanceWindow[],
  now: number,
): MetricFamily[] {
  const stateOf = new Map(states.map((s) => [s.checkId, s]));
  const siteOf = new Map(plan.assets.map((a) => [a.id, a.site]));
  const activeWindows = windows.filter((w) => w.from <= now && now < w.to);
  const info = metricFamily(
    'vigie_check_info',
    'gauge',
    'A check of the plan in force: its name, probe and target (any password removed); always 1.',
  );
  const up = metricFamily(
    'vigie_check_up',
    'gauge',
    'Whether the check is working as Vigie judges it after its confirmations: 1 up or degraded, 0 down or flapping; absent before a first result.',
  );
  const state = metricFamily(
    'vigie_check_state',
    'gauge',
    "The check's state: 1 for the one it is in (unknown, up, degraded, down, flapping), 0 for the others.",
  );
  const since = metricFamily('vigie_check_state_since_timestamp_seconds', 'gauge', 'When the check entered its state.');
  const lastAt = metricFamily(
    'vigie_check_last_result_timestamp_seconds',
    'gauge',
    "When the check's last result was observed.",
  );
  const latency = metricFamily(
    'vigie_check_latency_seconds',
    'gauge',
    "Response time of the check's last probe run (not for heartbeats and agents).",
  );
  const measured = metricFamily(
    'vigie_check_measured_value',
    'gauge',
    "A value the check's last result measured (battery charge, days a TLS certificate has left, free disk space and others); true and false are 1 and 0.",
  );
  const interval = metricFamily(
    'vigie_check_interval_seconds',
    'gauge',
    'How often the check runs, or how often a heartbeat or an agent must report.',
  );
  const maintenance = metricFamily(
    'vigie_check_in_maintenance',
    'gauge',
    "1 while a maintenance window covers the check's asset or site (its failures open no incident), else 0.",
  );

  for (const check of checks) {
    const labels = { check: check.id, asset: check.asset, site: siteOf.get(check.asset) ?? '' };
    const stored = stateOf.get(check.id);
    const memory = stored?.memory;
    const current = memory?.state ?? 'unknown';
    info.add(
      { ...labels, name: check.name ?? check.id, probe: check.probe, target: redactTarget(check.target) ?? '' },
      1,
    );
    for (const name of CHECK_STATE_NAMES) state.add({ ...labels, state: name }, name === current ? 1 : 0);
    interval.add(labels, seconds(check.every));
    maintenance.add(labels, maintenanceCovering(plan, activeWindows, check.asset, now) ? 1 : 0);
    if (current !== 'unknown') up.add(labels, current === 'up' || current === 'degraded' ? 1 : 0);
    if (memory?.since != null) since.add(labels, seconds(memory.since));
    if (!stored || memory?.lastAt == null) continue;
    lastAt.add(labels, seconds(memory.lastAt));
    if (!reportsByItself(check) && stored.lastLatencyMs !== null) latency.add(labels, seconds(stored.lastLatencyMs));
    for (const [measure, value] of Object.entries(stored.lastValues)) {
      if (typeof value === 'number' && Number.isFinite(value)) measured.add({ ...labels, measure }, value);
      else if (typeof value === 'boolean') measured.add({ ...labels, measure }, value ? 1 : 0);
    }
  }
  return [info, up, state, since, lastAt, latency, measured, interval, maintenance];
}
