import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, hasRole, CAN, notFound, unauthenticated } from '@vigie/core';
import { ErrorResponseSchema } from '@vigie/contract';
import { DEMO_PARTS, isDemoPart, type Demo } from '../../demo/demo';

export const DEMO_TOKEN_HEADER = 'x-demo-token';

const PartsSchema = z.array(z.object({ part: z.string(), description: z.string(), broken: z.boolean() }));

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The demo's control panel (only with `vigie start --demo`): list the parts of the
 * simulated contact centre and break or repair them — for a signed-in administrator, or
 * for `vigie demo` on this machine with the token of the demo's control file.
 */
export function demoRoutes(demo: Demo, controlToken: string): FastifyPluginAsyncZod {
  const parts = () =>
    Object.entries(DEMO_PARTS).map(([part, description]) => ({
      part,
      description,
      broken: demo.broken.has(part as never),
    }));
  return async (app) => {
    app.get(
      '/api/v1/demo/parts',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['demo'],
          summary: 'The parts of the demo contact centre and whether they are broken',
          response: { 200: PartsSchema },
        },
      },
      () => parts(),
    );

    app.post(
      '/api/v1/demo/parts/:part',
      {
        // Public at the guard: the token of the control file, or an administrator's session.
        config: { public: true },
        schema: {
          tags: ['demo'],
          summary: 'Breaks or repairs a part of the demo contact centre',
          params: z.strictObject({ part: z.string().min(1).max(40) }),
          body: z.strictObject({ broken: z.boolean() }),
          response: { 200: PartsSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const token = request.headers[DEMO_TOKEN_HEADER];
        if (typeof token === 'string') {
          if (!sameToken(token, controlToken)) throw forbidden('wrong demo control token');
        } else {
          if (!request.auth) throw unauthenticated('sign in first');
          if (!hasRole(request.auth.actor, CAN.administer)) throw forbidden('only an administrator can break the demo');
          if (request.headers['x-csrf-token'] !== request.auth.csrfToken && request.auth.csrfToken !== null) {
            throw forbidden('missing or wrong x-csrf-token header');
          }
        }
        const part = request.params.part;
        if (!isDemoPart(part))
          throw notFound(`no demo part "${part}": expected one of ${Object.keys(DEMO_PARTS).join(', ')}`);
        await demo.set(part, request.body.broken);
        request.log.info({ part, broken: request.body.broken }, 'demo part changed');
        return parts();
      },
    );
  };
}
