import { z } from 'zod';
import { DurationSchema } from '../duration';
import { IdSchema, TextSchema } from './common';

/**
 * One step of a runbook: either a manual step a person ticks, or a named action an
 * agent performs (from its own allow-list), optionally after a person approves it.
 */
export const RunbookStepSchema = z
  .strictObject({
    id: IdSchema.optional(),
    title: TextSchema,
    manual: TextSchema.optional(),
    action: IdSchema.optional(),
    /** The asset whose agent performs the action. */
    on: IdSchema.optional(),
    approval: z.boolean().default(false),
    timeout: DurationSchema.prefault('10m'),
    retries: z.int().min(0).max(10).default(0),
  })
  .superRefine((step, ctx) => {
    if (step.action !== undefined && step.manual !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'a step is either manual or an action, not both', path: ['action'] });
    }
    if (step.action !== undefined && step.on === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'an action needs `on:` the asset whose agent runs it',
        path: ['action'],
      });
    }
  });
export type RunbookStep = z.infer<typeof RunbookStepSchema>;

export const RunbookSchema = z.array(RunbookStepSchema).default([]);
