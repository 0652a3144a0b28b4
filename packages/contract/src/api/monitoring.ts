import { z } from 'zod';
import { EpochQuerySchema } from './epoch';

const Epoch = z.number().int().describe('epoch milliseconds');

/** What a check is, as the state machine sees it over its recent results. */
export const CHECK_STATE_NAMES = ['unknown', 'up', 'degraded', 'down', 'flapping'] as const;
export const CheckStateNameSchema = z.enum(CHECK_STATE_NAMES);
/** One of `unknown`, `up`, `degraded`, `down`, `flapping`. */
export type CheckStateName = z.infer<typeof CheckStateNameSchema>;

/** What one result said: working, working but impaired, not working. */
export const CHECK_RESULT_STATUSES = ['up', 'degraded', 'down'] as const;
export const CheckResultStatusSchema = z.enum(CHECK_RESULT_STATUSES);
/** One of `up`, `degraded`, `down`. */
export type CheckResultStatus = z.infer<typeof CheckResultStatusSchema>;

/** One observation of a check: a probe run, a heartbeat, an agent's report. */
export const CheckResultSchema = z.strictObject({
  status: CheckResultStatusSchema,
  latencyMs: z.number().min(0),
  message: z.string().max(2000),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
});
/** A check result (the shape of a probe's `ProbeResult`). */
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** A result as stored and listed: when, and what it said. */
export const StoredCheckResultSchema = z.object({
  at: Epoch,
  status: CheckResultStatusSchema,
  latencyMs: z.number(),
  message: z.string(),
});

/** A check of the plan with its live state. */
export const CheckViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  probe: z.string(),
  target: z.string().nullable().describe('without any password it may contain'),
  everyMs: z.number(),
  failAfter: z.number(),
  recoverAfter: z.number(),
  retryEveryMs: z
    .number()
    .nullable()
    .describe(
      'how soon it is probed again while a change of state is being confirmed; null when Vigie does not probe it',
    ),
  example: z.boolean().describe('an example of the shipped plan: probed only when Vigie is told to'),
  asset: z.object({ id: z.string(), name: z.string() }),
  site: z.object({ id: z.string(), name: z.string() }),
  clients: z.array(z.string()),
  state: CheckStateNameSchema,
  since: Epoch.nullable().describe('when the check entered its state'),
  lastResult: StoredCheckResultSchema.nullable(),
  maintenance: z
    .object({ until: Epoch, reason: z.string() })
    .nullable()
    .describe('the maintenance window covering the check now (its failures open no incident), if any'),
});
export type CheckView = z.infer<typeof CheckViewSchema>;

export const CheckListResponseSchema = z.object({ planVersion: z.number(), checks: z.array(CheckViewSchema) });

export const RESULT_RESOLUTIONS = ['raw', '5m', '1h'] as const;
export const ResultResolutionSchema = z.enum(RESULT_RESOLUTIONS);
/** Raw results, or counts per 5 minutes or per hour. */
export type ResultResolution = z.infer<typeof ResultResolutionSchema>;

export const CheckResultsQuerySchema = z.strictObject({
  from: EpochQuerySchema.optional().describe('one hour ago by default'),
  to: EpochQuerySchema.optional().describe('now by default'),
  resolution: z
    .enum(['auto', ...RESULT_RESOLUTIONS])
    .default('auto')
    .describe('auto: raw up to one day back within retention, 5m up to 31 days, 1h beyond'),
});

/** Results of one bucket of time, rolled up. */
export const ResultBucketSchema = z.object({
  start: Epoch,
  up: z.number(),
  degraded: z.number(),
  down: z.number(),
  latencyAvgMs: z.number().nullable(),
  latencyMaxMs: z.number().nullable(),
});
export type ResultBucket = z.infer<typeof ResultBucketSchema>;

export const CheckResultsResponseSchema = z.discriminatedUnion('resolution', [
  z.object({
    checkId: z.string(),
    from: Epoch,
    to: Epoch,
    resolution: z.literal('raw'),
    truncated: z.boolean().describe('more results than one answer carries: narrow the period'),
    results: z.array(StoredCheckResultSchema),
  }),
  z.object({
    checkId: z.string(),
    from: Epoch,
    to: Epoch,
    resolution: z.enum(['5m', '1h']),
    buckets: z.array(ResultBucketSchema),
  }),
]);
export type CheckResultsResponse = z.infer<typeof CheckResultsResponseSchema>;

export const AVAILABILITY_SCOPES = ['check', 'asset', 'site', 'client'] as const;
export const AvailabilityScopeSchema = z.enum(AVAILABILITY_SCOPES);
/** What availability is asked of: one check, or every check of an asset, a site, a client. */
export type AvailabilityScope = z.infer<typeof AvailabilityScopeSchema>;

export const AvailabilityQuerySchema = z.strictObject({
  scope: AvailabilityScopeSchema,
  id: z.string().min(1).max(128),
  from: EpochQuerySchema.optional().describe('30 days ago by default'),
  to: EpochQuerySchema.optional().describe('now by default'),
});

const AvailabilityFigures = {
  up: z.number(),
  degraded: z.number(),
  down: z.number(),
  total: z.number(),
  availability: z.number().nullable().describe('share of results where the service worked (up or degraded)'),
  upRatio: z.number().nullable().describe('share of results fully up'),
};

export const AvailabilityResponseSchema = z.object({
  scope: AvailabilityScopeSchema,
  id: z.string(),
  from: Epoch,
  to: Epoch,
  ...AvailabilityFigures,
  checks: z.array(z.object({ checkId: z.string(), name: z.string(), ...AvailabilityFigures })),
});
export type AvailabilityResponse = z.infer<typeof AvailabilityResponseSchema>;

/** A heartbeat check and the address its job calls. */
export const HeartbeatViewSchema = z.object({
  checkId: z.string(),
  name: z.string(),
  everyMs: z.number(),
  graceMs: z.number(),
  example: z.boolean(),
  url: z.string().nullable().describe('null until a token is created'),
  state: CheckStateNameSchema,
  lastResultAt: Epoch.nullable(),
});

export const HeartbeatTokenResponseSchema = z.object({ checkId: z.string(), token: z.string(), url: z.string() });

export const HeartbeatTokenParamsSchema = z.strictObject({ token: z.string().min(16).max(128) });

export const HeartbeatPingQuerySchema = z.strictObject({
  status: CheckResultStatusSchema.default('up').describe('a job may report its own failure with down'),
  message: z.string().max(500).optional(),
});

export const HeartbeatPingResponseSchema = z.object({ checkId: z.string(), received: Epoch });
