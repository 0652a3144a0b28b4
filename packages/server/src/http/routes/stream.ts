import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CAN, isCheckVisible } from '@vigie/core';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

const KEEP_ALIVE_MS = 25_000;

/**
 * Server-sent events, so screens refresh without polling: one `incident` event per incident
 * change, one `check` event per check entering a new state. A client's user is told only of
 * its own incidents and checks.
 */
export function streamRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/incidents/stream',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['incidents'],
          summary:
            'Live changes as server-sent events: event incident, data {id, number, status}; event check, data {id, state}',
        },
      },
      (request, reply) => {
        const { actor } = actorOf(request);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write('retry: 3000\n\n');
        const unsubscribe = deps.bus.subscribe((change) => {
          void (async () => {
            const incidents = await deps.store.transaction(async (tx) =>
              Promise.all(change.incidentIds.map((id) => tx.incidents.findById(id))),
            );
            for (const incident of incidents) {
              if (!incident) continue;
              if (actor.clientId && !incident.clients.includes(actor.clientId)) continue;
              raw.write(
                `event: incident\ndata: ${JSON.stringify({ id: incident.id, number: incident.number, status: incident.status })}\n\n`,
              );
            }
          })().catch((error: unknown) => request.log.warn({ err: error }, 'stream event dropped'));
        });
        const unsubscribeChecks = deps.bus.subscribeChecks((changes) => {
          void (async () => {
            const plan = actor.clientId === null ? undefined : (await deps.catalog.active())?.plan;
            for (const { checkId, state } of changes) {
              if (actor.clientId !== null) {
                const check = plan?.checks.find((c) => c.id === checkId);
                if (!plan || !check || !isCheckVisible(plan, check, actor)) continue;
              }
              raw.write(`event: check\ndata: ${JSON.stringify({ id: checkId, state })}\n\n`);
            }
          })().catch((error: unknown) => request.log.warn({ err: error }, 'stream event dropped'));
        });
        const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        request.raw.on('close', () => {
          clearInterval(keepAlive);
          unsubscribe();
          unsubscribeChecks();
        });
      },
    );
  };
}
