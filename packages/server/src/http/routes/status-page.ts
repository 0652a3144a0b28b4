import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assetsUnder,
  CAN,
  combinedFigures,
  hashToken,
  listChecks,
  readAvailability,
  notFound,
  planMaintenance,
  precondition,
  recordAudit,
  type Actor,
  type AvailabilityFigures,
  type Repositories,
} from '@vigie/core';
import {
  CreatedStatusPageLinkSchema,
  ErrorResponseSchema,
  PublicStatusPageSchema,
  StatusPageClientParamsSchema,
  StatusPageLinkSchema,
  StatusPageTokenParamsSchema,
  type Asset,
  type Plan,
  type PublicStatusPage,
  type StatusPageLink,
} from '@vigie/contract';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

// One settings row per client holds the hash of its link's token: the token itself is
// shown once to the administrator and never stored, so a database leak opens no page.
const KEY_PREFIX = 'status-page:';
const TOKEN_PREFIX = 'vsp_';
/** Generous for a person refreshing the page; useless for guessing a 256-bit token. */
export const PUBLIC_RATE_LIMIT = { max: 120, timeWindow: 60_000 };

const StoredLinkSchema = z.object({
  tokenHash: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  revokedAt: z.number().nullable(),
});
type StoredLink = z.infer<typeof StoredLinkSchema>;

