import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseDuration } from '@vigie/contract';
import { CAN, invalid, precondition } from '@vigie/core';
import { DrillRequestSchema, DrillResultSchema, ErrorResponseSchema } from '@vigie/contract';
import { runDrill } from '../../engine/drill';
import type { HttpDeps } from '../deps';

const LONGEST_DRILL_MS = 30 * 86_400_000;

function duration(field: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0 || ms > LONGEST_DRILL_MS) {
    throw invalid(`${field}: "${text}" is not a duration such as 90m or 7h (at most 30d)`);
  }
  return ms;
}

/** `vigie drill run` from the web: a threat of the active plan played in simulated time; nothing is sent. */
export function drillRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/plan/drill',
      {
        config: { roles: CAN.readInternal, rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags: ['plan'],
          summary: 'Plays a threat of the active plan in simulated time and returns its timeline (nothing is sent)',
          body: DrillRequestSchema,
          response: { 200: DrillResultSchema, 400: ErrorResponseSchema, 412: ErrorResponseSchema },
        },
      },
      async (request) => {
        const active = await deps.catalog.active();
        if (!active) throw precondition('no plan is loaded');
        const { threatId, silentCell } = request.body;
        if (!active.plan.threats.some((t) => t.id === threatId)) {
          throw invalid(
            `unknown threat "${threatId}": expected one of ${active.plan.threats.map((t) => t.id).join(', ')}`,
          );
        }
        const lastsMs = duration('lasts', request.body.lasts)!;
        const etaMs = duration('eta', request.body.eta);
        const result = await runDrill(active.plan, { threatId, lastsMs, etaMs, respond: !silentCell });
        return { threatId, lastsMs, timeline: result.timeline };
      },
    );
  };
}
