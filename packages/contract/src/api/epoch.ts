import { z } from 'zod';

/** The last instant a date is written with four digits for its year: 9999-12-31T23:59:59.999Z. */
export const LATEST_EPOCH_MS = 253_402_300_799_999;

/** From 1970 to the end of the year 9999: beyond that no date can be written of it (JavaScript's own stops at ±8.64e15). */
function withinDates<T extends z.ZodNumber | z.ZodCoercedNumber>(number: T): T {
  return number
    .int()
    .min(0, { error: 'expected epoch milliseconds from 1970 on' })
    .max(LATEST_EPOCH_MS, { error: 'expected epoch milliseconds before the year 10000' })
    .describe('epoch milliseconds') as T;
}

/** An instant a request gives, in epoch milliseconds. */
export const EpochInputSchema = withinDates(z.number());

/** The same, read from a query string. */
export const EpochQuerySchema = withinDates(z.coerce.number());
