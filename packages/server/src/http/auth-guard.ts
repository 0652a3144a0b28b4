import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  authenticateApiToken,
  authenticateSession,
  forbidden,
  hasRole,
  unauthenticated,
  type Authenticated,
  type Clock,
  type Role,
  type Store,
} from '@vigie/core';

export const SESSION_COOKIE = 'vigie_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles admitted on the route; every route declares them or `public: true`. */
    roles?: readonly Role[];
    public?: boolean;
  }
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyInstance {
    /** Every route with the roles it admits: the access matrix, for docs and tests. */
    routeTable: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  roles: readonly Role[] | 'public';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in actor, for handlers of routes that declare roles. */
export function actorOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw unauthenticated('sign in first');
  return request.auth;
}

/**
 * Resolves who is calling (session cookie or `Authorization: Bearer` API token), then
 * admits the request only if its route lets that role in. A route that declares
 * neither roles nor `public` is refused at start-up, so none is left open by mistake.
 */
export function installAuthGuard(app: FastifyInstance, ports: { store: Store; clock: Clock }): void {
  app.decorateRequest('auth', null);
  const table: RouteAccess[] = [];
  app.decorate('routeTable', table);

  app.addHook('onRoute', (route) => {
    const config = route.config;
    const internal = route.url.startsWith('/documentation') || route.method === 'HEAD';
    if (!internal && !config?.public && !config?.roles) {
      throw new Error(`route ${String(route.method)} ${route.url} declares neither roles nor public`);
    }
    if (!internal) {
      for (const method of [route.method].flat()) {
        table.push({ method, url: route.url, roles: config?.public ? 'public' : (config?.roles ?? []) });
      }
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.is404) return;
    const config = request.routeOptions.config;
    request.auth = await resolveCaller(request, ports);
    if (config.public) return;
    const roles = config.roles;
    if (!roles) throw forbidden('this route admits nobody');
    if (!request.auth) throw unauthenticated('sign in first, or send an API token (Authorization: Bearer …)');
    if (!hasRole(request.auth.actor, roles)) {
      throw forbidden(`your role (${request.auth.actor.role}) does not allow this`);
    }
    if (request.auth.csrfToken !== null && UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (sent !== request.auth.csrfToken) throw forbidden(`missing or wrong ${CSRF_HEADER} header`);
    }
  });
}

async function resolveCaller(
  request: FastifyRequest,
  ports: { store: Store; clock: Clock },
): Promise<Authenticated | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const found = await authenticateApiToken(ports, header.slice('Bearer '.length).trim());
    if (!found) throw unauthenticated('this API token is unknown or revoked');
    return found;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  return (await authenticateSession(ports, cookie)) ?? null;
}