async function readLink(tx: Repositories, clientId: string): Promise<StoredLink | undefined> {
  const raw = await tx.settings.get(KEY_PREFIX + clientId);
  if (raw === undefined) return undefined;
  const parsed = StoredLinkSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

function toView(client: Plan['clients'][number], stored: StoredLink | undefined): StatusPageLink {
  return {
    clientId: client.id,
    clientName: client.name,
    active: stored !== undefined && stored.revokedAt === null,
    createdAt: stored?.createdAt ?? null,
    createdBy: stored?.createdBy ?? null,
    revokedAt: stored?.revokedAt ?? null,
  };
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

type ServiceState = Exclude<PublicStatusPage['services'][number]['state'], 'maintenance'>;
const CHECK_SEVERITY: Record<string, ServiceState | undefined> = {
  up: 'operational',
  degraded: 'degraded',
  down: 'disrupted',
  flapping: 'disrupted',
};
const RANK: Record<ServiceState, number> = { operational: 0, degraded: 1, disrupted: 2 };

/** The worst state live monitoring knows of each asset; checks not yet run tell nothing. */
export function stateByAsset(checks: readonly { asset: { id: string }; state: string }[]): Map<string, ServiceState> {
  const states = new Map<string, ServiceState>();
  for (const check of checks) {
    const state = CHECK_SEVERITY[check.state];
    if (!state) continue;
    const current = states.get(check.asset.id);
    if (!current || RANK[state] > RANK[current]) states.set(check.asset.id, state);
  }
  return states;
}

/** The period over which a status page tells each service's availability. */
const AVAILABILITY_WINDOW_MS = 30 * 24 * 3_600_000;

/** Each asset's availability: the mean of its checks', as the availability API gives a group's. */
export function availabilityByAsset(
  plan: Plan,
  perCheck: readonly (AvailabilityFigures & { checkId: string })[],
): Map<string, number | null> {
  const assetOf = new Map(plan.checks.map((check) => [check.id, check.asset]));
  const byAsset = new Map<string, AvailabilityFigures[]>();
  for (const figures of perCheck) {
    const asset = assetOf.get(figures.checkId);
    if (asset === undefined) continue;
    byAsset.set(asset, [...(byAsset.get(asset) ?? []), figures]);
  }
  return new Map([...byAsset].map(([asset, figures]) => [asset, combinedFigures(figures).availability]));
}

/** How far ahead a status page announces planned work. */
const PLANNED_WORK_HORIZON_MS = 14 * 24 * 3_600_000;

/**
 * The planned work on a client's services (`services`: its assets), under way or starting
 * within the horizon, soonest first: when, and which of them (never why: it may be internal).
 */
async function plannedWork(tx: Repositories, plan: Plan, services: readonly Asset[], now: number) {
  const ids = services.map((asset) => asset.id);
  const windows = [
    ...planMaintenance(plan),
    ...(await tx.maintenance.overlapping(now, now + PLANNED_WORK_HORIZON_MS)),
  ].filter((window) => window.to > now && window.from < now + PLANNED_WORK_HORIZON_MS);
  return windows
    .map((window) => ({ from: window.from, to: window.to, assets: assetsUnder(plan, window, ids) }))
    .filter((work) => work.assets.length > 0)
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The public state of one client: its services and the public course of its open incidents. */
async function publicStatus(
  tx: Repositories,
  plan: Plan,
  clientId: string,
  now: number,
  checkStates: ReadonlyMap<string, ServiceState>,
  availability: ReadonlyMap<string, number | null>,
): Promise<PublicStatusPage> {
  const client = plan.clients.find((c) => c.id === clientId)!;
  const open = (
    await tx.incidents.list({ status: ['open', 'acknowledged', 'mitigating'], clientId, limit: 100, offset: 0 })
  ).filter((incident) => !incident.drill);
  const disrupted = new Set(open.flatMap((incident) => incident.assets));
  const incidents = [];
  for (const incident of open) {
    const timeline = await tx.timeline.list(incident.id);
    incidents.push({
      number: incident.number,
      title: incident.title,
      status: incident.status as 'open' | 'acknowledged' | 'mitigating',
      startedAt: incident.startedAt,
      updatedAt: incident.updatedAt,
      updates: timeline
        .filter((entry) => entry.kind === 'note' && entry.data['public'] === true)
        .map((entry) => ({ at: entry.at, text: entry.summary }))
        .reverse(),
    });
  }
  const services = plan.assets.filter((asset) => asset.clients.includes(clientId));
  const work = await plannedWork(tx, plan, services, now);
  const underWay = new Set(work.filter(({ from }) => from <= now).flatMap(({ assets }) => assets));
  const nameOf = new Map(services.map((asset) => [asset.id, asset.name]));
  return {
    client: { name: client.name },
    timezone: plan.timezone,
    generatedAt: now,
    stateSource: checkStates.size > 0 ? 'checks' : 'incidents',
    services: services.map((asset) => ({
      name: asset.name,
      // An incident open on a service outweighs the work planned on it.
      state: disrupted.has(asset.id)
        ? 'disrupted'
        : underWay.has(asset.id)
          ? 'maintenance'
          : (checkStates.get(asset.id) ?? 'operational'),
      availability30d: availability.get(asset.id) ?? null,
    })),
    maintenance: work.map(({ from, to, assets }) => ({ from, to, services: assets.map((id) => nameOf.get(id)!) })),
    incidents,
  };
}

/** The plan in force and the client a status page link opens; NotFound when it is unknown or revoked. */
export async function clientOfLink(deps: HttpDeps, token: string): Promise<{ plan: Plan; clientId: string }> {
  const active = await deps.catalog.active();
  if (!active) throw precondition('no plan is loaded');
  const { plan } = active;
  const hash = hashToken(token);
  const clientId = await deps.store.transaction(async (tx) => {
    for (const client of plan.clients) {
      const stored = await readLink(tx, client.id);
      if (stored && stored.revokedAt === null && sameHash(stored.tokenHash, hash)) return client.id;
    }
    return undefined;
  });
  if (!clientId) throw notFound('this status page link is unknown or has been revoked');
  return { plan, clientId };
}

/** A client's public status through its secret link; NotFound when the link is unknown or revoked. */
export async function readPublicStatus(deps: HttpDeps, token: string): Promise<PublicStatusPage> {
  const { plan, clientId } = await clientOfLink(deps, token);
  // The page reads checks as the client's own user would: its assets only.
  const reader: Actor = { kind: 'system', id: 'status-page', label: 'status page', role: 'client', clientId };
  const monitoring = { store: deps.store, clock: deps.clock, plans: deps.catalog };
  const { checks } = await listChecks(monitoring, reader);
  const now = deps.clock.now();
  const { checks: perCheck } = await readAvailability(monitoring, reader, {
    scope: 'client',
    id: clientId,
    from: now - AVAILABILITY_WINDOW_MS,
    to: now,
  });
  return deps.store.transaction((tx) =>
    publicStatus(tx, plan, clientId, now, stateByAsset(checks), availabilityByAsset(plan, perCheck)),
  );
}

/** Status pages: a secret link per client, managed by administrators, read without signing in. */
export function statusPageRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  const activePlan = async (): Promise<Plan> => {
    const active = await deps.catalog.active();
    if (!active) throw precondition('no plan is loaded');
    return active.plan;
  };
  const clientOf = (plan: Plan, clientId: string) => {
    const client = plan.clients.find((c) => c.id === clientId);
    if (!client) throw notFound(`no client "${clientId}" in the plan`);
    return client;
  };

  return async (app) => {
    app.get(
      '/api/v1/status-pages',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['status pages'],
          summary: "Each client of the plan and its status page link's state (never the token)",
          response: { 200: z.array(StatusPageLinkSchema) },
        },
      },
      async () => {
        const plan = await activePlan();
        return deps.store.transaction(async (tx) => {
          const links: StatusPageLink[] = [];
          for (const client of plan.clients) links.push(toView(client, await readLink(tx, client.id)));
          return links;
        });
      },
    );

    app.post(
      '/api/v1/status-pages/:clientId',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['status pages'],
          summary: "Creates the client's secret link, replacing any earlier one; the token is shown once",
          params: StatusPageClientParamsSchema,
          response: { 201: CreatedStatusPageLinkSchema, 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const { actor } = actorOf(request);
        const client = clientOf(await activePlan(), request.params.clientId);
        const token = `${TOKEN_PREFIX}${deps.random.token()}`;
        const now = deps.clock.now();
        const stored: StoredLink = {
          tokenHash: hashToken(token),
          createdAt: now,
          createdBy: actor.label,
          revokedAt: null,
        };
        await deps.store.transaction(async (tx) => {
          const replaced = await readLink(tx, client.id);
          await tx.settings.set(KEY_PREFIX + client.id, JSON.stringify(stored));
          await recordAudit(tx, now, actor, 'status-page.create', `client:${client.id}`, {
            replaced: replaced !== undefined && replaced.revokedAt === null,
          });
        });
        return reply.code(201).send({ link: toView(client, stored), token, path: `/status/${token}` });
      },
    );

    app.delete(
      '/api/v1/status-pages/:clientId',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['status pages'],
          summary: "Revokes the client's link at once: the page answers that the link is no longer valid",
          params: StatusPageClientParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const { actor } = actorOf(request);
        const client = clientOf(await activePlan(), request.params.clientId);
        const now = deps.clock.now();
        await deps.store.transaction(async (tx) => {
          const stored = await readLink(tx, client.id);
          if (!stored || stored.revokedAt !== null) throw notFound(`${client.name} has no status page link to revoke`);
          await tx.settings.set(KEY_PREFIX + client.id, JSON.stringify({ ...stored, revokedAt: now }));
          await recordAudit(tx, now, actor, 'status-page.revoke', `client:${client.id}`);
        });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/status/:token',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          tags: ['status pages'],
          summary: "A client's status page through its secret link: services and public updates only",
          params: StatusPageTokenParamsSchema,
          response: { 200: PublicStatusPageSchema, 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const page = await readPublicStatus(deps, request.params.token);
        // The page changes with every incident update: never serve a stale copy from a cache.
        void reply.header('cache-control', 'no-store');
        return page;
      },
    );
  };
}
