import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, EXPOSITION_CONTENT_TYPE, readMetrics, renderExposition } from '@vigie/core';
import { ErrorResponseSchema } from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import type { AlertCounters } from '../../metrics/alert-counters';
import { processMetrics } from '../../metrics/process-metrics';
import { monitoringContext } from './monitoring';

/**
 * `/metrics` for a Prometheus server (an API token: `authorization: credentials: vgt_…` in its
 * scrape configuration): the plan's checks and incidents as the token's owner sees them and,
 * for the contact centre's own people, inbound alerts and the server process.
 */
export function metricsRoutes(deps: HttpDeps, alerts: AlertCounters): FastifyPluginAsyncZod {
  const ctx = monitoringContext(deps);
  return async (app) => {
    app.get(
      '/metrics',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['monitoring'],
          summary: "Prometheus metrics: the plan's checks and incidents (a client user, its own), alerts, the process",
          response: { 200: z.string(), 412: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const { actor } = actorOf(request);
        const families = await readMetrics(ctx, actor);
        const internal = actor.clientId === null;
        const text = renderExposition(internal ? [...families, ...alerts.families()] : families);
        return reply.type(EXPOSITION_CONTENT_TYPE).send(internal ? text + (await processMetrics()) : text);
      },
    );
  };
}
