import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CAN,
  createSilence,
  compileMatchers,
  equalityLabels,
  expireSilence,
  findSilence,
  invalid,
  listSilences,
  updateSilence,
} from '@vigie/core';
import {
  AlertmanagerSilenceListQuerySchema,
  AlertmanagerSilenceRequestSchema,
  AlertmanagerSilenceSchema,
  ErrorResponseSchema,
  MatcherSyntaxError,
  parseMatchers,
  SilenceListQuerySchema,
  SilenceParamsSchema,
  SilenceRequestSchema,
  SilenceSchema,
  type LabelMatcher,
  type Silence,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import { mapError } from '../error-mapper';
import { engineContext } from './incidents';
import { PROMETHEUS_PATH_PREFIX } from './detection';

/** Where `amtool --alertmanager.url` and clients of Alertmanager's API v2 find Vigie's silences. */
const ALERTMANAGER_API = `${PROMETHEUS_PATH_PREFIX}/api/v2`;

/** A silence as Alertmanager's API v2 writes it. */
function asAlertmanagerSilence(silence: Silence): z.infer<typeof AlertmanagerSilenceSchema> {
  return {
    id: silence.id,
    status: { state: silence.state },
    updatedAt: new Date(silence.updatedAt).toISOString(),
    matchers: silence.matchers,
    startsAt: new Date(silence.startsAt).toISOString(),
    endsAt: new Date(silence.endsAt).toISOString(),
    createdBy: silence.createdBy,
    comment: silence.comment,
  };
}

/** The matchers of Alertmanager's `filter` query parameters. */
function filterMatchers(filter: string | string[] | undefined): LabelMatcher[] {
  const texts = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
  try {
    return texts.flatMap((text) => parseMatchers(text));
  } catch (error) {
    if (error instanceof MatcherSyntaxError) throw invalid(`filter: ${error.message}`);
    throw error;
  }
}

/** Silences: inbound alerts muted by label matchers for a while (Vigie's own API). */
export function silenceRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);

  return async (app) => {
    app.get(
      '/api/v1/silences',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary:
            'Silences: active (ending soonest first), pending, then those expired within the last week (latest first)',
          querystring: SilenceListQuerySchema,
          response: { 200: z.array(SilenceSchema) },
        },
      },
      (request) => listSilences(ctx, request.query.state),
    );

    app.get(
      '/api/v1/silences/:id',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary: 'One silence, with what it has muted',
          params: SilenceParamsSchema,
          response: { 200: SilenceSchema, 404: ErrorResponseSchema },
        },
      },
      (request) => findSilence(ctx, request.params.id),
    );

    app.post(
      '/api/v1/silences',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary:
            'Silences inbound alerts whose labels match, from startsAt (now) to endsAt: they raise no signal meanwhile (audited)',
          body: SilenceRequestSchema,
          response: { 201: SilenceSchema, 400: ErrorResponseSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createSilence(ctx, actorOf(request).actor, request.body)),
    );

    app.put(
      '/api/v1/silences/:id',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary:
            'Changes a silence not yet expired (matchers, times, comment); an expired one is left as it was and a new one made (audited)',
          params: SilenceParamsSchema,
          body: SilenceRequestSchema,
          response: { 200: SilenceSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => updateSilence(ctx, actorOf(request).actor, request.params.id, request.body),
    );

    app.delete(
      '/api/v1/silences/:id',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary: 'Expires a silence now: alerts that fire afterwards are heard again (audited)',
          params: SilenceParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await expireSilence(ctx, actorOf(request).actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}

/** Alertmanager answers a refused request with its reason as a JSON string; `amtool` prints it. */
const AlertmanagerErrorSchema = z.string();

/**
 * The part of Alertmanager's API v2 that `amtool silence` speaks (add, query, update, expire),
 * under Prometheus' path prefix: `amtool --alertmanager.url=https://vigie…/api/v1/prometheus`.
 */
export function alertmanagerSilenceRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);

  return async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const { status, body } = mapError(error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body.message));
    });

    app.get(
      `${ALERTMANAGER_API}/silences`,
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary: "Silences as Alertmanager's API v2 lists them (amtool silence query)",
          querystring: AlertmanagerSilenceListQuerySchema,
          response: { 200: z.array(AlertmanagerSilenceSchema), 400: AlertmanagerErrorSchema },
        },
      },
      async (request) => {
        const filter = compileMatchers(filterMatchers(request.query.filter));
        const silences = await listSilences(ctx);
        return silences.filter((s) => filter(equalityLabels(s.matchers))).map(asAlertmanagerSilence);
      },
    );

    app.get(
      `${ALERTMANAGER_API}/silence/:id`,
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary: "One silence as Alertmanager's API v2 writes it",
          params: SilenceParamsSchema,
          response: { 200: AlertmanagerSilenceSchema, 404: AlertmanagerErrorSchema },
        },
      },
      async (request) => asAlertmanagerSilence(await findSilence(ctx, request.params.id)),
    );

    app.post(
      `${ALERTMANAGER_API}/silences`,
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary:
            "Adds a silence, or changes one given its id, as Alertmanager's API v2 does (amtool silence add / update); the token's user is its author",
          body: AlertmanagerSilenceRequestSchema,
          response: {
            200: z.object({ silenceID: z.string() }),
            400: AlertmanagerErrorSchema,
            404: AlertmanagerErrorSchema,
          },
        },
      },
      async (request) => {
        const { id, matchers, startsAt, endsAt, comment } = request.body;
        const input = {
          matchers,
          startsAt: Date.parse(startsAt),
          endsAt: Date.parse(endsAt),
          comment,
        };
        const actor = actorOf(request).actor;
        const silence = id ? await updateSilence(ctx, actor, id, input) : await createSilence(ctx, actor, input);
        return { silenceID: silence.id };
      },
    );

    app.delete(
      `${ALERTMANAGER_API}/silence/:id`,
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary: "Expires a silence, as Alertmanager's API v2 does (amtool silence expire)",
          params: SilenceParamsSchema,
          response: { 200: z.null(), 404: AlertmanagerErrorSchema, 409: AlertmanagerErrorSchema },
        },
      },
      async (request, reply) => {
        await expireSilence(ctx, actorOf(request).actor, request.params.id);
        return reply.code(200).send(null);
      },
    );
  };
}
