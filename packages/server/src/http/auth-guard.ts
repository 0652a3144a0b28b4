import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  authenticateAgent,
  authenticateApiToken,
  authenticateSession,
  forbidden,
  hasRole,
  unauthenticated,
  type AgentIdentity,
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
    /** Agent routes: `Authorization: Bearer vga_…` resolves to an agent, never to a person. */
    agent?: boolean;
  }
  interface FastifyRequest {
    auth: Authenticated | null;
    agent: AgentIdentity | null;
  }
  interface FastifyInstance {
    /** Every route with the roles it admits: the access matrix, for docs and tests. */
    routeTable: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  roles: readonly Role[] | 'public' | 'agent';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in actor, for handlers of routes that declare roles. */
export function actorOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw unauthenticated('sign in first');
  return request.auth;
}

/** The calling agent, for handlers of agent routes. */
export function agentOf(request: FastifyRequest): AgentIdentity {
  if (!request.agent) throw unauthenticated('send the agent token: Authorization: Bearer vga_…');
  return request.agent;
}

/**
 * Resolves who is calling (session cookie or `Authorization: Bearer` API token), then
 * admits the request only if its route lets that role in. A route that declares
 * neither roles nor `public` is refused at start-up, so none is left open by mistake.
 */
export function installAuthGuard(app: FastifyInstance, ports: { store: Store; clock: Clock }): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('agent', null);
  const table: RouteAccess[] = [];
  app.decorate('routeTable', table);

  app.addHook('onRoute', (route) => {
    const config = route.config;
    const internal = route.url.startsWith('/documentation') || route.method === 'HEAD';
    if (!internal && !config?.public && !config?.roles && !config?.agent) {
      throw new Error(`route ${String(route.method)} ${route.url} declares neither roles nor public`);
    }
    if (!internal) {
      for (const method of [route.method].flat()) {
        const roles = config?.public ? 'public' : config?.agent ? 'agent' : (config?.roles ?? []);
        table.push({ method, url: route.url, roles });
      }
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.is404) return;
    const config = request.routeOptions.config;
    if (config.agent) {
      request.agent = await resolveAgent(request, ports);
      return;
    }
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

/** Agent routes admit only an agent token: a person's session or API token is refused. */
async function resolveAgent(request: FastifyRequest, ports: { store: Store; clock: Clock }): Promise<AgentIdentity> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    throw unauthenticated('this route is for agents: send the agent token (Authorization: Bearer vga_…)');
  }
  const agent = await authenticateAgent(ports, header.slice('Bearer '.length).trim());
  if (!agent) throw unauthenticated('this agent token is unknown or revoked');
  return agent;
}
