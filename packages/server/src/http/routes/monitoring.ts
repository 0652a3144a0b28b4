import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CAN, listChecks, readAvailability, readCheckResults, type MonitoringContext } from '@vigie/core';
import {
  AvailabilityQuerySchema,
  AvailabilityResponseSchema,
  CheckListResponseSchema,
  CheckResultsQuerySchema,
  CheckResultsResponseSchema,
  ErrorResponseSchema,
  IdParamsSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

/** What the monitoring verbs read: checks are shown as they are run (in the demo, aimed at its simulators). */
export function monitoringContext(deps: HttpDeps): MonitoringContext {
  return { store: deps.store, clock: deps.clock, plans: deps.monitoredPlans ?? deps.catalog };
}

/** Checks with their state, their results, and availability over a period. */
export function monitoringRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = monitoringContext(deps);
  return async (app) => {
    app.get(
      '/api/v1/checks',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['monitoring'],
          summary: "The plan's checks with their state and last result (a client user sees its own)",
          response: { 200: CheckListResponseSchema, 412: ErrorResponseSchema },
        },
      },
      (request) => listChecks(ctx, actorOf(request).actor),
    );

    app.get(
      '/api/v1/checks/:id/results',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['monitoring'],
          summary: "A check's results over a period, raw or rolled up per 5 minutes or per hour",
          params: IdParamsSchema,
          querystring: CheckResultsQuerySchema,
          response: { 200: CheckResultsResponseSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      (request) => readCheckResults(ctx, actorOf(request).actor, { checkId: request.params.id, ...request.query }),
    );

    app.get(
      '/api/v1/availability',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['monitoring'],
          summary: 'Availability of a check, an asset, a site or a client over a period',
          querystring: AvailabilityQuerySchema,
          response: { 200: AvailabilityResponseSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      (request) => readAvailability(ctx, actorOf(request).actor, request.query),
    );
  };
}
