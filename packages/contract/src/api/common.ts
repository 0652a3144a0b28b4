import { z } from 'zod';

export const ROLE_NAMES = ['admin', 'operator', 'crisis-manager', 'auditor', 'client', 'viewer'] as const;
export const RoleSchema = z.enum(ROLE_NAMES);

/** The body of every 4xx/5xx answer. */
export const ErrorResponseSchema = z.object({
  error: z.string().describe('the kind of error: Invalid, NotFound, Forbidden…'),
  message: z.string().describe('what went wrong, in words a user can act on'),
  details: z.unknown().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export const IdParamsSchema = z.strictObject({ id: z.string().min(1).max(128) });
