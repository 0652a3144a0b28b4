import { z } from 'zod';
import { formatNumber, type Language, type Wording } from './language';
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

/** What a threshold says of a value: its status and, when not up, why (in the language asked). */
export interface Verdict {
  status: ProbeStatus;
  problem?: string;
}

const SAY: Wording<{
  notEqual: (label: string, value: string, expected: string) => string;
  notNumber: (label: string, value: string) => string;
  belowMin: (label: string, value: number, bound: number) => string;
  aboveMax: (label: string, value: number, bound: number) => string;
  belowWarn: (label: string, value: number, bound: number) => string;
  aboveWarn: (label: string, value: number, bound: number) => string;
}> = {
  en: {
    notEqual: (label, value, expected) => `${label} is ${value}, expected ${expected}`,
    notNumber: (label, value) => `${label} is "${value}", not a number`,
    belowMin: (label, value, bound) => `${label} is ${value}, below the minimum ${bound}`,
    aboveMax: (label, value, bound) => `${label} is ${value}, above the maximum ${bound}`,
    belowWarn: (label, value, bound) => `${label} is ${value}, below the warning level ${bound}`,
    aboveWarn: (label, value, bound) => `${label} is ${value}, above the warning level ${bound}`,
  },
  fr: {
    notEqual: (label, value, expected) => `${label} vaut ${value}, attendu ${expected}`,
    notNumber: (label, value) => `${label} vaut « ${value} », qui n’est pas un nombre`,
    belowMin: (label, value, bound) =>
      `${label} vaut ${formatNumber(value, 'fr')}, sous le minimum ${formatNumber(bound, 'fr')}`,
    aboveMax: (label, value, bound) =>
      `${label} vaut ${formatNumber(value, 'fr')}, au-dessus du maximum ${formatNumber(bound, 'fr')}`,
    belowWarn: (label, value, bound) =>
      `${label} vaut ${formatNumber(value, 'fr')}, sous le seuil d’alerte ${formatNumber(bound, 'fr')}`,
    aboveWarn: (label, value, bound) =>
      `${label} vaut ${formatNumber(value, 'fr')}, au-dessus du seuil d’alerte ${formatNumber(bound, 'fr')}`,
  },
};

/** Judges a measured value against its bounds; a value that should be a number but is not is down. */
export function judgeValue(label: string, value: ProbeValue, threshold: Threshold, language: Language = 'en'): Verdict {
  const say = SAY[language];
  if (threshold.equals !== undefined && String(value) !== String(threshold.equals)) {
    return { status: 'down', problem: say.notEqual(label, String(value), String(threshold.equals)) };
  }
  const bounds = [threshold.min, threshold.max, threshold.warnMin, threshold.warnMax];
  if (bounds.every((bound) => bound === undefined)) return { status: 'up' };
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (typeof value === 'boolean' || String(value).trim() === '' || !Number.isFinite(number)) {
    return { status: 'down', problem: say.notNumber(label, String(value)) };
  }
  if (threshold.min !== undefined && number < threshold.min) {
    return { status: 'down', problem: say.belowMin(label, number, threshold.min) };
  }
  if (threshold.max !== undefined && number > threshold.max) {
    return { status: 'down', problem: say.aboveMax(label, number, threshold.max) };
  }
  if (threshold.warnMin !== undefined && number < threshold.warnMin) {
    return { status: 'degraded', problem: say.belowWarn(label, number, threshold.warnMin) };
  }
  if (threshold.warnMax !== undefined && number > threshold.warnMax) {
    return { status: 'degraded', problem: say.aboveWarn(label, number, threshold.warnMax) };
  }
  return { status: 'up' };
}
