import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseDuration } from '@vigie/contract';
import {
  acknowledgeIncident,
  addIncidentNote,
  CAN,
  closeIncident,
  crisisCellForClient,
  invalid,
  openIncident,
  precondition,
  reopenIncident,
  resolveIncident,
  setIncidentCause,
  setIncidentEta,
  startMitigation,
  summarizeIncident,
  timelineForClient,
  withIncident,
  type EngineContext,
  type Incident,
  type IncidentStatus,
} from '@vigie/core';
import {
  CauseRequestSchema,
  ErrorResponseSchema,
  IdParamsSchema,
  IncidentListQuerySchema,
  IncidentRoomSchema,
  IncidentSchema,
  IncidentSummarySchema,
  NoteRequestSchema,
  NotificationSchema,
  OpenIncidentRequestSchema,
  OpenIncidentResponseSchema,
  ReopenRequestSchema,
  ResolveRequestSchema,
  SetEtaRequestSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

export function engineContext(deps: HttpDeps): EngineContext {
  return { store: deps.store, clock: deps.clock, random: deps.random, plans: deps.catalog, publicUrl: deps.publicUrl };
}

const ACTIVE: IncidentStatus[] = ['open', 'acknowledged', 'mitigating'];

export function incidentRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);
  const activePlan = async () => {
    const active = await deps.catalog.active();
    if (!active) throw precondition('no plan is loaded');
    return active.plan;
  };
  const changed = <T>(value: T): T => {
    deps.wakeEngine();
    return value;
  };

  return async (app) => {
    app.get(
      '/api/v1/incidents',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['incidents'],
          summary: 'Incidents, newest first (a client user sees only its own)',
          querystring: IncidentListQuerySchema,
          response: { 200: z.array(IncidentSummarySchema) },
        },
      },
      async (request) => {
        const { actor } = actorOf(request);
        const q = request.query;
        const statuses = q.status
          ?.split(',')
          .flatMap((s): IncidentStatus[] => (s === 'active' ? ACTIVE : [s as IncidentStatus]));
        if (actor.clientId && q.client && q.client !== actor.clientId) return [];
        const plan = await activePlan();
        const incidents = await deps.store.transaction((tx) =>
          tx.incidents.list({
            status: statuses,
            threatId: q.threat,
            clientId: actor.clientId ?? q.client,
            startedFrom: q.from,
            startedTo: q.to,
            limit: q.limit,
            offset: q.offset,
          }),
        );
        const now = deps.clock.now();
        return incidents.map((incident) => summarizeIncident(incident, plan, now));
      },
    );

    app.post(
      '/api/v1/incidents',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['incidents'],
          summary: "Opens an incident for one of the plan's threats (or joins the one already open)",
          body: OpenIncidentRequestSchema,
          response: { 200: OpenIncidentResponseSchema, 201: OpenIncidentResponseSchema, 400: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const result = changed(await openIncident(ctx, actorOf(request).actor, { ...request.body, source: undefined }));
        return reply.code(result.deduplicated ? 200 : 201).send(result);
      },
    );

    app.get(
      '/api/v1/incidents/:id',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['incidents'],
          summary: 'The incident room: the incident, its timeline, duties, crisis cell, SITREPs and action plan',
          params: IdParamsSchema,
          response: { 200: IncidentRoomSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const { actor } = actorOf(request);
        return withIncident(ctx, actor, request.params.id, async (w) => {
          const [timeline, duties, crisisCell, sitreps, actionItems] = await Promise.all([
            w.tx.timeline.list(w.incident.id),
            w.tx.duties.list(w.incident.id),
            w.tx.crisisCell.list(w.incident.id),
            w.tx.sitreps.list(w.incident.id),
            w.tx.actionItems.list(w.incident.id),
          ]);
          const incident = summarizeIncident(w.incident, w.plan, w.now);
          if (actor.clientId) {
            return {
              incident,
              timeline: timelineForClient(timeline),
              duties: [],
              crisisCell: crisisCellForClient(crisisCell),
              sitreps,
              actionItems: [],
            };
          }
          return { incident, timeline, duties, crisisCell, sitreps, actionItems };
        });
      },
    );

    app.get(
      '/api/v1/incidents/:id/notifications',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['incidents'],
          summary: 'Every message of the incident and its delivery',
          params: IdParamsSchema,
          response: { 200: z.array(NotificationSchema), 404: ErrorResponseSchema },
        },
      },
      async (request) =>
        withIncident(ctx, actorOf(request).actor, request.params.id, (w) =>
          w.tx.notifications.listForIncident(w.incident.id),
        ),
    );

    const transition = (
      path: string,
      summary: string,
      run: (id: string, actor: ReturnType<typeof actorOf>['actor']) => Promise<Incident>,
    ): void => {
      app.post(
        `/api/v1/incidents/:id/${path}`,
        {
          config: { roles: CAN.operate },
          schema: {
            tags: ['incidents'],
            summary,
            params: IdParamsSchema,
            response: { 200: IncidentSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
          },
        },
        async (request) => changed(await run(request.params.id, actorOf(request).actor)),
      );
    };
    transition('acknowledge', 'A technician takes the incident in hand', (id, actor) =>
      acknowledgeIncident(ctx, actor, id),
    );
    transition('mitigate', 'Restoration is under way', (id, actor) => startMitigation(ctx, actor, id));
    transition('close', 'Closes a resolved incident (a REX owed becomes due)', (id, actor) =>
      closeIncident(ctx, actor, id),
    );

    app.post(
      '/api/v1/incidents/:id/eta',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['incidents'],
          summary: "Sets or moves the technician's ETA; a step it passes fires at once",
          params: IdParamsSchema,
          body: SetEtaRequestSchema,
          response: { 200: IncidentSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        let etaAt = request.body.etaAt;
        if (request.body.etaIn !== undefined) {
          const ms = parseDuration(request.body.etaIn);
          if (ms === undefined) throw invalid(`etaIn: "${request.body.etaIn}" is not a duration such as 45m or 2h`);
          etaAt = deps.clock.now() + ms;
        }
        return changed(await setIncidentEta(ctx, actorOf(request).actor, request.params.id, etaAt!));
      },
    );

    app.post(
      '/api/v1/incidents/:id/cause',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['incidents'],
          summary: 'Records the cause, told to the client',
          params: IdParamsSchema,
          body: CauseRequestSchema,
          response: { 200: IncidentSchema },
        },
      },
      async (request) =>
        changed(await setIncidentCause(ctx, actorOf(request).actor, request.params.id, request.body.cause)),
    );

    app.post(
      '/api/v1/incidents/:id/notes',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['incidents'],
          summary: 'Adds a note or an action taken to the timeline',
          params: IdParamsSchema,
          body: NoteRequestSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await addIncidentNote(ctx, actorOf(request).actor, request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/incidents/:id/resolve',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['incidents'],
          summary: 'Service is back: all parties are told; the report to sign is due',
          params: IdParamsSchema,
          body: ResolveRequestSchema,
          response: { 200: IncidentSchema, 409: ErrorResponseSchema },
        },
      },
      async (request) => changed(await resolveIncident(ctx, actorOf(request).actor, request.params.id, request.body)),
    );

    app.post(
      '/api/v1/incidents/:id/reopen',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['incidents'],
          summary: "Reopens the incident; the plan's clock resumes",
          params: IdParamsSchema,
          body: ReopenRequestSchema,
          response: { 200: IncidentSchema, 409: ErrorResponseSchema },
        },
      },
      async (request) =>
        changed(await reopenIncident(ctx, actorOf(request).actor, request.params.id, request.body.reason)),
    );
  };
}
