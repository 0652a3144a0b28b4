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

/** Records that a threat is happening (see `recordSignals`). */
export async function recordSignal(ctx: EngineContext, input: SignalInput): Promise<Signal[]> {
  return recordSignals(ctx, [input]);
}

/**
 * Records that threats are happening, many at once in one transaction. A new failure
 * waits out the plan's group wait (failures it causes join it); a repeat only refreshes
 * its live signal.
 */
export async function recordSignals(ctx: EngineContext, inputs: readonly SignalInput[]): Promise<Signal[]> {
  if (!inputs.length) return [];
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const live = await tx.signals.liveFromSources([...new Set(inputs.map((i) => i.source))]);
    const byKey = new Map(live.map((s) => [`${s.source}|${s.threatId}`, s]));
    const fresh: Signal[] = [];
    const repeats = new Map<number, string[]>();
    const result: Signal[] = [];
    for (const input of inputs) {
      for (const threatId of input.threatIds) {
        const key = `${input.source}|${threatId}`;
        const known = byKey.get(key);
        if (known) {
          const sameTime = repeats.get(input.at);
          if (sameTime) sameTime.push(known.id);
          else repeats.set(input.at, [known.id]);
          result.push({ ...known, lastAt: input.at });
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
        byKey.set(key, signal);
        fresh.push(signal);
        result.push(signal);
      }
    }
    for (const [at, ids] of repeats) await tx.signals.touch(ids, at);
    if (fresh.length) {
      await tx.signals.insertMany(fresh);
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
    return result;
  });
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
