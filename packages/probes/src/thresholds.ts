import { z } from 'zod';
import { numberOption } from './options';
import type { ProbeStatus, ProbeValue } from './probe';

/**
 * Bounds on a measured value: outside `min`/`max` or unequal to `equals` is down, outside
 * `warnMin`/`warnMax` is degraded (e.g. battery charge: `min: 20, warnMin: 50`).
 */
export const ThresholdSchema = z.strictObject({
  min: numberOption('min').optional(),
  max: numberOption('max').optional(),
  warnMin: numberOption('warnMin').optional(),
  warnMax: numberOption('warnMax').optional(),
  equals: z.union([z.number(), z.string(), z.boolean()]).optional(),
});

/** Bounds on one value (see `ThresholdSchema`). */
export type Threshold = z.infer<typeof ThresholdSchema>;

/** The option keys a threshold uses, to pick them out of a probe's options. */
export const THRESHOLD_KEYS = ['min', 'max', 'warnMin', 'warnMax', 'equals'] as const;

/** What a threshold says of a value: its status and, when not up, why in English. */
export interface Verdict {
  status: ProbeStatus;
  problem?: string;
}

/** Judges a measured value against its bounds; a value that should be a number but is not is down. */
export function judgeValue(label: string, value: ProbeValue, threshold: Threshold): Verdict {
  if (threshold.equals !== undefined && String(value) !== String(threshold.equals)) {
    return { status: 'down', problem: `${label} is ${String(value)}, expected ${String(threshold.equals)}` };
  }
  const bounds = [threshold.min, threshold.max, threshold.warnMin, threshold.warnMax];
  if (bounds.every((bound) => bound === undefined)) return { status: 'up' };
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (typeof value === 'boolean' || String(value).trim() === '' || !Number.isFinite(number)) {
    return { status: 'down', problem: `${label} is "${String(value)}", not a number` };
  }
  if (threshold.min !== undefined && number < threshold.min) {
    return { status: 'down', problem: `${label} is ${number}, below the minimum ${threshold.min}` };
  }
  if (threshold.max !== undefined && number > threshold.max) {
    return { status: 'down', problem: `${label} is ${number}, above the maximum ${threshold.max}` };
  }
  if (threshold.warnMin !== undefined && number < threshold.warnMin) {
    return { status: 'degraded', problem: `${label} is ${number}, below the warning level ${threshold.warnMin}` };
  }
  if (threshold.warnMax !== undefined && number > threshold.warnMax) {
    return { status: 'degraded', problem: `${label} is ${number}, above the warning level ${threshold.warnMax}` };
  }
  return { status: 'up' };
}
