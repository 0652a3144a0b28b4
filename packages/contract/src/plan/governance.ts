import { z } from 'zod';
import { DurationSchema } from '../duration';
import { EmailSchema, IdSchema, RecipientListSchema, TextSchema } from './common';
import { UnacknowledgedStepSchema } from './on-call';
import { RunbookSchema } from './runbook';

export const CRISIS_ROLES = ['crisis-manager', 'technical-lead', 'communication-lead', 'scribe'] as const;
export type CrisisRole = (typeof CRISIS_ROLES)[number];

export const CrisisCellDefinitionSchema = z.strictObject({
  title: TextSchema.optional(),
  members: z
    .array(
      z.strictObject({
        role: z.enum(CRISIS_ROLES, { error: `expected a crisis role: ${CRISIS_ROLES.join(', ')}` }),
        who: IdSchema,
      }),
    )
    .min(1, { error: 'expected at least one member' }),
});

export const BridgeSchema = z.strictObject({
  title: TextSchema,
  url: z.url({ error: 'expected a web address' }).optional(),
  phone: TextSchema.optional(),
  pin: TextSchema.optional(),
  instructions: TextSchema.optional(),
});

const EmailChannelSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('email'),
  from: EmailSchema,
  replyTo: EmailSchema.optional(),
});
const WebhookChannelSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('webhook'),
  url: z.url({ error: 'expected a web address' }),
  format: z.enum(['json', 'slack', 'teams'], { error: 'expected json, slack or teams' }).default('json'),
});
const SmsChannelSchema = z.strictObject({
  id: IdSchema,
  type: z.literal('sms'),
  url: z.url({ error: 'expected a web address' }),
});

export const ChannelSchema = z.discriminatedUnion(
  'type',
  [EmailChannelSchema, WebhookChannelSchema, SmsChannelSchema],
  {
    error: 'expected `type:` email, webhook or sms',
  },
);
export type Channel = z.infer<typeof ChannelSchema>;

export const CommunicationSchema = z.strictObject({
  bridge: BridgeSchema.optional(),
  /** Who hears of an incident as soon as it opens. */
  notifyOnOpen: RecipientListSchema.prefault(['team']),
  /** Who else hears of an incident still not acknowledged after a while, step by step. */
  unacknowledged: z.array(UnacknowledgedStepSchema).default([]),
  channels: z.array(ChannelSchema).default([]),
  /** The channel used when the primary one keeps failing. */
  fallback: IdSchema.optional(),
});

export const ClosureSchema = z.strictObject({
  text: TextSchema.optional(),
  notify: z.strictObject({ title: TextSchema.optional(), to: RecipientListSchema }),
  report: z.strictObject({
    title: TextSchema.optional(),
    due: DurationSchema.prefault('48h'),
    signatories: z
      .array(z.strictObject({ party: TextSchema, who: IdSchema }))
      .min(1, { error: 'expected at least one signatory' }),
  }),
});

export const SyncPolicySchema = z.strictObject({
  id: IdSchema,
  data: TextSchema,
  method: TextSchema,
  every: DurationSchema,
  /** Recovery point objective: the most data, in time, the plan accepts to lose. */
  rpo: DurationSchema,
  check: IdSchema.optional(),
});

export const RedundancySchema = z.strictObject({
  site: IdSchema,
  text: TextSchema.optional(),
  sync: z.array(SyncPolicySchema).min(1, { error: 'expected at least one sync policy' }),
  failover: RunbookSchema,
  failback: RunbookSchema,
  deploymentPlan: TextSchema.optional(),
});

export const ReviewSchema = z.strictObject({
  every: DurationSchema,
  atMost: DurationSchema.optional(),
  text: TextSchema.optional(),
  phases: z
    .array(z.strictObject({ id: IdSchema, title: TextSchema, steps: z.array(TextSchema).default([]) }))
    .min(1, { error: 'expected at least one phase' }),
});

export const CONTROL_CATEGORIES = ['physical', 'logical', 'organisational'] as const;

export const ControlSchema = z.strictObject({
  id: IdSchema,
  title: TextSchema,
  description: TextSchema.optional(),
  category: z.enum(CONTROL_CATEGORIES, { error: `expected a category: ${CONTROL_CATEGORIES.join(', ')}` }),
  standard: TextSchema.optional(),
  evidence: TextSchema.optional(),
  /** How often the control is verified. */
  every: DurationSchema.optional(),
  /** A measure the plan offers "if needed" rather than one in force. */
  optional: z.boolean().default(false),
  /** A check whose result is automated evidence for this control. */
  check: IdSchema.optional(),
});

/** A planned maintenance: incidents are not opened for the asset or site, data is kept. */
export const PlanMaintenanceWindowSchema = z
  .strictObject({
    asset: IdSchema.optional(),
    site: IdSchema.optional(),
    from: z.iso.datetime({ offset: true, error: 'expected a date and time such as 2026-12-05T22:00:00+01:00' }),
    to: z.iso.datetime({ offset: true, error: 'expected a date and time such as 2026-12-06T02:00:00+01:00' }),
    reason: TextSchema,
  })
  .superRefine((window, ctx) => {
    if ((window.asset === undefined) === (window.site === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a maintenance window names either an `asset` or a `site`',
        path: ['asset'],
      });
    }
    if (Date.parse(window.to) <= Date.parse(window.from)) {
      ctx.addIssue({ code: 'custom', message: '`to` must come after `from`', path: ['to'] });
    }
  });
export type MaintenanceWindowDefinition = z.infer<typeof PlanMaintenanceWindowSchema>;
