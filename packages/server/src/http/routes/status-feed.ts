import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statusFeedAtom, type FeedIncident } from '@vigie/core';
import { ErrorResponseSchema, StatusFeedQuerySchema, StatusPageTokenParamsSchema } from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { clientOfLink, PUBLIC_RATE_LIMIT } from './status-page';

/** How far back the feed tells the client's incidents, and how many at most. */
const FEED_PERIOD_MS = 90 * 24 * 3_600_000;
const FEED_INCIDENTS = 50;

/**
 * A client's status page as an Atom feed, through its secret link: its incidents of the last
 * 90 days (drills left out), each with its state and public notes — what the page tells, and
 * the incidents since resolved — for a feed reader or a mail client.
 */
export function statusFeedRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/status/:token/feed.atom',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          tags: ['status pages'],
          summary:
            "A client's incidents of the last 90 days and their public updates as an Atom feed, through the status page's secret link",
          params: StatusPageTokenParamsSchema,
          querystring: StatusFeedQuerySchema,
          response: { 200: z.string(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const { token } = request.params;
        const { plan, clientId } = await clientOfLink(deps, token);
        const now = deps.clock.now();
        const incidents = await deps.store.transaction(async (tx) => {
          const listed = await tx.incidents.list({
            clientId,
            startedFrom: now - FEED_PERIOD_MS,
            limit: FEED_INCIDENTS,
            offset: 0,
          });
          const told: FeedIncident[] = [];
          for (const incident of listed.filter((i) => !i.drill)) {
            const timeline = await tx.timeline.list(incident.id);
            told.push({
              number: incident.number,
              title: incident.title,
              status: incident.status,
              startedAt: incident.startedAt,
              updatedAt: incident.updatedAt,
              resolvedAt: incident.resolvedAt,
              updates: timeline
                .filter((entry) => entry.kind === 'note' && entry.data['public'] === true)
                .map((entry) => ({ at: entry.at, text: entry.summary })),
            });
          }
          return told;
        });
        const origin = deps.publicUrl ?? `${request.protocol}://${request.host}`;
        const pageUrl = `${origin}/status/${encodeURIComponent(token)}`;
        const xml = statusFeedAtom({
          clientName: plan.clients.find((c) => c.id === clientId)!.name,
          pageUrl,
          feedUrl: `${origin}/api/v1/status/${encodeURIComponent(token)}/feed.atom${request.query.lang === 'en' ? '?lang=en' : ''}`,
          generatedAt: now,
          language: request.query.lang,
          timeZone: plan.timezone,
          incidents,
        });
        return reply.header('cache-control', 'no-store').type('application/atom+xml; charset=utf-8').send(xml);
      },
    );
  };
}
