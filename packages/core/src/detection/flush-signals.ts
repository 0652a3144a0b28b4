import type { Plan } from '@vigie/contract';
import { SYSTEM_ACTOR } from '../auth/roles';
import type { EngineContext } from '../incidents/context';
import type { Incident } from '../incidents/model';
import type { Job } from '../incidents/records';
import { openIncident } from '../incidents/open-incident';
import { startRunbookIn } from '../runbooks/start-runbook';
import { activePlanOrFail, withIncident } from '../incidents/with-incident';
import { rootCauseOfAll } from './dependencies';
import { maintenanceCoveringAll, planMaintenance } from './maintenance';
import { assetsOfSignal, type Signal } from './model';
import { signalLines } from './signal-lines';

function assetName(plan: Plan, id: string | null): string {
  return plan.assets.find((a) => a.id === id)?.name ?? id ?? '?';
}

function assetNames(plan: Plan, ids: readonly string[]): string {
  return ids.length ? ids.map((id) => assetName(plan, id)).join(', ') : '?';
}

/**
 * Turns the signals whose group wait is over into incidents: a signal whose asset
 * depends on a failing one is attached to that root cause's incident; the others open
 * (or join) their threat's incident; signals under maintenance are kept, not raised.
 */
export async function flushSignals(ctx: EngineContext, job: Job): Promise<void> {
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  const { ripe, live, windows, activeIncidents } = await ctx.store.transaction(async (tx) => {
    const live = await tx.signals.liveAssets();
    const ripe = (await tx.signals.pending()).filter((s) => s.firstAt + plan.detection.groupWait <= now + 1_000);
    const from = Math.min(now, ...ripe.map((s) => s.firstAt));
    const windows = [...planMaintenance(plan), ...(await tx.maintenance.overlapping(from, now + 1))];
    const activeIncidents = await tx.incidents.list({
      status: ['open', 'acknowledged', 'mitigating'],
      limit: 1000,
      offset: 0,
    });
    return { ripe, live, windows, activeIncidents };
  });

  const failing = new Set<string>([
    ...live.flatMap(assetsOfSignal),
    ...activeIncidents.filter((i) => !i.drill).flatMap((i) => i.assets),
  ]);
  // A combination's signal speaks of several assets: it is a consequence only if all of them are.
  const rootOf = (signal: Signal) => rootCauseOfAll(plan, assetsOfSignal(signal), failing);
  const incidentOfAsset = new Map<string, string>();
  for (const signal of live)
    if (signal.incidentId) for (const asset of assetsOfSignal(signal)) incidentOfAsset.set(asset, signal.incidentId);
  const incidentFor = (asset: string): string | undefined =>
    incidentOfAsset.get(asset) ?? activeIncidents.find((i: Incident) => !i.drill && i.assets.includes(asset))?.id;

  const raised: Signal[] = [];
  const suppressed: Signal[] = [];
  for (const signal of [...ripe].sort((a, b) => a.firstAt - b.firstAt)) {
    const window = maintenanceCoveringAll(plan, windows, assetsOfSignal(signal), signal.firstAt);
    if (window)
      suppressed.push({ ...signal, status: 'suppressed', data: { ...signal.data, maintenance: window.reason } });
    else raised.push(signal);
  }
  if (suppressed.length)
    await ctx.store.transaction(async (tx) => {
      for (const signal of suppressed) await tx.signals.update(signal);
    });

  // Root causes first, so their incidents exist when their consequences are attached.
  const consequences = raised.filter((signal) => rootOf(signal) !== undefined);
  await raiseOnThreats(
    ctx,
    plan,
    raised.filter((signal) => rootOf(signal) === undefined),
    incidentOfAsset,
  );
  const byRootIncident = new Map<string, { signal: Signal; root: string }[]>();
  const withoutRootIncident: Signal[] = [];
  for (const signal of consequences) {
    const root = rootOf(signal)!;
    const incidentId = incidentFor(root);
    if (!incidentId) {
      withoutRootIncident.push(signal);
      continue;
    }
    const group = byRootIncident.get(incidentId);
    if (group) group.push({ signal, root });
    else byRootIncident.set(incidentId, [{ signal, root }]);
  }
  for (const [incidentId, group] of byRootIncident) await attachConsequences(ctx, plan, incidentId, group);
  await raiseOnThreats(ctx, plan, withoutRootIncident, incidentOfAsset);
  await ctx.store.transaction((tx) => tx.jobs.complete(job.id, ctx.clock.now()));
}

