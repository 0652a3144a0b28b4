import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, createUser, toPublicUser } from '@vigie/core';
import { CreateUserRequestSchema, ErrorResponseSchema, UserSchema } from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

export function userRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/users',
      {
        config: { roles: CAN.administer },
        schema: { tags: ['users'], summary: 'Every account', response: { 200: z.array(UserSchema) } },
      },
      async () => (await deps.store.transaction((tx) => tx.users.list())).map(toPublicUser),
    );

    app.post(
      '/api/v1/users',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['users'],
          summary: 'Creates an account with a role (client users name their client)',
          body: CreateUserRequestSchema,
          response: { 201: UserSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const user = await createUser(deps, actorOf(request).actor, request.body);
        return reply.code(201).send(user);
      },
    );
  };
}
