import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, login, logout } from '@vigie/core';
import { ErrorResponseSchema, LoginRequestSchema, SessionResponseSchema } from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf, SESSION_COOKIE } from '../auth-guard';

export function authRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        config: { public: true, rateLimit: { max: deps.loginRateLimit, timeWindow: 60_000 } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password; sets the session cookie',
          body: LoginRequestSchema,
          response: { 200: SessionResponseSchema, 401: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const result = await login(deps, request.body);
        void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          path: '/',
          expires: new Date(result.expiresAt),
        });
        return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { roles: CAN.read },
        schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null() } },
      },
      async (request, reply) => {
        await logout(deps, actorOf(request));
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/me',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and the CSRF token to echo',
          response: { 200: SessionResponseSchema },
        },
      },
      (request) => {
        const auth = actorOf(request);
        return { user: auth.user, csrfToken: auth.csrfToken, expiresAt: null };
      },
    );
  };
}
