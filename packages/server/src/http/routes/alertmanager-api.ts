import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CAN,
  createSilence,
  compileMatchers,
  equalityLabels,
  expireSilence,
  findSilence,
  type LiveAlert,
  filterMatchers,
  listLiveAlerts,
  listSilences,
  updateSilence,
} from '@vigie/core';
import {
  AlertmanagerAlertListQuerySchema,
  AlertmanagerAlertSchema,
  AlertmanagerSilenceListQuerySchema,
  AlertmanagerSilenceRequestSchema,
  AlertmanagerSilenceSchema,
  SilenceParamsSchema,
  type Silence,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import { mapError } from '../error-mapper';
import { engineContext } from './incidents';
import { PROMETHEUS_PATH_PREFIX } from './detection';

/** Where `amtool --alertmanager.url` and clients of Alertmanager's API v2 find Vigie. */
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

/** Go's zero time: an alert held until it is resolved has no end Vigie could tell. */
const NO_END = '0001-01-01T00:00:00Z';

/** At most this many alerts are listed, oldest first. */
const ALERTS_LISTED = 10_000;

/** A live alert as Alertmanager's API v2 lists it; the threats it raised as an annotation. */
function asAlertmanagerAlert(alert: LiveAlert): z.infer<typeof AlertmanagerAlertSchema> {
  return {
    fingerprint: alert.fingerprint,
    labels: alert.labels,
    annotations: { summary: alert.summary, vigie_threats: alert.threats.join(', ') },
    startsAt: new Date(alert.startsAt).toISOString(),
    updatedAt: new Date(alert.updatedAt).toISOString(),
    endsAt: NO_END,
    receivers: [{ name: 'vigie' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
  };
}

/** Alertmanager answers a refused request with its reason as a JSON string; `amtool` prints it. */
const AlertmanagerErrorSchema = z.string();

/**
 * The part of Alertmanager's API v2 that `amtool` speaks — silences (add, query, update,
 * expire) and the alerts firing (alert query) — under Prometheus' path prefix:
 * `amtool --alertmanager.url=https://vigie…/api/v1/prometheus`. Alerts are posted to the same
 * prefix (`routes/detection.ts`).
 */
export function alertmanagerApiRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);

  return async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const { status, body } = mapError(error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body.message));
    });

    app.get(
      `${ALERTMANAGER_API}/alerts`,
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary: `Inbound alerts firing now (those that raised a threat), as Alertmanager's API v2 lists them (amtool alert query); at most ${ALERTS_LISTED}, oldest first`,
          querystring: AlertmanagerAlertListQuerySchema,
          response: { 200: z.array(AlertmanagerAlertSchema), 400: AlertmanagerErrorSchema },
        },
      },
      async (request) => {
        if (request.query.active === 'false') return [];
        const alerts = await listLiveAlerts(ctx, filterMatchers(request.query.filter), ALERTS_LISTED);
        return alerts.map(asAlertmanagerAlert);
      },
    );

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
