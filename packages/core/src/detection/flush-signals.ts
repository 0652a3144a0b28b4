import type { Plan } from '@vigie/contract';
import { SYSTEM_ACTOR } from '../auth/roles';
import type { EngineContext } from '../incidents/context';
import type { Incident } from '../incidents/model';
import type { Job } from '../incidents/records';
import { openIncident } from '../incidents/open-incident';
import { startRunbookIn } from '../runbooks/start-runbook';
import { activePlanOrFail, withIncident } from '../incidents/with-incident';
import type { IncidentWork } from '../incidents/incident-work';
import { rootCauseOfAll } from './dependencies';
import { maintenanceCoveringAll, planMaintenance } from './maintenance';
import { assetsOfSignal, type MaintenanceWindow, type Signal, type SignalCursor } from './model';
import { signalLines } from './signal-lines';

function assetName(plan: Plan, id: string | null): string {
  return plan.assets.find((a) => a.id === id)?.name ?? id ?? '?';
}

function assetNames(plan: Plan, ids: readonly string[]): string {
  return ids.length ? ids.map((id) => assetName(plan, id)).join(', ') : '?';
}

/** The incident speaks of these assets too (those it names already are not repeated). */
async function addAssets(w: IncidentWork, assets: readonly string[]): Promise<void> {
  const missing = [...new Set(assets)].filter((id) => !w.incident.assets.includes(id));
  if (!missing.length) return;
  w.incident.assets = [...w.incident.assets, ...missing];
  await w.save();
}

/** Ripe signals raised per transaction of reading: a storm of alerts is raised a page at a time. */
export const FLUSH_PAGE = 10_000;

/**
 * Consequences a flush holds while their root cause has no incident yet (its signal may be
 * on a later page); past this many, the oldest are raised at once: a flush holds at most a
 * few pages of signals.
 */
const MAX_WAITING_FOR_ROOT = 2 * FLUSH_PAGE;

/** A consequence whose root cause has no incident yet. */
interface WaitingForRoot {
  signal: Signal;
  root: string;
}

/**
 * Turns the signals whose group wait is over into incidents: a signal whose asset
 * depends on a failing one is attached to that root cause's incident (and waits for it
 * while the root cause's own signal is still in its group wait); the others open (or join)
 * their threat's incident; signals under maintenance are kept, not raised.
 */
export async function flushSignals(ctx: EngineContext, job: Job): Promise<void> {
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  const ripeUntil = now + 1_000 - plan.detection.groupWait;
  let after: SignalCursor | undefined;
  let scene: Scene | undefined;
  let waiting: WaitingForRoot[] = [];
  for (;;) {
    const page = await ctx.store.transaction((tx) =>
      tx.signals.pending({ firstAtUntil: ripeUntil, limit: FLUSH_PAGE, after }),
    );
    if (page.length) {
      scene ??= await sceneOfFlush(ctx, plan, Math.min(now, page[0]!.firstAt), now);
      waiting = await raiseRipe(ctx, plan, page, scene, waiting);
      if (waiting.length > MAX_WAITING_FOR_ROOT) {
        const oldest = waiting.splice(0, waiting.length - MAX_WAITING_FOR_ROOT);
        await raiseOnThreats(
          ctx,
          plan,
          oldest.map(({ signal }) => signal),
          scene,
        );
      }
    }
    if (page.length < FLUSH_PAGE) break;
    after = page.at(-1);
  }
  if (scene && waiting.length) {
    // A root cause failing with no incident and no ripe signal has a signal still in its
    // group wait: its consequences stay pending and are attached when that one is raised
    // (its flush reads them again). The others are incidents of their own.
    const { ripeAssets } = scene;
    const alone = waiting.filter(({ root }) => ripeAssets.has(root)).map(({ signal }) => signal);
    if (alone.length) await raiseOnThreats(ctx, plan, alone, scene);
  }
  await ctx.store.transaction((tx) => tx.jobs.complete(job.id, ctx.clock.now()));
}

/** What a flush reads once, however many pages it raises: where failures are, and their incidents. */
interface Scene {
  windows: MaintenanceWindow[];
  activeIncidents: Incident[];
  /** Assets with a live signal or an active incident. */
  failing: Set<string>;
  /** The incident each failing asset's signals were raised on, kept up as signals are raised. */
  incidentOfAsset: Map<string, string>;
  /** The incident each threat's signals were raised on in this flush. */
  incidentOfThreat: Map<string, string>;
  /** The assets of the ripe signals this flush has read, raised or not. */
  ripeAssets: Set<string>;
}

