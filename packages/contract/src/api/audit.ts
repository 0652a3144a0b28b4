import { z } from 'zod';

export const AuditEntrySchema = z.object({
  seq: z.number(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  details: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditPageQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const AuditVerdictSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  brokenAt: z.number().optional(),
  reason: z.string().optional(),
});
