import { silenceState, type SilenceRecord } from '../detection/silences';
import { metricFamily, type MetricFamily } from './metric-family';

/** Silences by state (pending, active, and expired within the week they stay listed), as Alertmanager counts its own. */
export function silenceMetrics(silences: readonly SilenceRecord[], now: number): MetricFamily[] {
  const counts = { active: 0, pending: 0, expired: 0 };
  for (const silence of silences) counts[silenceState(silence, now)]++;
  const family = metricFamily(
    'vigie_silences',
    'gauge',
    'Silences of inbound alerts by state: active, pending, and expired within the last week.',
  );
  for (const [state, count] of Object.entries(counts)) family.add({ state }, count);
  return [family];
}
