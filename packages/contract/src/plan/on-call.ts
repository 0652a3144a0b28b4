import { z } from 'zod';
import { DurationSchema } from '../duration';
import { IdSchema, RecipientListSchema, TextSchema } from './common';

const HOUR_MS = 3_600_000;

/**
 * An on-call rotation (astreinte): team members take the duty in turn, each for `every`,
 * the first turn beginning at `from`. Its id is a recipient like a person's: a message to
 * it reaches whoever is on call when the message is written.
 */
export const OnCallScheduleSchema = z.strictObject({
  id: IdSchema,
  title: TextSchema,
  /** Team members, in the order they take their turns. */
  people: z
    .array(IdSchema, { error: 'expected a list of team members' })
    .min(1, { error: 'expected at least one team member' }),
  /** How long a turn lasts (`1w`, `1d`, `12h`); whole days hand over at the same local time. */
  every: DurationSchema.refine((ms) => ms >= HOUR_MS, { error: 'expected a turn of an hour or more' }),
  /** When the first turn begins. */
  from: z.iso.datetime({ offset: true, error: 'expected a date and time such as 2026-01-05T08:00:00+01:00' }),
});
export type OnCallSchedule = z.infer<typeof OnCallScheduleSchema>;

/**
 * Who hears of an incident nobody has acknowledged yet, and when: PagerDuty's escalation
 * levels past the first (the first is `notifyOnOpen`).
 */
export const UnacknowledgedStepSchema = z.strictObject({
  /** Time since the incident opened. */
  after: DurationSchema.refine((ms) => ms >= 60_000, { error: 'expected a minute or more' }),
  to: RecipientListSchema,
});
export type UnacknowledgedStep = z.infer<typeof UnacknowledgedStepSchema>;
