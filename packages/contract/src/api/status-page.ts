import { z } from 'zod';

const Epoch = z.number().int().describe('epoch milliseconds');

export const StatusPageClientParamsSchema = z.strictObject({ clientId: z.string().min(1).max(64) });
export const StatusPageTokenParamsSchema = z.strictObject({ token: z.string().min(1).max(200) });

/** The secret link of one client's status page, as administrators see it (never the token itself). */
export const StatusPageLinkSchema = z.object({
  clientId: z.string(),
  clientName: z.string(),
  /** True while a link exists and is not revoked. */
  active: z.boolean(),
  createdAt: Epoch.nullable(),
  createdBy: z.string().nullable(),
  revokedAt: Epoch.nullable(),
});
export type StatusPageLink = z.infer<typeof StatusPageLinkSchema>;

/** A new link: the token is shown once; only its hash is stored. */
export const CreatedStatusPageLinkSchema = z.object({
  link: StatusPageLinkSchema,
  token: z.string(),
  /** The page's path on Vigie (`/status/<token>`). */
  path: z.string(),
});

/**
 * A service works, works impaired (a check degraded), does not (an open incident or a check
 * down), or is under planned work (a maintenance window covers it now, no incident open on it).
 */
export const STATUS_PAGE_SERVICE_STATES = ['operational', 'degraded', 'disrupted', 'maintenance'] as const;

/** What anyone holding the link may read: the client's services and the public course of open incidents. */
export const PublicStatusPageSchema = z.object({
  client: z.object({ name: z.string() }),
  /** The plan's time zone, in which the page shows times. */
  timezone: z.string(),
  generatedAt: Epoch,
  /** `incidents`: from the open incidents only; `checks`: live monitoring's checks as well. */
  stateSource: z.enum(['incidents', 'checks']),
  services: z.array(
    z.object({
      name: z.string(),
      state: z.enum(STATUS_PAGE_SERVICE_STATES),
      availability30d: z
        .number()
        .nullable()
        .describe("share of the last 30 days' check results where the service worked; null without results"),
    }),
  ),
  maintenance: z
    .array(z.object({ from: Epoch, to: Epoch, services: z.array(z.string()) }))
    .describe(
      "planned work on the client's services, under way or starting within 14 days, soonest first (no reason given)",
    ),
  incidents: z.array(
    z.object({
      number: z.number(),
      title: z.string(),
      status: z.enum(['open', 'acknowledged', 'mitigating']),
      startedAt: Epoch,
      updatedAt: Epoch,
      updates: z.array(z.object({ at: Epoch, text: z.string() })),
    }),
  ),
});
export type PublicStatusPage = z.infer<typeof PublicStatusPageSchema>;

export const StatusBadgeQuerySchema = z.object({
  service: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('one service of the page, by its name; else the whole client'),
  show: z
    .enum(['status', 'availability'])
    .default('status')
    .describe('`status`: the worst state of the services; `availability`: their availability over 30 days'),
  lang: z.enum(['fr', 'en']).default('fr'),
});

export const StatusFeedQuerySchema = z.object({ lang: z.enum(['fr', 'en']).default('fr') });
