import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badgeSvg, statusBadge } from '@vigie/core';
import { ErrorResponseSchema, StatusBadgeQuerySchema, StatusPageTokenParamsSchema } from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { PUBLIC_RATE_LIMIT, readPublicStatus } from './status-page';

/**
 * A client's status as a small SVG badge, through its status page's secret link: for an
 * intranet page or a wiki, `<img src="…/api/v1/status/vsp_…/badge.svg">`. It tells what the
 * page tells, to whoever holds the link.
 */
export function statusBadgeRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/status/:token/badge.svg',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          tags: ['status pages'],
          summary:
            "A client's state (or one service's, or its availability over 30 days) as an SVG badge, through the status page's secret link",
          params: StatusPageTokenParamsSchema,
          querystring: StatusBadgeQuerySchema,
          response: { 200: z.string(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const page = await readPublicStatus(deps, request.params.token);
        const { service, show, lang } = request.query;
        const svg = badgeSvg(statusBadge(page, { topic: show, language: lang, service }));
        // Pages embedding it are reloaded to follow an incident: never a stale copy.
        return reply.header('cache-control', 'no-store').type('image/svg+xml; charset=utf-8').send(svg);
      },
    );
  };
}
