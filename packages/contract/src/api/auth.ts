import { z } from 'zod';
import { RoleSchema } from './common';

export const LoginRequestSchema = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  clientId: z.string().nullable(),
  language: z.enum(['fr', 'en']),
  createdAt: z.number(),
  disabledAt: z.number().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionResponseSchema = z.object({
  user: UserSchema,
  /** Echo it in `x-csrf-token` on every request that changes something. */
  csrfToken: z.string().nullable(),
  expiresAt: z.number().nullable(),
});

export const CreateUserRequestSchema = z.strictObject({
  email: z.email(),
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema,
  clientId: z.string().min(1).max(64).nullable().optional(),
  language: z.enum(['fr', 'en']).optional(),
  password: z.string().min(12).max(1024),
});

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});

export const CreateApiTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  userId: z.string().min(1).max(64).optional(),
});

export const CreatedApiTokenSchema = z.object({
  /** Shown once: only its hash is kept. */
  token: z.string(),
  record: ApiTokenSchema,
});
