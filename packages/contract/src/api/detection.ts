import { z } from 'zod';
import { EpochInputSchema } from './epoch';

function isTextRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

/**
 * Labels and annotations: names to text. Checked in one pass over the object as parsed,
 * where a record schema would build each key and value anew; alerts arrive by the thousand.
 */
const Labels = z
  .custom<Record<string, string>>(isTextRecord, { error: 'expected an object of names to text values' })
  .meta({ type: 'object', additionalProperties: { type: 'string' } });

/** Alertmanager's webhook payload (version 4), as its `webhook_configs` send it. */
export const AlertmanagerPayloadSchema = z.object({
  version: z.string().optional(),
  groupKey: z.string().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().optional(),
  groupLabels: Labels.optional(),
  commonLabels: Labels.optional(),
  commonAnnotations: Labels.optional(),
  externalURL: z.string().optional(),
  truncatedAlerts: z.number().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: Labels,
        annotations: Labels.default({}),
        startsAt: z.string().optional(),
        endsAt: z.string().optional(),
        generatorURL: z.string().optional(),
        // Alertmanager's are 16 hexadecimal digits; as long as the generic format's `id` at most.
        fingerprint: z.string().min(1).max(256).optional(),
      }),
    )
    .max(10_000),
});

/**
 * What Prometheus posts to an Alertmanager (its API v2, `POST …/api/v2/alerts`): its alerts
 * as a list, each firing until its `endsAt` has passed. Prometheus sends them to Vigie
 * directly when its `alerting.alertmanagers` names Vigie (no Alertmanager between them).
 */
export const PrometheusAlertsSchema = z
  .array(
    z.object({
      labels: Labels.refine((l) => Object.keys(l).length > 0, { error: 'expected at least one label' }),
      annotations: Labels.default({}),
      startsAt: z.string().max(64).optional(),
      endsAt: z.string().max(64).optional(),
      generatorURL: z.string().max(2000).optional(),
    }),
  )
  .max(10_000);

/** Vigie's own alert format, for any sender that can post JSON. */
export const GenericAlertSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('the sender’s identity for this alert; when absent, the fingerprint Alertmanager gives the same labels'),
  status: z.enum(['firing', 'resolved']).default('firing'),
  labels: Labels.refine((l) => Object.keys(l).length > 0, { error: 'expected at least one label' }),
  summary: z.string().max(2000).optional(),
  startsAt: EpochInputSchema.optional(),
});

export const GenericAlertsRequestSchema = z.union([
  GenericAlertSchema,
  z.strictObject({ alerts: z.array(GenericAlertSchema).min(1).max(10_000) }),
]);

export const AlertsAcceptedSchema = z.object({
  accepted: z.number(),
  matched: z.number().describe('alerts that matched a threat of the plan'),
  alerts: z.array(
    z.object({
      fingerprint: z.string(),
      status: z.enum(['firing', 'resolved']),
      threats: z.array(z.string()),
      silencedBy: z.string().optional().describe('the silence that muted this firing alert: it raised no signal'),
    }),
  ),
});

export const SignalSchema = z.object({
  id: z.string(),
  source: z.string(),
  threatId: z.string(),
  assetId: z.string().nullable(),
  state: z.string(),
  message: z.string(),
  firstAt: z.number().describe('epoch milliseconds: when the failure began (an alert: its startsAt)'),
  lastAt: z
    .number()
    .describe('epoch milliseconds: when the failure was last reported, to the minute (repeats sooner are not written)'),
  status: z.string(),
  incidentId: z.string().nullable(),
  recoveredAt: z.number().nullable(),
  labels: z
    .record(z.string(), z.string())
    .nullable()
    .describe("an inbound alert's labels (its source `alert:…`); null for a check or a rule"),
});

/**
 * Firing alerts that revealed no threat, grouped by their `alertname` and `threat` labels:
 * a sender whose rule names a threat the plan does not have, or an alert no rule of the plan
 * matches, would otherwise be dropped without anyone knowing.
 */
export const UnmatchedAlertSchema = z.object({
  key: z.string().describe('the kind of alert: 64 bits of its alertname and threat label, to dismiss it by'),
  alertname: z.string().describe("the alerts' `alertname` label, empty when they had none"),
  threatLabel: z.string().nullable().describe('their `threat` label, when they named one'),
  reason: z
    .enum(['unknown-threat', 'no-rule'])
    .describe(
      '`unknown-threat`: the `threat` label names no threat of the plan; `no-rule`: no rule of the plan matches',
    ),
  count: z.number().describe('firing alerts received since `firstAt` (repeats included)'),
  firstAt: z.number().describe('epoch milliseconds'),
  lastAt: z.number().describe('epoch milliseconds'),
  labels: z.record(z.string(), z.string()).describe('the labels of the latest one'),
  summary: z.string().nullable().describe('the summary of the latest one'),
});
export type UnmatchedAlert = z.infer<typeof UnmatchedAlertSchema>;

export const UnmatchedAlertParamsSchema = z.strictObject({ key: z.string().regex(/^[0-9a-f]{16}$/) });

export const SignalListQuerySchema = z.object({
  incident: z.string().optional().describe('the signals raised on this incident, live or not; else the live signals'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  offset: z.coerce.number().int().min(0).default(0),
});

export const MaintenanceWindowRequestSchema = z
  .strictObject({
    scope: z.enum(['asset', 'site']),
    targetId: z.string().min(1).max(128),
    from: EpochInputSchema,
    to: EpochInputSchema,
    reason: z.string().trim().min(1).max(1000),
  })
  .refine((w) => w.to > w.from, { error: '`to` must come after `from`', path: ['to'] });

export const MaintenanceWindowSchema = z.object({
  id: z.string(),
  scope: z.enum(['asset', 'site']),
  targetId: z.string(),
  from: z.number(),
  to: z.number(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
});
