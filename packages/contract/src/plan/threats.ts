import { z } from 'zod';
import { DurationSchema } from '../duration';
import { IdSchema, TextSchema } from './common';
import { DetectionRuleSchema } from './detection';
import { RunbookSchema } from './runbook';

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export const SeveritySchema = z.enum(SEVERITIES, { error: `expected a severity: ${SEVERITIES.join(', ')}` });
export type Severity = z.infer<typeof SeveritySchema>;

export const THREAT_CLASSES = ['short', 'long'] as const;
export type ThreatClass = (typeof THREAT_CLASSES)[number];

/** Beyond this resolution time a threat is a long interruption (the seed's 6 hours). */
export const LONG_INTERRUPTION_MS = 6 * 3_600_000;

export const ThreatSchema = z.strictObject({
  id: IdSchema,
  /** Type d'incident. */
  title: TextSchema,
  symptoms: TextSchema.optional(),
  /** Causes possibles. */
  causes: TextSchema,
  /** Solution. */
  solution: TextSchema,
  /** Target resolution time; the seed leaves one blank. */
  target: DurationSchema.optional(),
  /** The target time in the plan's own words ("Allant jusqu'à 4h de temps"). */
  targetText: TextSchema.optional(),
  /** Only needed when no target is given; otherwise derived from it. */
  class: z.enum(THREAT_CLASSES, { error: 'expected a class: short or long' }).optional(),
  severity: SeveritySchema.default('major'),
  assets: z.array(IdSchema).default([]),
  /** Clients affected; all of the plan's clients when left out. */
  clients: z.array(IdSchema).optional(),
  detect: z.array(DetectionRuleSchema).default([]),
  /** Resolve by itself when every rule that detected it no longer holds, or wait for a person. */
  resolve: z.enum(['on-recovery', 'manual'], { error: 'expected on-recovery or manual' }).default('manual'),
  runbook: RunbookSchema,
  /** Start the runbook by hand (from the incident), or as soon as a detection opens the incident. */
  runbookStart: z.enum(['manual', 'on-detection'], { error: 'expected manual or on-detection' }).default('manual'),
});
export type ThreatInput = z.input<typeof ThreatSchema>;
export type ThreatDefinition = z.infer<typeof ThreatSchema>;

/** The class of a threat: short up to six hours of target, long beyond. */
export function classOfTarget(targetMs: number | undefined, declared?: ThreatClass): ThreatClass {
  if (targetMs === undefined) return declared ?? 'short';
  return targetMs > LONG_INTERRUPTION_MS ? 'long' : 'short';
}
