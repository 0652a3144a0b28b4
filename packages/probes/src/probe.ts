import { z } from 'zod';
import type { ProbeKind } from '@vigie/contract';
import type { Language } from './language';

/** How a probe found its target: working, working but impaired, or not working. */
export const PROBE_STATUSES = ['up', 'degraded', 'down'] as const;

/** One of `up`, `degraded`, `down`. */
export type ProbeStatus = (typeof PROBE_STATUSES)[number];

/** A value a probe measured: a status code, a battery charge, a loss percentage… */
export type ProbeValue = number | string | boolean;

/** What one probe run found, told so that a technician understands it. */
export const ProbeResultSchema = z.strictObject({
  status: z.enum(PROBE_STATUSES),
  latencyMs: z.number().min(0),
  message: z.string(),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
});

/** The result of one probe run (see `ProbeResultSchema`). */
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

/**
 * One probe kind: `configSchema` parses a check's `{ target, ...options }`, and `run` looks at
 * the target once, changes nothing, and never throws for a peer problem (it returns `down`).
 * Its message is written in `language`: the plan's (French by default) when Vigie runs the
 * check, so that the incident it opens and the emails about it read in the plan's language.
 */
export interface Probe<Config = unknown> {
  readonly kind: ProbeKind;
  /** What the probe checks, in one line, for help texts. */
  readonly summary: string;
  /** What the target looks like, e.g. `HOST:PORT`. */
  readonly targetHint: string;
  readonly configSchema: z.ZodType<Config>;
  // A method (not a property) so that a Probe<HttpConfig> fits where a Probe<unknown> is expected.
  run(config: Config, signal: AbortSignal, language: Language): Promise<ProbeResult>;
}

/** Declares a probe, inferring its config type from its schema. */
export function defineProbe<Config>(probe: Probe<Config>): Probe<Config> {
  return probe;
}
