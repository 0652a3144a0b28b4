import { z } from 'zod';

/** The last instant a date is written with four digits for its year: 9999-12-31T23:59:59.999Z. */
export const LATEST_EPOCH_MS = 253_402_300_799_999;

/**
 * An instant a request gives, in epoch milliseconds: from 1970 to the end of the year 9999.
 * Beyond that range no date can be written from it (JavaScript's own stops at ±8.64e15).
 */
export const EpochInputSchema = z
  .number()
  .int()
  .min(0, { error: 'expected epoch milliseconds from 1970 on' })
  .max(LATEST_EPOCH_MS, { error: 'expected epoch milliseconds before the year 10000' })
  .describe('epoch milliseconds');

/** The same, read from a query string. */
export const EpochQuerySchema = z.coerce
  .number()
  .int()
  .min(0, { error: 'expected epoch milliseconds from 1970 on' })
  .max(LATEST_EPOCH_MS, { error: 'expected epoch milliseconds before the year 10000' })
  .describe('epoch milliseconds');
