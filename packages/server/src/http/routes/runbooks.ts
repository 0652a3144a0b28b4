import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, cancelRun, decideStep, startRunbook, withIncident, type RunbookRun, type Store } from '@vigie/core';
import {
  ErrorResponseSchema,
  IdParamsSchema,
  RunbookRunSchema,
  StartRunbookRequestSchema,
  StepDecisionRequestSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import { engineContext } from './incidents';

const RunParamsSchema = z.strictObject({ id: z.string().min(1).max(128), runId: z.string().min(1).max(128) });
const StepParamsSchema = RunParamsSchema.extend({ index: z.coerce.number().int().min(0).max(1000) });

async function withSteps(store: Store, run: RunbookRun) {
  return { ...run, steps: await store.transaction((tx) => tx.runbooks.steps(run.id)) };
}

/** The plan's runbooks carried out for an incident: start, approve, tick, skip, retry, cancel. */
export function runbookRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);
  return async (app) => {
    app.get(
      '/api/v1/incidents/:id/runbooks',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['runbooks'],
          summary: 'Runbooks of the incident, with their steps',
          params: IdParamsSchema,
          response: { 200: z.array(RunbookRunSchema), 404: ErrorResponseSchema },
        },
      },
      (request) =>
        withIncident(ctx, actorOf(request).actor, request.params.id, async (w) =>
          Promise.all(
            (await w.tx.runbooks.runsForIncident(w.incident.id)).map(async (run) => ({
              ...run,
              steps: await w.tx.runbooks.steps(run.id),
            })),
          ),
        ),
    );

    app.post(
      '/api/v1/incidents/:id/runbooks',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['runbooks'],
          summary: "Starts the threat's runbook, or the failover or failback of the redundant site",
          params: IdParamsSchema,
          body: StartRunbookRequestSchema,
          response: {
            201: RunbookRunSchema,
            404: ErrorResponseSchema,
            409: ErrorResponseSchema,
            412: ErrorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const run = await startRunbook(ctx, actorOf(request).actor, request.params.id, request.body.kind);
        deps.wakeEngine();
        return reply.code(201).send(await withSteps(deps.store, run));
      },
    );

    app.post(
      '/api/v1/incidents/:id/runbooks/:runId/steps/:index',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['runbooks'],
          summary: 'A person acts on a step: approve an action, tick a manual step done, skip, retry',
          params: StepParamsSchema,
          body: StepDecisionRequestSchema,
          response: { 200: RunbookRunSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request) => {
        const { id, runId, index } = request.params;
        const run = await decideStep(ctx, actorOf(request).actor, { incidentId: id, runId, index, ...request.body });
        deps.wakeEngine();
        return withSteps(deps.store, run);
      },
    );

    app.post(
      '/api/v1/incidents/:id/runbooks/:runId/cancel',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['runbooks'],
          summary: 'Stops a runbook',
          params: RunParamsSchema,
          response: { 200: RunbookRunSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request) =>
        withSteps(deps.store, await cancelRun(ctx, actorOf(request).actor, request.params.id, request.params.runId)),
    );
  };
}
