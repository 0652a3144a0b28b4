import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, createHeartbeatToken, listHeartbeats, receiveHeartbeat } from '@vigie/core';
import {
  ErrorResponseSchema,
  HeartbeatPingQuerySchema,
  HeartbeatPingResponseSchema,
  HeartbeatTokenParamsSchema,
  HeartbeatTokenResponseSchema,
  HeartbeatViewSchema,
  IdParamsSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

/** A job may call its heartbeat often; a leaked address must not flood the database. */
const PING_RATE_LIMIT = { max: 120, timeWindow: 60_000 };

/** Heartbeat addresses for administrators, and the public address each job calls. */
export function heartbeatRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = { store: deps.store, clock: deps.clock, plans: deps.catalog, random: deps.random };
  return async (app) => {
    app.get(
      '/api/v1/heartbeats',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['monitoring'],
          summary: 'Heartbeat checks and the address each job calls (the address is a secret)',
          response: { 200: z.array(HeartbeatViewSchema), 412: ErrorResponseSchema },
        },
      },
      (request) => listHeartbeats(ctx, actorOf(request).actor, deps.secrets, deps.publicUrl),
    );

    app.post(
      '/api/v1/checks/:id/heartbeat-token',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['monitoring'],
          summary: "Creates a heartbeat check's address, replacing the earlier one",
          params: IdParamsSchema,
          response: { 201: HeartbeatTokenResponseSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await createHeartbeatToken(ctx, actorOf(request).actor, deps.secrets, deps.publicUrl, request.params.id),
          ),
    );

    // The token in the address is the authentication: a cron job cannot sign in.
    for (const method of ['GET', 'POST'] as const) {
      app.route({
        method,
        url: '/api/v1/heartbeats/:token',
        config: { public: true, rateLimit: PING_RATE_LIMIT },
        schema: {
          tags: ['monitoring'],
          summary: 'A job says it ran (status=down if it failed); silence past the interval is a failure',
          params: HeartbeatTokenParamsSchema,
          querystring: HeartbeatPingQuerySchema,
          response: { 200: HeartbeatPingResponseSchema, 404: ErrorResponseSchema },
        },
        handler: (request) => receiveHeartbeat(ctx, request.params.token, request.query),
      });
    }
  };
}
