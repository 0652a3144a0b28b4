import { z } from 'zod';
import { IdSchema } from '../plan/common';
import { EpochInputSchema, EpochQuerySchema } from './epoch';

/** One stretch of an on-call schedule: who holds the duty from `from` to `to`. */
export const OnCallShiftSchema = z.object({
  personId: z.string(),
  personName: z.string(),
  from: z.number().describe('epoch milliseconds'),
  to: z.number().describe('epoch milliseconds, excluded'),
  /** The replacement that put this person on call here, or null for the rotation's own turn. */
  overrideId: z.string().nullable(),
  reason: z.string().nullable(),
});
export type OnCallShift = z.infer<typeof OnCallShiftSchema>;

/** A replacement on an on-call schedule: someone else holds the duty for a while. */
export const OnCallOverrideSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  personId: z.string(),
  personName: z.string(),
  from: z.number().describe('epoch milliseconds'),
  to: z.number().describe('epoch milliseconds, excluded'),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
});
export type OnCallOverride = z.infer<typeof OnCallOverrideSchema>;

/** An on-call schedule of the plan in force: who is on call now and the shifts to come. */
export const OnCallScheduleViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  every: z.number().describe('length of a turn, in milliseconds'),
  people: z.array(z.object({ id: z.string(), name: z.string(), example: z.boolean() })),
  now: OnCallShiftSchema.nullable().describe('the shift under way'),
  shifts: z.array(OnCallShiftSchema).describe('the shifts from `from` to `to`, replacements included, in order'),
  overrides: z.array(OnCallOverrideSchema).describe('replacements not yet over, soonest first'),
});
export type OnCallScheduleView = z.infer<typeof OnCallScheduleViewSchema>;

export const OnCallQuerySchema = z.object({
  from: EpochQuerySchema.optional().describe('epoch milliseconds; now when absent'),
  to: EpochQuerySchema.optional().describe('epoch milliseconds; four weeks after `from` when absent'),
});

/** A replacement asked for: `personId` holds the schedule's duty from `from` to `to`. */
export const OnCallOverrideRequestSchema = z
  .strictObject({
    scheduleId: IdSchema,
    personId: IdSchema,
    from: EpochInputSchema,
    to: EpochInputSchema,
    reason: z.string().trim().max(500).optional(),
  })
  .refine((o) => o.to > o.from, { error: '`to` must come after `from`', path: ['to'] });
export type OnCallOverrideRequest = z.infer<typeof OnCallOverrideRequestSchema>;

export const OnCallOverrideParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
