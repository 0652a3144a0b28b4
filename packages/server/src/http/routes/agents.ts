import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CAN,
  enrolAgent,
  getAgent,
  getAgentTask,
  listAgents,
  queueAgentTask,
  recordAgentReports,
  recordTaskResult,
  revokeAgent,
  takeAgentTasks,
  toTaskView,
  type AgentContext,
} from '@vigie/core';
import {
  AgentDetailSchema,
  AgentReportBatchSchema,
  AgentTaskResultSchema,
  AgentTaskViewSchema,
  AgentViewSchema,
  EnrolAgentRequestSchema,
  EnrolledAgentSchema,
  ErrorResponseSchema,
  IdParamsSchema,
  QueueAgentTaskRequestSchema,
  ReportsAcceptedSchema,
  TaskResultAcceptedSchema,
  WorkQuerySchema,
  WorkResponseSchema,
} from '@vigie/contract';
import { AgentWorkHub } from '../../agents/work-hub';
import type { HttpDeps } from '../deps';
import { actorOf, agentOf } from '../auth-guard';

/** Rounds of one long poll: each ends with work, a wake-up or the wait's end. */
const MAX_POLL_ROUNDS = 100;

/** Enrolled agents (administration) and the routes agents call with their `vga_` token. */
export function agentRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const hub = deps.agentWork ?? new AgentWorkHub(deps.store);
  const ctx: AgentContext = {
    store: deps.store,
    clock: deps.clock,
    random: deps.random,
    plans: deps.catalog,
    agentWork: hub,
    feedCheck: deps.feedCheck,
  };

  return async (app) => {
    // Waiting agents are answered at once when the server stops, instead of holding it up.
    app.addHook('preClose', () => hub.close());

    app.post(
      '/api/v1/agents',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['agents'],
          summary: 'Enrols an agent for some assets of the plan; its vga_ token is shown once',
          body: EnrolAgentRequestSchema,
          response: { 201: EnrolledAgentSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await enrolAgent(ctx, actorOf(request).actor, request.body)),
    );

    app.get(
      '/api/v1/agents',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['agents'],
          summary: 'Enrolled agents and their status',
          response: { 200: z.array(AgentViewSchema) },
        },
      },
      (request) => listAgents(ctx, actorOf(request).actor),
    );

    app.get(
      '/api/v1/agents/:id',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['agents'],
          summary: "An agent: its last report, the plan's checks it feeds, its latest tasks",
          params: IdParamsSchema,
          response: { 200: AgentDetailSchema, 404: ErrorResponseSchema },
        },
      },
      (request) => getAgent(ctx, actorOf(request).actor, request.params.id),
    );

    app.delete(
      '/api/v1/agents/:id',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['agents'],
          summary: "Revokes an agent's token: its next request is refused",
          params: IdParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await revokeAgent(ctx, actorOf(request).actor, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/agent-tasks',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['agents'],
          summary: 'Asks the agent serving an asset to run an action of its own allow-list, by name',
          body: QueueAgentTaskRequestSchema,
          response: { 201: AgentTaskViewSchema, 400: ErrorResponseSchema, 412: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const task = await queueAgentTask(ctx, {
          assetId: request.body.assetId,
          action: request.body.action,
          timeoutMs: request.body.timeoutMs,
          ref: request.body.ref ?? null,
          actor: actorOf(request).actor,
        });
        return reply.code(201).send(toTaskView(task));
      },
    );

    app.get(
      '/api/v1/agent-tasks/:id',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['agents'],
          summary: 'A task and its outcome so far',
          params: IdParamsSchema,
          response: { 200: AgentTaskViewSchema, 404: ErrorResponseSchema },
        },
      },
      (request) => getAgentTask(ctx, actorOf(request).actor, request.params.id),
    );

    // ─── Called by agents (Authorization: Bearer vga_…) ───

    app.post(
      '/api/agent/v1/reports',
      {
        config: { agent: true },
        schema: {
          tags: ['agent protocol'],
          summary: 'Reports of the calling agent, one or a batch held while the server was away',
          body: AgentReportBatchSchema,
          response: { 200: ReportsAcceptedSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema },
        },
      },
      async (request) => {
        const { accepted, duplicates } = await recordAgentReports(ctx, agentOf(request), request.body);
        return { accepted, duplicates };
      },
    );

    app.get(
      '/api/agent/v1/work',
      {
        config: { agent: true },
        schema: {
          tags: ['agent protocol'],
          summary: 'Long poll: tasks for the calling agent, or 204 when none came within `wait` seconds',
          querystring: WorkQuerySchema,
          response: { 200: WorkResponseSchema, 204: z.null(), 401: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const agent = agentOf(request);
        const deadline = performance.now() + request.query.wait * 1_000;
        const gone = new AbortController();
        const onClose = () => gone.abort();
        reply.raw.on('close', onClose);
        try {
          for (let round = 0; round < MAX_POLL_ROUNDS && !gone.signal.aborted; round++) {
            const tasks = await takeAgentTasks(ctx, agent.id);
            if (tasks.length) return { tasks };
            const left = deadline - performance.now();
            if (left <= 0 || !(await hub.wait(agent.id, left, gone.signal))) break;
          }
        } finally {
          reply.raw.off('close', onClose);
        }
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/agent/v1/tasks/:id/result',
      {
        config: { agent: true },
        schema: {
          tags: ['agent protocol'],
          summary: 'What the calling agent did with a task: succeeded, failed, refused or timeout',
          params: IdParamsSchema,
          body: AgentTaskResultSchema,
          response: {
            200: TaskResultAcceptedSchema,
            401: ErrorResponseSchema,
            404: ErrorResponseSchema,
            409: ErrorResponseSchema,
          },
        },
      },
      async (request) => {
        const accepted = await recordTaskResult(ctx, agentOf(request), request.params.id, request.body);
        deps.wakeEngine();
        return accepted;
      },
    );
  };
}
