import { z } from 'zod';
import { DurationSchema } from '../duration';
import { IdSchema, RecipientListSchema, TextSchema } from './common';

const ActionFields = {
  /** The plan's id of this duty; defaults to the kind of action. */
  id: IdSchema.optional(),
  title: TextSchema.optional(),
  /** The plan's own words for this duty. */
  text: TextSchema.optional(),
};

/** Invitation to a conference call with the client's IT (an ICS event with the bridge). */
const ConferenceCallSchema = z.strictObject({
  do: z.literal('conference-call'),
  ...ActionFields,
  with: RecipientListSchema.prefault(['client-it', 'crisis-cell']),
  purpose: TextSchema.optional(),
  lasts: DurationSchema.prefault('30m'),
});

/** The crisis cell is activated with the members named in `crisisCell`. */
const CrisisCellSchema = z.strictObject({ do: z.literal('crisis-cell'), ...ActionFields });

/** A situation report (SITREP) due at a regular interval, sent to the recipients. */
const SitrepSchema = z.strictObject({
  do: z.literal('sitrep'),
  ...ActionFields,
  every: DurationSchema,
  to: RecipientListSchema,
  /** How long after it is due a missing SITREP raises an alert. */
  grace: DurationSchema.prefault('10m'),
});

/** A formal action plan, drawn up by the crisis cell. */
const ActionPlanSchema = z.strictObject({
  do: z.literal('action-plan'),
  ...ActionFields,
  due: DurationSchema.prefault('1h'),
});

/** A lessons-learned review (retour d'expérience) held after closure. */
const RexSchema = z.strictObject({
  do: z.literal('rex'),
  ...ActionFields,
  within: DurationSchema.prefault('7d'),
});

/** A message sent at once. */
const NotifySchema = z.strictObject({
  do: z.literal('notify'),
  ...ActionFields,
  to: RecipientListSchema,
  /** What the message must carry besides the incident's facts. */
  include: z.array(z.enum(['cause', 'actions', 'eta'], { error: 'expected cause, actions or eta' })).default([]),
});

/** A regular update to the recipients until the incident is resolved. */
const UpdateSchema = z.strictObject({
  do: z.literal('update'),
  ...ActionFields,
  every: DurationSchema,
  to: RecipientListSchema,
});

/** Failover to the redundant site, proposed as a runbook. */
const FailoverSchema = z.strictObject({ do: z.literal('failover'), ...ActionFields, site: IdSchema });

/** The deployment plan of the adopted solution, sent to the recipients. */
const DeploymentPlanSchema = z.strictObject({
  do: z.literal('deployment-plan'),
  ...ActionFields,
  to: RecipientListSchema,
});

/** A detailed report due to the recipients. */
const DetailedReportSchema = z.strictObject({
  do: z.literal('detailed-report'),
  ...ActionFields,
  to: RecipientListSchema,
  due: DurationSchema.prefault('24h'),
});

export const ESCALATION_ACTION_KINDS = [
  'conference-call',
  'crisis-cell',
  'sitrep',
  'action-plan',
  'rex',
  'notify',
  'update',
  'failover',
  'deployment-plan',
  'detailed-report',
] as const;
export type EscalationActionKind = (typeof ESCALATION_ACTION_KINDS)[number];

export const EscalationActionSchema = z.discriminatedUnion(
  'do',
  [
    ConferenceCallSchema,
    CrisisCellSchema,
    SitrepSchema,
    ActionPlanSchema,
    RexSchema,
    NotifySchema,
    UpdateSchema,
    FailoverSchema,
    DeploymentPlanSchema,
    DetailedReportSchema,
  ],
  { error: `expected \`do:\` one of ${ESCALATION_ACTION_KINDS.join(', ')}` },
);
export type EscalationAction = z.infer<typeof EscalationActionSchema>;

/**
 * A step of the escalation ladder. It fires when the elapsed time reaches `after`, or as
 * soon as the expected duration (ETA, else the threat's target) is greater than `after`.
 */
export const EscalationStepSchema = z.strictObject({
  id: IdSchema,
  title: TextSchema,
  after: DurationSchema,
  text: TextSchema.optional(),
  actions: z.array(EscalationActionSchema).min(1, { error: 'expected at least one action' }),
});
export type EscalationStep = z.infer<typeof EscalationStepSchema>;

/** The plan's id of a duty: its own id, else its kind. */
export function actionId(action: EscalationAction): string {
  return action.id ?? action.do;
}
