import { z } from 'zod';
import { DurationSchema } from '../duration';
import { IdSchema, LanguageSchema, TextSchema } from './common';
import { CheckSchema } from './checks';
import { EscalationStepSchema } from './escalation';
import {
  ClosureSchema,
  CommunicationSchema,
  ControlSchema,
  PlanMaintenanceWindowSchema,
  CrisisCellDefinitionSchema,
  RedundancySchema,
  ReviewSchema,
} from './governance';
import { OnCallScheduleSchema } from './on-call';
import { AssetSchema, ClientSchema, SiteSchema, TeamMemberSchema } from './organisation';
import { ThreatSchema } from './threats';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The whole plan file, as written by the contact centre (durations already in ms). */
export const PlanSchema = z.strictObject({
  version: z.literal(1, { error: 'expected `version: 1` (the plan format version)' }).default(1),
  organisation: TextSchema,
  title: TextSchema,
  language: LanguageSchema.default('fr'),
  timezone: TextSchema.refine(isTimeZone, { error: 'expected a time zone such as Africa/Douala' }).default(
    'Africa/Douala',
  ),
  objective: TextSchema.optional(),
  clients: z.array(ClientSchema).min(1, { error: 'expected at least one client' }),
  team: z.array(TeamMemberSchema).min(1, { error: 'expected at least one team member' }),
  /** On-call rotations of the team (astreintes). */
  onCall: z.array(OnCallScheduleSchema).default([]),
  sites: z.array(SiteSchema).min(1, { error: 'expected at least one site' }),
  assets: z.array(AssetSchema).default([]),
  checks: z.array(CheckSchema).default([]),
  threats: z.array(ThreatSchema).min(1, { error: 'expected at least one threat' }),
  crisisCell: CrisisCellDefinitionSchema.optional(),
  escalation: z.array(EscalationStepSchema).default([]),
  closure: ClosureSchema.optional(),
  redundancy: RedundancySchema.optional(),
  review: ReviewSchema.optional(),
  controls: z.array(ControlSchema).default([]),
  maintenance: z.array(PlanMaintenanceWindowSchema).default([]),
  detection: z
    .strictObject({
      /** How long a failure is held so that failures it causes join the same incident. */
      groupWait: DurationSchema.prefault('10s'),
    })
    .prefault({}),
  communication: CommunicationSchema.prefault({}),
});

export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;

export const PlanIdSchema = IdSchema;
