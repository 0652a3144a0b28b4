import { SYSTEM_ACTOR } from '../auth/roles';
import { resolveIncident } from '../incidents/lifecycle';
import type { EngineContext } from '../incidents/context';
import { activePlanOrFail, withIncident } from '../incidents/with-incident';
import type { Signal, SignalSource } from './model';

export interface SignalInput {
  source: SignalSource;
  threatIds: string[];
  assetId: string | null;
  state: string;
  message: string;
  at: number;
  data?: Record<string, unknown>;
}

/**
 * Records that a threat is happening. A new failure waits out the plan's group wait
 * (failures it causes join it), a repeat only refreshes the live signal.
 */
export async function recordSignal(ctx: EngineContext, input: SignalInput): Promise<Signal[]> {
  const { plan } = await activePlanOrFail(ctx);
  const groupWait = plan.detection.groupWait;
  const now = ctx.clock.now();
  const recorded = await ctx.store.transaction(async (tx) => {
    const signals: Signal[] = [];
    for (const threatId of input.threatIds) {
      const live = await tx.signals.findLive(input.source, threatId);
      if (live) {
        const refreshed = { ...live, lastAt: input.at, state: input.state, message: input.message };
        await tx.signals.update(refreshed);
        signals.push(refreshed);
        continue;
      }
      const signal: Signal = {
        id: ctx.random.id(),
        source: input.source,
        threatId,
        assetId: input.assetId,
        state: input.state,
        message: input.message,
        firstAt: input.at,
        lastAt: input.at,
        status: 'pending',
        incidentId: null,
        recoveredAt: null,
        data: input.data ?? {},
      };
      await tx.signals.insert(signal);
      // Signals of the same second share one flush; each waits out the whole group wait.
      const flushAt = Math.ceil((now + groupWait) / 1_000) * 1_000;
      await tx.jobs.schedule({
        id: ctx.random.id(),
        key: `detection.flush:${flushAt}`,
        kind: 'detection.flush',
        incidentId: null,
        runAt: flushAt,
        payload: {},
        createdAt: now,
      });
      signals.push(signal);
    }
    return signals;
  });
  return recorded;
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
  const touched = await ctx.store.transaction(async (tx) => {
    const live = (await tx.signals.liveFromSource(source)).filter((s) => !keepThreats.includes(s.threatId));
    for (const signal of live) await tx.signals.update({ ...signal, status: 'recovered', recoveredAt: at, message });
    return [...new Set(live.map((s) => s.incidentId).filter((id): id is string => id !== null))];
  });
  const resolved: string[] = [];
  for (const incidentId of touched) {
    const done = await withIncident(ctx, SYSTEM_ACTOR, incidentId, async (w) => {
      await w.log('signal', `Back to normal: ${message}`, { source, recovered: true });
      const stillLive = (await w.tx.signals.forIncident(incidentId)).some(
        (s) => s.status === 'opened' || s.status === 'attached',
      );
      return (
        !stillLive &&
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
