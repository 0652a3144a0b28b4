import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, createOnCallOverride, deleteOnCallOverride, listOnCall } from '@vigie/core';
import {
  ErrorResponseSchema,
  OnCallOverrideParamsSchema,
  OnCallOverrideRequestSchema,
  OnCallOverrideSchema,
  OnCallQuerySchema,
  OnCallScheduleViewSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import { engineContext } from './incidents';

/** On-call schedules (astreintes): who is on call, the shifts to come, and replacements. */
export function onCallRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);

  return async (app) => {
    app.get(
      '/api/v1/on-call',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['on-call'],
          summary:
            "The plan's on-call schedules: who is on call now, the shifts from `from` to `to` (four weeks by default) with replacements, and the replacements not yet over",
          querystring: OnCallQuerySchema,
          response: { 200: z.array(OnCallScheduleViewSchema), 400: ErrorResponseSchema },
        },
      },
      (request) => listOnCall(ctx, actorOf(request).actor, request.query),
    );

    app.post(
      '/api/v1/on-call/overrides',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['on-call'],
          summary:
            'A replacement: a team member holds a schedule’s duty from `from` to `to`, over the rotation (the latest made holds where two overlap; audited)',
          body: OnCallOverrideRequestSchema,
          response: { 201: OnCallOverrideSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createOnCallOverride(ctx, actorOf(request).actor, request.body)),
    );

    app.delete(
      '/api/v1/on-call/overrides/:id',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['on-call'],
          summary: 'Takes a replacement back: the rotation’s own turn holds again (audited)',
          params: OnCallOverrideParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await deleteOnCallOverride(ctx, actorOf(request).actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
