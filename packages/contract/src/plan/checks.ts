import { z } from 'zod';
import { DurationSchema } from '../duration';
import { IdSchema, TextSchema } from './common';

export const PROBE_KINDS = [
  'http',
  'tcp',
  'dns',
  'ping',
  'sip-options',
  'sql',
  'nut',
  'snmp',
  'modbus',
  'ssh',
  'heartbeat',
  'agent',
] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** A check's intervals and timeout: a second at least (no probe runs on a zero interval or within a zero timeout). */
const CheckDurationSchema = DurationSchema.refine((ms) => ms >= 1_000, { error: 'expected at least 1s' });

/**
 * The longest a probe may be given: an SSH command or an SQL query may take minutes, no
 * probe takes hours (and a timer of 25 days or more would fire at once).
 */
export const MAX_PROBE_TIMEOUT_MS = 10 * 60_000;

const ProbeTimeoutSchema = CheckDurationSchema.refine((ms) => ms <= MAX_PROBE_TIMEOUT_MS, {
  error: 'expected at most 10m',
});

/** A check: one probe run on a schedule against one target, feeding one asset's state. */
export const CheckSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema.optional(),
  asset: IdSchema,
  probe: z.enum(PROBE_KINDS, { error: `expected a probe kind: ${PROBE_KINDS.join(', ')}` }),
  target: TextSchema.optional(),
  every: CheckDurationSchema.prefault('1m'),
  timeout: ProbeTimeoutSchema.prefault('10s'),
  /** Consecutive failures before the check is down. */
  failAfter: z.int().min(1).default(3),
  /** Consecutive successes before a down check is up again. */
  recoverAfter: z.int().min(1).default(2),
  /**
   * While a change of state is being confirmed (a failure before `failAfter` of them, a
   * success before `recoverAfter`), the next probe comes this soon instead of after `every`
   * (default: a third of `every` to the second, at least a second; never later than `every`).
   */
  retryEvery: CheckDurationSchema.optional(),
  options: z.record(z.string(), z.unknown()).default({}),
  example: z.boolean().default(false),
});
export type Check = z.infer<typeof CheckSchema>;
