import { SYSTEM_ACTOR } from '../auth/roles';
import { resolveIncident } from '../incidents/lifecycle';
import type { EngineContext } from '../incidents/context';
import { activePlanOrFail, withIncident } from '../incidents/with-incident';
import type { Signal, SignalSource } from './model';
import { signalLines } from './signal-lines';

export interface SignalInput {
  source: SignalSource;
  threatIds: string[];
  assetId: string | null;
  state: string;
  message: string;
  at: number;
  data?: Record<string, unknown>;
}

/** Records that a threat is happening (see `recordSignals`). */
export async function recordSignal(ctx: EngineContext, input: SignalInput): Promise<RecordedSignals> {
  return recordSignals(ctx, [input]);
}

/** What a batch of signals did: new failures, and repeats of live ones. */
export interface RecordedSignals {
  fresh: number;
  refreshed: number;
}

/**
 * Records that threats are happening, many at once in one transaction. A new failure
 * waits out the plan's group wait (failures it causes join it); a repeat only refreshes
 * its live signal.
 */
export async function recordSignals(ctx: EngineContext, inputs: readonly SignalInput[]): Promise<RecordedSignals> {
  if (!inputs.length) return { fresh: 0, refreshed: 0 };
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  // One candidate per source and threat: the same failure twice in a batch is one signal.
  const candidates = new Map<string, Signal>();
  for (const input of inputs) {
    for (const threatId of input.threatIds) {
      const key = `${input.source}\n${threatId}`;
      const same = candidates.get(key);
      if (same) {
        same.firstAt = Math.min(same.firstAt, input.at);
        same.lastAt = Math.max(same.lastAt, input.at);
        continue;
      }
      candidates.set(key, {
        id: ctx.random.id(),
        source: input.source,
        threatId,
        assetId: input.assetId,
        state: input.state,
        message: input.message,
        firstAt: input.at,
        // Reported now, whenever the failure began (an alert's own start may be long past).
        lastAt: Math.max(input.at, now),
        status: 'pending',
        incidentId: null,
        recoveredAt: null,
        data: input.data ?? {},
      });
    }
  }
  return ctx.store.transaction(async (tx) => {
    const fresh = (await tx.signals.recordLive([...candidates.values()])).size;
    if (fresh > 0) {
      // Signals of the same second share one flush; each waits out the whole group wait.
      const flushAt = Math.ceil((now + plan.detection.groupWait) / 1_000) * 1_000;
      await tx.jobs.schedule({
        id: ctx.random.id(),
        key: `detection.flush:${flushAt}`,
        kind: 'detection.flush',
        incidentId: null,
        runAt: flushAt,
        payload: {},
        createdAt: now,
      });
    }
    return { fresh, refreshed: candidates.size - fresh };
  });
}

/** A source whose failure is over. */
export interface SourceRecovery {
  source: SignalSource;
  /** What it said when it came back. */
  message: string;
  /** Threats still revealed by the source's new state: their signals stay live. */
  keepThreats?: readonly string[];
}

/**
 * The failure is over: its live signals are recovered; an incident the plan resolves
 * on recovery is resolved once none of its signals is live any more.
 */
export async function recoverSignals(
  ctx: EngineContext,
  source: SignalSource,
  at: number,
  message: string,
  /** Threats still revealed by the source's new state: their signals stay live. */
  keepThreats: readonly string[] = [],
): Promise<string[]> {
  return recoverSources(ctx, [{ source, message, keepThreats }], at);
}

/**
 * Many sources back to normal at once (a batch of resolved alerts): their live signals are
 * recovered in one transaction, each incident they were raised on is told in a few lines,
 * and resolved when the plan says so and none of its signals is live any more. Returns the
 * incidents resolved.
 */
export async function recoverSources(
  ctx: EngineContext,
  recoveries: readonly SourceRecovery[],
  at: number,
): Promise<string[]> {
  if (!recoveries.length) return [];
  const bySource = new Map<string, SourceRecovery>();
  for (const recovery of recoveries) bySource.set(recovery.source, recovery);
  const recoveryOf = (signal: Signal) => bySource.get(signal.source)!;
  const recovered = await ctx.store.transaction(async (tx) => {
    const live = (await tx.signals.liveFromSources([...bySource.keys()])).filter(
      (signal) => !recoveryOf(signal).keepThreats?.includes(signal.threatId),
    );
    await tx.signals.recover(
      live.map((signal) => ({ id: signal.id, message: recoveryOf(signal).message })),
      at,
    );
    return live;
  });

  // Each incident hears once of each source back to normal, in the order they were told.
  const incidentsBySource = new Map<string, Set<string>>();
  for (const signal of recovered) {
    if (signal.incidentId === null) continue;
    const incidents = incidentsBySource.get(signal.source);
    if (incidents) incidents.add(signal.incidentId);
    else incidentsBySource.set(signal.source, new Set([signal.incidentId]));
  }
  const sourcesByIncident = new Map<string, SignalSource[]>();
  for (const { source } of bySource.values()) {
    for (const incidentId of incidentsBySource.get(source) ?? []) {
      const sources = sourcesByIncident.get(incidentId);
      if (sources) sources.push(source);
      else sourcesByIncident.set(incidentId, [source]);
    }
  }
  const resolved: string[] = [];
  for (const [incidentId, sources] of sourcesByIncident) {
    const done = await withIncident(ctx, SYSTEM_ACTOR, incidentId, async (w) => {
      const events = sources.map((source) => {
        const { message } = bySource.get(source)!;
        return { source, message, line: { summary: `Back to normal: ${message}`, data: { source, recovered: true } } };
      });
      for (const line of signalLines(events, (count, quoted) => `${count} signals back to normal: ${quoted}`))
        await w.log('signal', line.summary, line.data);
      return (
        !(await w.tx.signals.anyLiveForIncident(incidentId)) &&
        w.threat?.resolve === 'on-recovery' &&
        ['open', 'acknowledged', 'mitigating'].includes(w.incident.status)
      );
    });
    if (done) resolved.push(incidentId);
  }
  for (const incidentId of resolved) {
    await resolveIncident(ctx, SYSTEM_ACTOR, incidentId, {
      summary: 'Résolu automatiquement : tous les contrôles qui avaient détecté la panne sont revenus à la normale.',
    });
  }
  return resolved;
}
