import { probeCheckValidator } from '../../plan-checks';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activatePlan, CAN, loadPlan, notFound, precondition, scopePlanForClient, toThreatView } from '@vigie/core';
import {
  ErrorResponseSchema,
  PlanValidationResponseSchema,
  PlanVersionSchema,
  ThreatListResponseSchema,
  UploadPlanRequestSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

const ActivePlanResponseSchema = z.object({
  version: PlanVersionSchema,
  plan: z.record(z.string(), z.unknown()).describe('the plan, as described by the plan file format'),
});

export function planRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const activeOrFail = async () => {
    const active = await deps.catalog.active();
    if (!active) throw precondition('no plan is loaded yet: load one with `vigie plan load FILE` or POST /api/v1/plan');
    return active;
  };

  return async (app) => {
    app.get(
      '/api/v1/plan',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['plan'],
          summary: 'The active plan (a client user sees its own part)',
          response: { 200: ActivePlanResponseSchema },
        },
      },
      async (request) => {
        const { actor } = actorOf(request);
        const { version, plan } = await activeOrFail();
        return { version, plan: actor.clientId ? scopePlanForClient(plan, actor.clientId) : plan };
      },
    );

    app.get(
      '/api/v1/threats',
      {
        config: { roles: CAN.read },
        schema: { tags: ['plan'], summary: "The plan's threat catalogue", response: { 200: ThreatListResponseSchema } },
      },
      async (request) => {
        const { actor } = actorOf(request);
        const { version, plan } = await activeOrFail();
        const visible = actor.clientId ? scopePlanForClient(plan, actor.clientId) : plan;
        return { planVersion: version.number, threats: visible.threats.map((threat) => toThreatView(plan, threat)) };
      },
    );

    app.get(
      '/api/v1/threats/:id',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['plan'],
          summary: 'One threat of the catalogue',
          params: z.strictObject({ id: z.string().min(1).max(128) }),
          response: { 200: ThreatListResponseSchema.shape.threats.element, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const { actor } = actorOf(request);
        const { plan } = await activeOrFail();
        const visible = actor.clientId ? scopePlanForClient(plan, actor.clientId) : plan;
        const threat = visible.threats.find((t) => t.id === request.params.id);
        if (!threat) throw notFound(`no threat "${request.params.id}" in the active plan`);
        return toThreatView(plan, threat);
      },
    );

    app.post(
      '/api/v1/plan/validate',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['plan'],
          summary: 'Validates a plan file without loading it',
          body: UploadPlanRequestSchema,
          response: { 200: PlanValidationResponseSchema },
        },
      },
      (request) => {
        const result = loadPlan(request.body.fileName, request.body.source, { validateCheck: probeCheckValidator });
        return result.ok ? { valid: true, errors: [] } : { valid: false, errors: result.errors };
      },
    );

    app.post(
      '/api/v1/plan',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['plan'],
          summary: 'Loads a new plan version and makes it active; a broken plan is refused',
          body: UploadPlanRequestSchema,
          response: { 200: z.object({ version: PlanVersionSchema, changed: z.boolean() }), 400: ErrorResponseSchema },
        },
      },
      async (request) => {
        const { fileName, source } = request.body;
        const result = await activatePlan({ ...deps, validateCheck: probeCheckValidator }, actorOf(request).actor, {
          fileName,
          text: source,
        });
        deps.catalog.invalidate();
        return { version: result.version, changed: result.changed };
      },
    );

    app.get(
      '/api/v1/plan/versions',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['plan'],
          summary: 'Every plan version loaded, newest first',
          response: { 200: z.array(PlanVersionSchema) },
        },
      },
      () => deps.store.transaction((tx) => tx.plans.list()),
    );

    app.get(
      '/api/v1/plan/versions/:id/source',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['plan'],
          summary: 'The YAML text of a plan version',
          params: z.strictObject({ id: z.string().min(1).max(128) }),
          response: { 200: z.string(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const version = await deps.store.transaction((tx) => tx.plans.findById(request.params.id));
        if (!version) throw notFound(`no plan version ${request.params.id}`);
        return reply.type('text/yaml; charset=utf-8').send(version.source);
      },
    );
  };
}
