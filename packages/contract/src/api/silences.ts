import { z } from 'zod';
import { LABEL_NAME_PATTERN } from '../label-matchers';
import { EpochInputSchema, LATEST_EPOCH_MS } from './epoch';

export const LabelMatcherSchema = z.strictObject({
  name: z
    .string()
    .max(128)
    .regex(LABEL_NAME_PATTERN, { error: 'expected a label name (letters, digits and _, not starting with a digit)' }),
  value: z.string().max(1000),
  isRegex: z.boolean().default(false).describe('the value is a regular expression matching the whole label value'),
  isEqual: z.boolean().default(true).describe('false: the matcher holds when the label does not equal (or match) it'),
});

const Matchers = z
  .array(LabelMatcherSchema)
  .min(1, { error: 'expected at least one matcher' })
  .max(32)
  .describe('every one must hold for an alert to be silenced; a missing label reads as the empty text');

/** A silence asked for: inbound alerts whose labels match are muted from `startsAt` to `endsAt`. */
export const SilenceRequestSchema = z
  .strictObject({
    matchers: Matchers,
    startsAt: EpochInputSchema.optional().describe('epoch milliseconds; now when absent'),
    endsAt: EpochInputSchema,
    comment: z.string().trim().min(1, { error: 'say why the alerts are silenced' }).max(1000),
  })
  .refine((s) => s.startsAt === undefined || s.endsAt > s.startsAt, {
    error: '`endsAt` must come after `startsAt`',
    path: ['endsAt'],
  });

export const SilenceStateSchema = z.enum(['pending', 'active', 'expired']);
export type SilenceState = z.infer<typeof SilenceStateSchema>;

export const SilenceSchema = z.object({
  id: z.string(),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean() })),
  startsAt: z.number().describe('epoch milliseconds'),
  endsAt: z.number().describe('epoch milliseconds'),
  comment: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  state: SilenceStateSchema,
  mutedCount: z.number().describe('firing alerts it has muted'),
  lastMutedAt: z.number().nullable().describe('when it last muted one'),
});
export type Silence = z.infer<typeof SilenceSchema>;

export const SilenceListQuerySchema = z.object({
  state: SilenceStateSchema.optional().describe('only those in this state; expired ones are kept a week'),
});

export const SilenceParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

/** An instant as Alertmanager's API writes them (RFC 3339), within the dates Vigie can write. */
const Rfc3339 = z
  .string()
  .max(64)
  .refine(
    (text) => {
      const at = Date.parse(text);
      return Number.isFinite(at) && at >= 0 && at <= LATEST_EPOCH_MS;
    },
    { error: 'expected a date and time such as 2026-11-30T08:00:00Z' },
  );

/**
 * A silence as `amtool` and Alertmanager's API v2 post it (`POST …/api/v2/silences`); with the
 * `id` of a silence not yet expired, it replaces that one.
 */
export const AlertmanagerSilenceRequestSchema = z.object({
  id: z.string().max(64).optional(),
  matchers: z
    .array(
      z.object({
        name: LabelMatcherSchema.shape.name,
        value: z.string().max(1000),
        isRegex: z.boolean(),
        isEqual: z.boolean().default(true),
      }),
    )
    .min(1)
    .max(32),
  startsAt: Rfc3339,
  endsAt: Rfc3339,
  createdBy: z.string().max(256),
  comment: z.string().max(1000),
});

/** A silence as Alertmanager's API v2 answers it. */
export const AlertmanagerSilenceSchema = z.object({
  id: z.string(),
  status: z.object({ state: SilenceStateSchema }),
  updatedAt: z.string(),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean() })),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
});

export const AlertmanagerSilenceListQuerySchema = z.object({
  filter: z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(32)])
    .optional()
    .describe('matchers (`alertname="X"`): only silences having every one of them'),
});

export const FiringAlertsQuerySchema = z.object({
  filter: z
    .string()
    .max(4000)
    .optional()
    .describe('matchers as Prometheus writes them (`alertname="X", instance=~"hmp.*"`): only the alerts meeting all'),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

/** An inbound alert firing now: it raised a threat and has not been resolved. */
export const FiringAlertSchema = z.object({
  fingerprint: z.string(),
  labels: z.record(z.string(), z.string()),
  summary: z.string(),
  threats: z.array(z.string()),
  startsAt: z.number().describe('epoch milliseconds'),
  updatedAt: z.number().describe('epoch milliseconds: when it was last reported, to the minute'),
});
export type FiringAlert = z.infer<typeof FiringAlertSchema>;
