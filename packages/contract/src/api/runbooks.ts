import { z } from 'zod';

export const RunbookKindSchema = z.enum(['threat', 'failover', 'failback']);

export const RunbookStepViewSchema = z.object({
  index: z.number(),
  title: z.string(),
  kind: z.enum(['manual', 'action']),
  instructions: z.string().nullable(),
  action: z.string().nullable(),
  assetId: z.string().nullable(),
  approval: z.boolean(),
  approvedBy: z.string().nullable(),
  timeoutMs: z.number(),
  retries: z.number(),
  status: z.string(),
  attempts: z.number(),
  taskId: z.string().nullable(),
  output: z.string().nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  doneBy: z.string().nullable(),
});

export const RunbookRunSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  kind: RunbookKindSchema,
  title: z.string(),
  status: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  startedBy: z.string(),
  steps: z.array(RunbookStepViewSchema),
});

export const StartRunbookRequestSchema = z.strictObject({ kind: RunbookKindSchema.default('threat') });

export const StepDecisionRequestSchema = z.strictObject({
  decision: z.enum(['approve', 'done', 'skip', 'retry']),
  note: z.string().trim().max(5_000).optional(),
});
