import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CAN } from '@vigie/core';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

const KEEP_ALIVE_MS = 25_000;

/** Server-sent events: one `incident` event per change, so screens refresh without polling. */
export function streamRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/incidents/stream',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['incidents'],
          summary: 'Live incident changes as server-sent events (event: incident, data: {id, number, status})',
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
        const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        request.raw.on('close', () => {
          clearInterval(keepAlive);
          unsubscribe();
        });
      },
    );
  };
}
