import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertLabelsOf,
  CAN,
  cancelMaintenanceWindow,
  handleAlerts,
  dismissUnmatchedAlert,
  listUnmatchedAlerts,
  planMaintenanceWindow,
  planMaintenance,
  type InboundAlert,
} from '@vigie/core';
import {
  AlertmanagerPayloadSchema,
  PrometheusAlertsSchema,
  AlertsAcceptedSchema,
  ErrorResponseSchema,
  GenericAlertsRequestSchema,
  IdParamsSchema,
  MaintenanceWindowRequestSchema,
  MaintenanceWindowSchema,
  SignalListQuerySchema,
  SignalSchema,
  UnmatchedAlertParamsSchema,
  UnmatchedAlertSchema,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';
import { engineContext } from './incidents';
import type { AlertCounters, AlertFormat } from '../../metrics/alert-counters';

/**
 * The answer to a batch of alerts is built here, typed by its schema, one entry per alert:
 * checking it again with zod on the way out cost as much as reading the batch in.
 */
const serializeAlertsAccepted = () => (data: unknown) => JSON.stringify(data);

/** Where Prometheus' `alerting.alertmanagers` find Vigie: its `path_prefix`. */
export const PROMETHEUS_PATH_PREFIX = '/api/v1/prometheus';

/** An alert's summary, from its annotations. */
function summaryOf(annotations: Readonly<Record<string, string>>): string | null {
  return annotations['summary'] ?? annotations['description'] ?? null;
}

/** An instant as Alertmanager and Prometheus write them; Go's zero time (`0001-01-01…`) is none. */
function instantOf(text: string | undefined): number | null {
  return text && !text.startsWith('0001') ? Date.parse(text) || null : null;
}

/** Signals, inbound alerts (Alertmanager webhook, Prometheus, generic JSON) and maintenance windows. */
export function detectionRoutes(deps: HttpDeps, counters: AlertCounters): FastifyPluginAsyncZod {
  const ctx = engineContext(deps);
  const accept = async (format: AlertFormat, alerts: InboundAlert[]) => {
    const outcomes = await handleAlerts(ctx, alerts);
    counters.count(format, outcomes);
    deps.wakeEngine();
    return {
      accepted: outcomes.length,
      matched: outcomes.filter((o) => o.threats.length > 0).length,
      alerts: outcomes,
    };
  };

  return async (app) => {
    app.post(
      '/api/v1/alerts/alertmanager',
      {
        config: { roles: CAN.operate },
        serializerCompiler: serializeAlertsAccepted,
        schema: {
          tags: ['detection'],
          summary:
            "Alertmanager's webhook (webhook_configs, Bearer API token): alerts mapped to threats by the plan's rules",
          body: AlertmanagerPayloadSchema,
          response: { 202: AlertsAcceptedSchema, 400: ErrorResponseSchema },
        },
      },
      async (request, reply) =>
        reply.code(202).send(
          await accept(
            'alertmanager',
            request.body.alerts.map((a) => ({
              status: a.status,
              labels: a.labels,
              summary: summaryOf(a.annotations),
              fingerprint: a.fingerprint ?? null,
              startsAt: instantOf(a.startsAt),
            })),
          ),
        ),
    );

    app.post(
      `${PROMETHEUS_PATH_PREFIX}/api/v2/alerts`,
      {
        config: { roles: CAN.operate },
        serializerCompiler: serializeAlertsAccepted,
        schema: {
          tags: ['detection'],
          summary: `Prometheus' alerts sent straight to Vigie (alerting.alertmanagers with path_prefix ${PROMETHEUS_PATH_PREFIX}, Bearer API token), as to an Alertmanager`,
          body: PrometheusAlertsSchema,
          response: { 200: AlertsAcceptedSchema, 400: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        // Prometheus sends a firing alert again every minute, and a resolved one with its end.
        const now = deps.clock.now();
        return reply.code(200).send(
          await accept(
            'prometheus',
            request.body.map((a) => {
              const endsAt = instantOf(a.endsAt);
              return {
                status: endsAt !== null && endsAt <= now ? ('resolved' as const) : ('firing' as const),
                labels: a.labels,
                summary: summaryOf(a.annotations),
                fingerprint: null,
                startsAt: instantOf(a.startsAt),
              };
            }),
          ),
        );
      },
    );

    app.post(
      '/api/v1/alerts',
      {
        config: { roles: CAN.operate },
        serializerCompiler: serializeAlertsAccepted,
        schema: {
          tags: ['detection'],
          summary:
            'Generic JSON alerts: {labels, status, summary} or {alerts: [...]}; mapped to threats by the same rules',
          body: GenericAlertsRequestSchema,
          response: { 202: AlertsAcceptedSchema, 400: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const list = 'alerts' in request.body ? request.body.alerts : [request.body];
        return reply.code(202).send(
          await accept(
            'generic',
            list.map((a) => ({
              status: a.status,
              labels: a.labels,
              summary: a.summary ?? null,
              fingerprint: a.id ?? null,
              startsAt: a.startsAt ?? null,
            })),
          ),
        );
      },
    );

    app.get(
      '/api/v1/alerts/unmatched',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary:
            'Firing alerts of the last week that revealed no threat, by alertname and threat label, the latest first; those a rule of the plan in force now matches are left out',
          response: { 200: z.array(UnmatchedAlertSchema) },
        },
      },
      () => listUnmatchedAlerts(ctx),
    );

    app.delete(
      '/api/v1/alerts/unmatched/:key',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary: 'Takes one kind of unmatched alert off the list (it comes back if it fires again)',
          params: UnmatchedAlertParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await dismissUnmatchedAlert(ctx, actorOf(request).actor, request.params.key);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/signals',
      {
        config: { roles: CAN.readInternal },
        schema: {
          tags: ['detection'],
          summary:
            'Signals under way (detections and alerts not yet recovered), or those of one incident; oldest first, a page at a time',
          querystring: SignalListQuerySchema,
          response: { 200: z.array(SignalSchema) },
        },
      },
      async (request) => {
        const { incident, limit, offset } = request.query;
        const signals = await deps.store.transaction((tx) =>
          incident === undefined
            ? tx.signals.live({ limit, offset })
            : tx.signals.forIncident(incident, { limit, offset }),
        );
        return signals.map((signal) => ({ ...signal, labels: alertLabelsOf(signal) }));
      },
    );

    app.get(
      '/api/v1/maintenance',
      {
        config: { roles: CAN.read },
        schema: {
          tags: ['detection'],
          summary: 'Maintenance windows, from the plan and planned through the API',
          response: { 200: z.array(MaintenanceWindowSchema) },
        },
      },
      async () => {
        const active = await deps.catalog.active();
        const stored = await deps.store.transaction((tx) => tx.maintenance.list());
        return [...(active ? planMaintenance(active.plan) : []), ...stored];
      },
    );

    app.post(
      '/api/v1/maintenance',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary: 'Plans a maintenance window on an asset or a site',
          body: MaintenanceWindowRequestSchema,
          response: { 201: MaintenanceWindowSchema, 400: ErrorResponseSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await planMaintenanceWindow(ctx, actorOf(request).actor, request.body)),
    );

    app.delete(
      '/api/v1/maintenance/:id',
      {
        config: { roles: CAN.operate },
        schema: {
          tags: ['detection'],
          summary: 'Cancels a maintenance window',
          params: IdParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await cancelMaintenanceWindow(ctx, actorOf(request).actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
