import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, createApiToken, listApiTokens, revokeApiToken } from '@vigie/core';
import {
  ApiTokenSchema,
  CreateApiTokenRequestSchema,
  CreatedApiTokenSchema,
  ErrorResponseSchema,
  IdParamsSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

export function apiTokenRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/tokens',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['tokens'],
          summary: 'API tokens (all for an administrator, yours otherwise)',
          response: { 200: z.array(ApiTokenSchema) },
        },
      },
      (request) => listApiTokens(deps, actorOf(request).actor),
    );

    app.post(
      '/api/v1/tokens',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['tokens'],
          summary: 'Creates an API token for automation; the token is shown once',
          body: CreateApiTokenRequestSchema,
          response: { 201: CreatedApiTokenSchema, 403: ErrorResponseSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createApiToken(deps, actorOf(request).actor, request.body)),
    );

    app.delete(
      '/api/v1/tokens/:id',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['tokens'],
          summary: 'Revokes an API token',
          params: IdParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await revokeApiToken(deps, actorOf(request).actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
