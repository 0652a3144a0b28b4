import { z } from 'zod';

export const PlanVersionSchema = z.object({
  id: z.string(),
  number: z.number(),
  fileName: z.string(),
  contentHash: z.string(),
  loadedBy: z.string(),
  loadedAt: z.number(),
  activatedAt: z.number().nullable(),
  active: z.boolean(),
});
export type PlanVersion = z.infer<typeof PlanVersionSchema>;

export const PlanErrorSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  message: z.string(),
});

export const UploadPlanRequestSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255).default('plan.yaml'),
  source: z.string().min(1).max(2_000_000),
});

export const PlanValidationResponseSchema = z.object({
  valid: z.boolean(),
  errors: z.array(PlanErrorSchema),
});

/** One condition of a detection rule: a check, or checks picked by what they watch, in a state. */
const CheckConditionViewSchema = z.object({
  check: z.string().optional(),
  checks: z.record(z.string(), z.string()).optional(),
  count: z.union([z.enum(['any', 'all']), z.number()]).optional(),
  state: z.string(),
});

/** A threat as the plan's catalogue shows it, with what Vigie derives from it. */
export const ThreatViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  symptoms: z.string().nullable(),
  causes: z.string(),
  solution: z.string(),
  targetMs: z.number().nullable(),
  target: z.string().nullable().describe('the target resolution time in plan notation (4h)'),
  targetText: z.string().nullable(),
  class: z.enum(['short', 'long']),
  severity: z.enum(['critical', 'major', 'minor']),
  assets: z.array(z.string()),
  clients: z.array(z.string()),
  detect: z.array(
    CheckConditionViewSchema.extend({
      alert: z.record(z.string(), z.string()).optional(),
      all: z.array(CheckConditionViewSchema).optional(),
    }),
  ),
  runbook: z.array(z.object({ title: z.string(), manual: z.string().optional(), action: z.string().optional() })),
});
export type ThreatView = z.infer<typeof ThreatViewSchema>;

export const ThreatListResponseSchema = z.object({
  planVersion: z.number(),
  threats: z.array(ThreatViewSchema),
});

export const DrillRequestSchema = z.strictObject({
  threatId: z.string().min(1).max(128),
  /** How long the interruption lasts, in the plan's notation (7h, 90m). */
  lasts: z.string().min(1).max(20),
  /** The technician's estimate given at the start. */
  eta: z.string().min(1).max(20).optional(),
  /** The crisis cell posts no SITREP: show the reminders and overdue alerts. */
  silentCell: z.boolean().default(false),
});

export const DrillEntrySchema = z.object({
  offsetMs: z.number(),
  kind: z.string(),
  id: z.string().nullable(),
  summary: z.string(),
  channel: z.string().optional(),
  to: z.string().optional(),
  name: z.string().optional(),
  subject: z.string().optional(),
  status: z.string().optional(),
  event: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

export const DrillResultSchema = z.object({
  threatId: z.string(),
  lastsMs: z.number(),
  timeline: z.array(DrillEntrySchema),
});
