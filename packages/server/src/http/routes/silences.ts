import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CAN,
  createSilence,
  expireSilence,
  findSilence,
  filterMatchers,
  listLiveAlerts,
  listSilences,
  updateSilence,
} from '@vigie/core';
import {
  ErrorResponseSchema,
  FiringAlertSchema,
  FiringAlertsQuerySchema,
  SilenceListQuerySchema,
  SilenceParamsSchema,
  SilenceRequestSchema,
  SilenceSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import { engineContext } from './incidents';

/**
 * Silences: inbound alerts muted by label matchers for a while (Vigie's own API), and the
 * alerts firing now, which a silence being written would mute from their next sending.
 */
export function silenceRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);

  return async (app) => {
    app.get(
      '/api/v1/silences',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary:
            'Silences: active (ending soonest first), pending, then those expired within the last week (latest first)',
          querystring: SilenceListQuerySchema,
          response: { 200: z.array(SilenceSchema) },
        },
      },
      (request) => listSilences(ctx, request.query.state),
    );

    app.get(
      '/api/v1/alerts/firing',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary:
            'Inbound alerts firing now (those that raised a threat and are not resolved), oldest first, those meeting the filter',
          querystring: FiringAlertsQuerySchema,
          response: { 200: z.array(FiringAlertSchema), 400: ErrorResponseSchema },
        },
      },
      (request) => listLiveAlerts(ctx, filterMatchers(request.query.filter), request.query.limit),
    );

    app.get(
      '/api/v1/silences/:id',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary: 'One silence, with what it has muted',
          params: SilenceParamsSchema,
          response: { 200: SilenceSchema, 404: ErrorResponseSchema },
        },
      },
      (request) => findSilence(ctx, request.params.id),
    );

    app.post(
      '/api/v1/silences',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary:
            'Silences inbound alerts whose labels match, from startsAt (now) to endsAt: they raise no signal meanwhile (audited)',
          body: SilenceRequestSchema,
          response: { 201: SilenceSchema, 400: ErrorResponseSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createSilence(ctx, actorOf(request).actor, request.body)),
    );

    app.put(
      '/api/v1/silences/:id',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary:
            'Changes a silence not yet expired (matchers, times, comment); an expired one is left as it was and a new one made (audited)',
          params: SilenceParamsSchema,
          body: SilenceRequestSchema,
          response: { 200: SilenceSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => updateSilence(ctx, actorOf(request).actor, request.params.id, request.body),
    );

    app.delete(
      '/api/v1/silences/:id',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary: 'Expires a silence now: alerts that fire afterwards are heard again (audited)',
          params: SilenceParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await expireSilence(ctx, actorOf(request).actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
