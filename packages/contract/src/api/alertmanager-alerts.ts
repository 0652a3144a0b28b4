import { z } from 'zod';

const QueryFlag = z.enum(['true', 'false']).optional();

/** What `amtool alert query` asks Alertmanager's API v2 for (`GET …/api/v2/alerts`). */
export const AlertmanagerAlertListQuerySchema = z.object({
  filter: z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(32)])
    .optional()
    .describe('matchers (`alertname="X"`): only alerts whose labels meet every one'),
  active: QueryFlag.describe('false: none of the alerts Vigie holds (all of them are active)'),
  silenced: QueryFlag.describe('kept for amtool: a silenced alert raises nothing and is not held'),
  inhibited: QueryFlag.describe('kept for amtool: Vigie attaches consequences to their root cause instead'),
  unprocessed: QueryFlag,
  receiver: z.string().max(256).optional(),
});

/** A firing alert as Alertmanager's API v2 lists it. */
export const AlertmanagerAlertSchema = z.object({
  fingerprint: z.string(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  startsAt: z.string(),
  updatedAt: z.string(),
  endsAt: z.string(),
  receivers: z.array(z.object({ name: z.string() })),
  status: z.object({
    state: z.enum(['active', 'suppressed', 'unprocessed']),
    silencedBy: z.array(z.string()),
    inhibitedBy: z.array(z.string()),
  }),
});
