import type { Check, Language, Plan } from '@vigie/contract';
import { retryDelayOf, shardOf, type CheckPolicy } from '@vigie/core';
import { isActiveProbeKind, parseProbeConfig, probeFor, type Probe, type ProbeInput } from '@vigie/probes';
import { targetHost } from './target-key';

/** How a check is run: probed on a schedule, watched for silence, or only fed from outside. */
export type CheckMode = 'probe' | 'heartbeat' | 'fed';

/** A check of the plan, ready for the scheduler. */
export interface ScheduledCheck {
  id: string;
  shard: number;
  mode: CheckMode;
  check: Check;
  policy: CheckPolicy;
  /** How soon it is probed again while confirming a change of state (see `retryDelayOf`). */
  retryMs: number;
  /** The probe and its config, parsed once from `{ target, ...options }`, for `probe` checks. */
  probe: Probe | null;
  config: unknown;
  /** The language its messages are written in: the plan's. */
  language: Language;
  /** The host the per-target limit counts against. */
  host: string;
  /** What must change for a running check to be rescheduled or redefined. */
  signature: string;
}

/** A check the scheduler cannot run, and why. */
export interface UnrunnableCheck {
  checkId: string;
  problems: string[];
}

/**
 * The checks of a plan the scheduler runs. Examples of the shipped plan are left out unless
 * `includeExamples` (their addresses are not real); a check whose options its probe refuses
 * is left out with its problems, to be reported rather than probed.
 */
export function scheduledChecks(
  plan: Plan,
  includeExamples: boolean,
): { checks: Map<string, ScheduledCheck>; unrunnable: UnrunnableCheck[] } {
  const checks = new Map<string, ScheduledCheck>();
  const unrunnable: UnrunnableCheck[] = [];
  for (const check of plan.checks) {
    if (check.example && !includeExamples) continue;
    const input: ProbeInput = { ...check.options, target: check.target };
    let probe: Probe | null = null;
    let config: unknown = null;
    let mode: CheckMode = check.probe === 'heartbeat' ? 'heartbeat' : 'fed';
    if (isActiveProbeKind(check.probe)) {
      probe = probeFor(check.probe);
      const parsed = parseProbeConfig(probe, input);
      if (!parsed.ok) {
        unrunnable.push({ checkId: check.id, problems: parsed.problems });
        continue;
      }
      config = parsed.config;
      mode = 'probe';
    }
    checks.set(check.id, {
      id: check.id,
      shard: shardOf(check.id),
      mode,
      check,
      policy: { failAfter: check.failAfter, recoverAfter: check.recoverAfter },
      retryMs: retryDelayOf(check),
      probe,
      config,
      language: plan.language,
      host: targetHost(check.probe, check.target),
      signature: JSON.stringify([
        check.probe,
        check.target,
        check.every,
        check.retryEvery,
        check.timeout,
        check.options,
      ]),
    });
  }
  return { checks, unrunnable };
}
