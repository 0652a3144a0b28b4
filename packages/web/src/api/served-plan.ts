import { z } from 'zod';
import {
  AssetSchema,
  ClientSchema,
  CRISIS_ROLES,
  ESCALATION_ACTION_KINDS,
  PlanVersionSchema,
  SiteSchema,
  TeamMemberSchema,
} from '@vigie/contract';

// The API serves the plan as parsed by the server: durations are already milliseconds,
// so the file-format schemas that parse `4h` cannot read them; these describe what the
// pages read and ignore the rest.

const ServedActionSchema = z.object({
  do: z.enum(ESCALATION_ACTION_KINDS),
  id: z.string().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  every: z.number().optional(),
  due: z.number().optional(),
  within: z.number().optional(),
  lasts: z.number().optional(),
  to: z.array(z.string()).optional(),
  with: z.array(z.string()).optional(),
  site: z.string().optional(),
  purpose: z.string().optional(),
});
export type ServedAction = z.infer<typeof ServedActionSchema>;

const ServedEscalationStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  after: z.number(),
  text: z.string().optional(),
  actions: z.array(ServedActionSchema),
});
export type ServedEscalationStep = z.infer<typeof ServedEscalationStepSchema>;

const ServedSyncPolicySchema = z.object({
  id: z.string(),
  data: z.string(),
  method: z.string(),
  every: z.number(),
  rpo: z.number(),
});

export const ServedPlanSchema = z.object({
  organisation: z.string(),
  title: z.string(),
  language: z.enum(['fr', 'en']),
  timezone: z.string(),
  objective: z.string().optional(),
  clients: z.array(ClientSchema),
  team: z.array(TeamMemberSchema),
  /** On-call schedules: their ids are recipients too. */
  onCall: z.array(z.object({ id: z.string(), title: z.string() })).default([]),
  sites: z.array(SiteSchema),
  assets: z.array(AssetSchema),
  crisisCell: z
    .object({
      title: z.string().optional(),
      members: z.array(z.object({ role: z.enum(CRISIS_ROLES), who: z.string() })),
    })
    .optional(),
  escalation: z.array(ServedEscalationStepSchema),
  closure: z
    .object({
      text: z.string().optional(),
      report: z.object({ signatories: z.array(z.object({ party: z.string(), who: z.string() })) }),
    })
    .optional(),
  redundancy: z
    .object({ site: z.string(), text: z.string().optional(), sync: z.array(ServedSyncPolicySchema) })
    .optional(),
  communication: z
    .object({
      channels: z.array(z.object({ id: z.string(), type: z.enum(['email', 'webhook', 'sms']) })),
      fallback: z.string().optional(),
    })
    .optional(),
});
export type ServedPlan = z.infer<typeof ServedPlanSchema>;

export const ActivePlanResponseSchema = z.object({ version: PlanVersionSchema, plan: ServedPlanSchema });
export type ActivePlanResponse = z.infer<typeof ActivePlanResponseSchema>;
