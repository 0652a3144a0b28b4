import type { Plan } from '@vigie/contract';
import type { EngineContext } from '../incidents/context';
import { checkStateWord, saidByCheck } from './check-words';
import { combinationsReading } from './combinations';
import { evaluateRule } from './evaluate-rule';
import { recordSignals, recoverSignals, type SignalInput } from './record-signal';

/** A check's change of state, as the detection rules see it. */
export interface CheckChange {
  checkId: string;
  to: string;
  at: number;
  /** What the probe said, in words a technician understands. */
  message: string;
}

const SEVERITY = ['degraded', 'flapping', 'down'];

/** The worst of the failing checks' states, for the signal. */
function worstState(states: string[]): string {
  return states.reduce(
    (worst, state) => (SEVERITY.indexOf(state) > SEVERITY.indexOf(worst) ? state : worst),
    states[0] ?? 'down',
  );
}

/**
 * The plan's combination rules that read a check, evaluated again after its change of
 * state against the stored states of the other checks: a rule that now holds raises (or
 * refreshes) its signal, one that no longer holds recovers it, whichever check made it hold.
 */
export async function signalCombinations(ctx: EngineContext, plan: Plan, change: CheckChange): Promise<void> {
  const combinations = combinationsReading(plan, change.checkId);
  if (!combinations.length) return;
  const read = [...new Set(combinations.flatMap((c) => c.checks))];
  const { stored, live } = await ctx.store.transaction(async (tx) => ({
    stored: await tx.checkStates.forChecks(read),
    live: await tx.signals.liveFromSources(combinations.map((c) => c.source)),
  }));
  const states = new Map<string, string>(stored.map((record) => [record.checkId, record.memory.state]));
  // The change being handled is the truth for its own check, even if a newer state is stored.
  states.set(change.checkId, change.to);

  const checks = new Map(plan.checks.map((check) => [check.id, check]));
  const nameOf = (id: string) => checks.get(id)?.name ?? id;
  const changed = saidByCheck(nameOf(change.checkId), change.message, plan.language);
  const liveSources = new Set<string>(live.map((signal) => signal.source));
  const raised: SignalInput[] = [];
  for (const combination of combinations) {
    const { holds, failing } = evaluateRule(plan, combination.rule, states);
    if (!holds) {
      if (liveSources.has(combination.source)) await recoverSignals(ctx, combination.source, change.at, changed);
      continue;
    }
    // The check that just changed leads, when it is one of the failing ones.
    const ordered = failing.includes(change.checkId)
      ? [change.checkId, ...failing.filter((id) => id !== change.checkId)]
      : failing;
    const assets = [...new Set(ordered.map((id) => checks.get(id)?.asset).filter((id): id is string => !!id))];
    const listed = ordered
      .map((id) => `${nameOf(id)} (${checkStateWord(states.get(id) ?? 'unknown', plan.language)})`)
      .join(', ');
    raised.push({
      source: combination.source,
      threatIds: [combination.threat.id],
      assetId: assets[0] ?? null,
      state: worstState(ordered.map((id) => states.get(id) ?? 'down')),
      message: ordered.length === 1 && ordered[0] === change.checkId ? changed : `${listed} — ${changed}`,
      at: change.at,
      data: { checks: ordered, assets, check: change.checkId, to: change.to },
    });
  }
  await recordSignals(ctx, raised);
}
