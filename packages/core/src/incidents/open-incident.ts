import type { Plan, Severity } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden, invalid } from '../errors';
import { escalate } from '../escalation/escalate';
import { clientsOfThreat } from '../plan/plan-views';
import type { EngineContext } from './context';
import { IncidentWork } from './incident-work';
import { schedulePaging } from '../on-call/paging';
import { noteRecoveryPoint } from './recovery-point';
import type { Incident } from './model';
import { activePlanOrFail } from './with-incident';

export interface OpenIncidentInput {
  threatId: string;
  title?: string | undefined;
  assets?: string[] | undefined;
  clients?: string[] | undefined;
  severity?: Severity | undefined;
  /** When the interruption began; now by default. */
  startedAt?: number | undefined;
  etaAt?: number | undefined;
  cause?: string | undefined;
  summary?: string | undefined;
  /** Who or what noticed it: a person by default, or a detection rule, an alert. */
  source?: string | undefined;
  drill?: boolean | undefined;
}

export interface OpenedIncident {
  incident: Incident;
  /** True when an incident for the same threat and assets was already open. */
  deduplicated: boolean;
}

/** The key that makes repeated signals of one failure land on one incident. */
export function dedupKeyOf(threatId: string, assets: readonly string[]): string {
  return `${threatId}|${[...assets].sort().join(',')}`;
}

/** A source as people know it: a check by its name; an alert or a rule by its key. */
function sourceName(plan: Plan, source: string | undefined): string | undefined {
  if (!source?.startsWith('check:')) return source;
  const checkId = source.slice('check:'.length);
  return plan.checks.find((check) => check.id === checkId)?.name ?? source;
}

/**
 * Opens an incident for a threat of the plan — by hand or from a detection — or, when
 * one is already open for the same threat and assets, attaches the signal to it.
 */
export async function openIncident(
  ctx: EngineContext,
  actor: Actor,
  input: OpenIncidentInput,
): Promise<OpenedIncident> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot open incidents');
  const { plan, version } = await activePlanOrFail(ctx);
  const threat = plan.threats.find((t) => t.id === input.threatId);
  if (!threat)
    throw invalid(`unknown threat "${input.threatId}": expected one of ${plan.threats.map((t) => t.id).join(', ')}`);
  const assets = input.assets ?? threat.assets;
  const unknownAsset = assets.find((id) => !plan.assets.some((a) => a.id === id));
  if (unknownAsset) throw invalid(`unknown asset "${unknownAsset}"`);
  const clients = input.clients ?? clientsOfThreat(plan, threat);
  const unknownClient = clients.find((id) => !plan.clients.some((c) => c.id === id));
  if (unknownClient) throw invalid(`unknown client "${unknownClient}"`);
  const now = ctx.clock.now();
  const startedAt = input.startedAt ?? now;
  if (startedAt > now + 60_000) throw invalid('an incident cannot start in the future');
  if (input.etaAt !== undefined && input.etaAt <= startedAt) throw invalid('the ETA must come after the start');
  const dedupKey = dedupKeyOf(threat.id, assets) + (input.drill ? '|drill' : '');

  return ctx.store.transaction(async (tx) => {
    const existing = await tx.incidents.findActiveByDedupKey(dedupKey);
    if (existing) {
      const w = new IncidentWork(tx, plan, existing, now, actor, ctx.random, ctx.publicUrl);
      await w.log('signal', `Signal attached: ${sourceName(plan, input.source) ?? actor.label}`, {
        source: input.source ?? null,
      });
      return { incident: existing, deduplicated: true };
    }
    const incident: Incident = {
      id: ctx.random.id(),
      number: await tx.incidents.nextNumber(),
      threatId: threat.id,
      title: input.title?.trim() || threat.title,
      status: 'open',
      severity: input.severity ?? threat.severity,
      assets,
      clients,
      startedAt,
      openedAt: now,
      acknowledgedAt: null,
      resolvedAt: null,
      closedAt: null,
      etaAt: input.etaAt ?? null,
      cause: input.cause?.trim() || null,
      summary: input.summary?.trim() || null,
      source: input.source ?? `person:${actor.label}`,
      dedupKey,
      planVersion: version.number,
      firedSteps: [],
      drill: input.drill ?? false,
      updatedAt: now,
    };
    await tx.incidents.insert(incident);
    const w = new IncidentWork(tx, plan, incident, now, actor, ctx.random, ctx.publicUrl);
    await w.log('status', `Incident opened: ${threat.title}`, {
      status: 'open',
      threat: threat.id,
      source: incident.source,
      startedAt,
    });
    await w.notify('incident-opened', plan.communication.notifyOnOpen);
    await schedulePaging(w);
    await noteRecoveryPoint(w);
    await escalate(w);
    await recordAudit(tx, now, actor, 'incident.open', `incident:${incident.id}`, {
      threat: threat.id,
      number: incident.number,
      drill: incident.drill,
    });
    return { incident, deduplicated: false };
  });
}
