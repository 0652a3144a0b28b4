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
    const live = await tx.signals.live();
    const ripe = live.filter((s) => s.status === 'pending' && s.firstAt + plan.detection.groupWait <= now + 1_000);
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
  // Root causes first, so their incidents exist when their consequences are attached.
  const ordered = [...ripe].sort(
    (a, b) => Number(rootOf(a) !== undefined) - Number(rootOf(b) !== undefined) || a.firstAt - b.firstAt,
  );
  const incidentOfAsset = new Map<string, string>();
  for (const signal of live)
    if (signal.incidentId) for (const asset of assetsOfSignal(signal)) incidentOfAsset.set(asset, signal.incidentId);
  const incidentFor = (asset: string): string | undefined =>
    incidentOfAsset.get(asset) ?? activeIncidents.find((i: Incident) => !i.drill && i.assets.includes(asset))?.id;

  for (const signal of ordered) {
    const signalAssets = assetsOfSignal(signal);
    const window = maintenanceCoveringAll(plan, windows, signalAssets, signal.firstAt);
    if (window) {
      await ctx.store.transaction((tx) =>
        tx.signals.update({ ...signal, status: 'suppressed', data: { ...signal.data, maintenance: window.reason } }),
      );
      continue;
    }
    const root = rootOf(signal);
    const rootIncident = root ? incidentFor(root) : undefined;
    if (root && rootIncident) {
      await withIncident(ctx, SYSTEM_ACTOR, rootIncident, async (w) => {
        await w.log(
          'signal',
          `Consequence: ${signal.message} — ${assetNames(plan, signalAssets)} depends on ${assetName(plan, root)}`,
          {
            source: signal.source,
            threat: signal.threatId,
            asset: signal.assetId,
            rootCause: root,
          },
        );
        const missing = signalAssets.filter((id) => !w.incident.assets.includes(id));
        if (missing.length) {
          w.incident.assets = [...w.incident.assets, ...missing];
          await w.save();
        }
        await w.tx.signals.update({ ...signal, status: 'attached', incidentId: rootIncident });
      });
      continue;
    }
    const threat = plan.threats.find((t) => t.id === signal.threatId);
    if (!threat) continue;
    const assets = [...new Set([...threat.assets, ...signalAssets])];
    const { incident, deduplicated } = await openIncident(ctx, SYSTEM_ACTOR, {
      threatId: threat.id,
      assets: threat.assets,
      startedAt: Math.min(signal.firstAt, now),
      source: signal.source,
      summary: signal.message,
    });
    await withIncident(ctx, SYSTEM_ACTOR, incident.id, async (w) => {
      await w.log('signal', `Detected: ${signal.message}`, {
        source: signal.source,
        threat: threat.id,
        asset: signal.assetId,
        state: signal.state,
      });
      const missing = assets.filter((id) => !w.incident.assets.includes(id));
      if (missing.length) {
        w.incident.assets = [...w.incident.assets, ...missing];
        await w.save();
      }
      await w.tx.signals.update({ ...signal, status: deduplicated ? 'attached' : 'opened', incidentId: incident.id });
      if (!deduplicated && threat.runbookStart === 'on-detection' && threat.runbook.length)
        await startRunbookIn(w, 'threat');
    });
    for (const asset of signalAssets) incidentOfAsset.set(asset, incident.id);
  }
  await ctx.store.transaction((tx) => tx.jobs.complete(job.id, ctx.clock.now()));
}