/**
 * Signals of failures that are their own root cause, raised on their threats' incidents:
 * one opening (or joining) per threat however many signals. A signal of a threat the plan
 * no longer has is left as it is.
 */
async function raiseOnThreats(
  ctx: EngineContext,
  plan: Plan,
  signals: readonly Signal[],
  incidentOfAsset: Map<string, string>,
): Promise<void> {
  const byThreat = new Map<string, Signal[]>();
  for (const signal of signals) {
    const group = byThreat.get(signal.threatId);
    if (group) group.push(signal);
    else byThreat.set(signal.threatId, [signal]);
  }
  for (const [threatId, group] of byThreat) {
    const threat = plan.threats.find((t) => t.id === threatId);
    if (!threat) continue;
    const first = group[0]!;
    const { incident, deduplicated } = await openIncident(ctx, SYSTEM_ACTOR, {
      threatId: threat.id,
      assets: threat.assets,
      startedAt: Math.min(first.firstAt, ctx.clock.now()),
      source: first.source,
      summary: first.message,
    });
    await withIncident(ctx, SYSTEM_ACTOR, incident.id, async (w) => {
      const events = group.map((signal) => ({
        source: signal.source,
        message: signal.message,
        line: {
          summary: `Detected: ${signal.message}`,
          data: { source: signal.source, threat: threat.id, asset: signal.assetId, state: signal.state },
        },
      }));
      for (const line of signalLines(events, (count, quoted) => `${count} signals detected: ${quoted}`))
        await w.log('signal', line.summary, line.data);
      const assets = [...new Set([...threat.assets, ...group.flatMap(assetsOfSignal)])];
      const missing = assets.filter((id) => !w.incident.assets.includes(id));
      if (missing.length) {
        w.incident.assets = [...w.incident.assets, ...missing];
        await w.save();
      }
      const ids = group.map((signal) => signal.id);
      if (deduplicated) await w.tx.signals.raise(ids, 'attached', incident.id);
      else {
        await w.tx.signals.raise(ids.slice(0, 1), 'opened', incident.id);
        await w.tx.signals.raise(ids.slice(1), 'attached', incident.id);
      }
      if (!deduplicated && threat.runbookStart === 'on-detection' && threat.runbook.length)
        await startRunbookIn(w, 'threat');
    });
    for (const asset of group.flatMap(assetsOfSignal)) incidentOfAsset.set(asset, incident.id);
  }
}

/** Consequences of a root cause that has an incident: attached to it, told in a few lines. */
async function attachConsequences(
  ctx: EngineContext,
  plan: Plan,
  incidentId: string,
  group: readonly { signal: Signal; root: string }[],
): Promise<void> {
  await withIncident(ctx, SYSTEM_ACTOR, incidentId, async (w) => {
    const events = group.map(({ signal, root }) => {
      const signalAssets = assetsOfSignal(signal);
      return {
        source: signal.source,
        message: signal.message,
        line: {
          summary: `Consequence: ${signal.message} — ${assetNames(plan, signalAssets)} depends on ${assetName(plan, root)}`,
          data: { source: signal.source, threat: signal.threatId, asset: signal.assetId, rootCause: root },
        },
      };
    });
    for (const line of signalLines(events, (count, quoted) => `${count} consequences attached: ${quoted}`))
      await w.log('signal', line.summary, line.data);
    const missing = [...new Set(group.flatMap(({ signal }) => assetsOfSignal(signal)))].filter(
      (id) => !w.incident.assets.includes(id),
    );
    if (missing.length) {
      w.incident.assets = [...w.incident.assets, ...missing];
      await w.save();
    }
    await w.tx.signals.raise(
      group.map(({ signal }) => signal.id),
      'attached',
      incidentId,
    );
  });
}