async function sceneOfFlush(ctx: EngineContext, plan: Plan, from: number, now: number): Promise<Scene> {
  const { live, windows, activeIncidents } = await ctx.store.transaction(async (tx) => ({
    live: await tx.signals.liveAssets(),
    windows: [...planMaintenance(plan), ...(await tx.maintenance.overlapping(from, now + 1))],
    activeIncidents: await tx.incidents.list({
      status: ['open', 'acknowledged', 'mitigating'],
      limit: 1000,
      offset: 0,
    }),
  }));
  const failing = new Set<string>([
    ...live.flatMap(assetsOfSignal),
    ...activeIncidents.filter((i) => !i.drill).flatMap((i) => i.assets),
  ]);
  const incidentOfAsset = new Map<string, string>();
  for (const signal of live)
    if (signal.incidentId) for (const asset of assetsOfSignal(signal)) incidentOfAsset.set(asset, signal.incidentId);
  return { windows, activeIncidents, failing, incidentOfAsset, incidentOfThreat: new Map(), ripeAssets: new Set() };
}

/**
 * Raises ripe signals, oldest first, on incidents (see `flushSignals`), and the consequences
 * of earlier pages whose root cause has an incident now; returns the consequences whose root
 * cause still has none.
 */
async function raiseRipe(
  ctx: EngineContext,
  plan: Plan,
  ripe: readonly Signal[],
  scene: Scene,
  waiting: readonly WaitingForRoot[],
): Promise<WaitingForRoot[]> {
  const { windows, activeIncidents, failing, incidentOfAsset, ripeAssets } = scene;
  // A combination's signal speaks of several assets: it is a consequence only if all of them are.
  const rootOf = (signal: Signal) => rootCauseOfAll(plan, assetsOfSignal(signal), failing);
  const incidentFor = (asset: string): string | undefined =>
    incidentOfAsset.get(asset) ?? activeIncidents.find((i: Incident) => !i.drill && i.assets.includes(asset))?.id;

  const raised: Signal[] = [];
  const suppressed: Signal[] = [];
  for (const signal of ripe) {
    for (const asset of assetsOfSignal(signal)) ripeAssets.add(asset);
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
  const roots: Signal[] = [];
  const consequences: WaitingForRoot[] = [...waiting];
  for (const signal of raised) {
    const root = rootOf(signal);
    if (root === undefined) roots.push(signal);
    else consequences.push({ signal, root });
  }
  await raiseOnThreats(ctx, plan, roots, scene);
  const byRootIncident = new Map<string, WaitingForRoot[]>();
  const withoutRootIncident: WaitingForRoot[] = [];
  for (const consequence of consequences) {
    const incidentId = incidentFor(consequence.root);
    if (!incidentId) {
      withoutRootIncident.push(consequence);
      continue;
    }
    const group = byRootIncident.get(incidentId);
    if (group) group.push(consequence);
    else byRootIncident.set(incidentId, [consequence]);
  }
  for (const [incidentId, group] of byRootIncident) await attachConsequences(ctx, plan, incidentId, group);
  return withoutRootIncident;
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
  { incidentOfAsset, incidentOfThreat }: Scene,
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
    // An earlier page of this flush opened (or found) the threat's incident already.
    const known = incidentOfThreat.get(threat.id);
    const { incidentId, deduplicated } = known
      ? { incidentId: known, deduplicated: true }
      : await openIncident(ctx, SYSTEM_ACTOR, {
          threatId: threat.id,
          assets: threat.assets,
          startedAt: Math.min(first.firstAt, ctx.clock.now()),
          source: first.source,
          summary: first.message,
        }).then(({ incident, deduplicated }) => ({ incidentId: incident.id, deduplicated }));
    incidentOfThreat.set(threat.id, incidentId);
    await withIncident(ctx, SYSTEM_ACTOR, incidentId, async (w) => {
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
      await addAssets(w, [...threat.assets, ...group.flatMap(assetsOfSignal)]);
      const ids = group.map((signal) => signal.id);
      if (deduplicated) await w.tx.signals.raise(ids, 'attached', incidentId);
      else {
        await w.tx.signals.raise(ids.slice(0, 1), 'opened', incidentId);
        await w.tx.signals.raise(ids.slice(1), 'attached', incidentId);
      }
      if (!deduplicated && threat.runbookStart === 'on-detection' && threat.runbook.length)
        await startRunbookIn(w, 'threat');
    });
    for (const asset of group.flatMap(assetsOfSignal)) incidentOfAsset.set(asset, incidentId);
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
    await addAssets(
      w,
      group.flatMap(({ signal }) => assetsOfSignal(signal)),
    );
    await w.tx.signals.raise(
      group.map(({ signal }) => signal.id),
      'attached',
      incidentId,
    );
  });
}
