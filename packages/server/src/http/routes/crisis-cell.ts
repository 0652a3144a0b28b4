import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addActionItem, CAN, completeDuty, postSitrep, updateActionItem, withIncident } from '@vigie/core';
import {
  ActionItemPatchSchema,
  ActionItemRequestSchema,
  ActionItemSchema,
  CompleteDutyRequestSchema,
  DutySchema,
  ErrorResponseSchema,
  IdParamsSchema,
  SitrepRequestSchema,
  SitrepSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import { engineContext } from './incidents';

const ItemParamsSchema = z.strictObject({ id: z.string().min(1).max(128), itemId: z.string().min(1).max(128) });
const DutyParamsSchema = z.strictObject({ id: z.string().min(1).max(128), dutyId: z.string().min(1).max(128) });

export function crisisCellRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);
  return async (app) => {
    app.get(
      '/api/v1/incidents/:id/sitreps',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['crisis cell'],
          summary: 'Situation reports of the crisis cell',
          params: IdParamsSchema,
          response: { 200: z.array(SitrepSchema), 404: ErrorResponseSchema },
        },
      },
      (request) =>
        withIncident(ctx, actorOf(request).actor, request.params.id, (w) => w.tx.sitreps.list(w.incident.id)),
    );

    app.post(
      '/api/v1/incidents/:id/sitreps',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['crisis cell'],
          summary: "Posts a SITREP: sent at once to the plan's recipients; the next falls due",
          params: IdParamsSchema,
          body: SitrepRequestSchema,
          response: { 201: SitrepSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 412: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const sitrep = await postSitrep(ctx, actorOf(request).actor, request.params.id, request.body);
        deps.wakeEngine();
        return reply.code(201).send(sitrep);
      },
    );

    app.post(
      '/api/v1/incidents/:id/action-items',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['crisis cell'],
          summary: 'Adds an item to the formal action plan',
          params: IdParamsSchema,
          body: ActionItemRequestSchema,
          response: { 201: ActionItemSchema, 404: ErrorResponseSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addActionItem(ctx, actorOf(request).actor, request.params.id, request.body)),
    );

    app.patch(
      '/api/v1/incidents/:id/action-items/:itemId',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['crisis cell'],
          summary: 'Changes an item of the action plan',
          params: ItemParamsSchema,
          body: ActionItemPatchSchema,
          response: { 200: ActionItemSchema, 404: ErrorResponseSchema },
        },
      },
      (request) =>
        updateActionItem(ctx, actorOf(request).actor, request.params.id, request.params.itemId, request.body),
    );

    app.post(
      '/api/v1/incidents/:id/duties/:dutyId/complete',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['crisis cell'],
          summary: 'Marks a duty of the plan as done (a detailed report is sent with its text)',
          params: DutyParamsSchema,
          body: CompleteDutyRequestSchema,
          response: { 200: DutySchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request) => {
        const duty = await completeDuty(
          ctx,
          actorOf(request).actor,
          request.params.id,
          request.params.dutyId,
          request.body,
        );
        deps.wakeEngine();
        return duty;
      },
    );
  };
}
