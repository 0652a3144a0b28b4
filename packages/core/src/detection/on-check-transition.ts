import type { EngineContext } from '../incidents/context';
import { activePlanOrFail } from '../incidents/with-incident';
import { saidByCheck } from './check-words';
import { threatsForCheck } from './match-rules';
import { recordSignal, recoverSignals } from './record-signal';
import { signalCombinations } from './signal-combinations';

/** A check that changed state, as the scheduler reports it. */
export interface CheckTransitionInput {
  checkId: string;
  from: string;
  to: string;
  at: number;
  /** What the probe said, in words a technician understands. */
  message: string;
}

/**
 * The plan's detection rules applied to a check's change of state: the threats it now
 * reveals get a signal; those it no longer reveals recover (and may resolve). Rules that
 * combine several checks are evaluated again against the others' stored states.
 */
export async function handleCheckTransition(ctx: EngineContext, transition: CheckTransitionInput): Promise<void> {
  const { plan } = await activePlanOrFail(ctx);
  const check = plan.checks.find((c) => c.id === transition.checkId);
  if (!check) return;
  const source = `check:${check.id}` as const;
  const revealed = threatsForCheck(plan, check.id, transition.to).map((t) => t.id);
  const said = saidByCheck(check.name ?? check.id, transition.message, plan.language);
  await recoverSignals(ctx, source, transition.at, said, revealed);
  if (revealed.length) {
    await recordSignal(ctx, {
      source,
      threatIds: revealed,
      assetId: check.asset,
      state: transition.to,
      message: said,
      at: transition.at,
      data: { check: check.id, from: transition.from, to: transition.to },
    });
  }
  await signalCombinations(ctx, plan, transition);
}
