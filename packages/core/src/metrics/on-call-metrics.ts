import type { Plan } from '@vigie/contract';
import type { OnCallOverrideRecord } from '../on-call/on-call';
import { shiftAt } from '../on-call/rotation';
import { metricFamily, type MetricFamily } from './metric-family';

/** Who is on call now on each of the plan's rotations (1), and whether a replacement put them there. */
export function onCallMetrics(plan: Plan, overrides: readonly OnCallOverrideRecord[], now: number): MetricFamily[] {
  const family = metricFamily(
    'vigie_on_call',
    'gauge',
    'The person on call now on each on-call schedule of the plan (1); replaced="true" when a replacement put them there.',
  );
  for (const schedule of plan.onCall) {
    const replacements = overrides.filter((o) => o.scheduleId === schedule.id);
    const shift = shiftAt(schedule, replacements, now, plan.timezone);
    family.add({ schedule: schedule.id, person: shift.personId, replaced: String(shift.override !== null) }, 1);
  }
  return [family];
}
