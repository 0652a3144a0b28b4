import type { CheckResult } from '@vigie/contract';
import { runProbe } from '@vigie/probes';
import type { ScheduledCheck } from './plan-checks';

/** Runs a check's probe once, bounded by the check's timeout; whatever happens, a result. */
export async function runCheck(check: ScheduledCheck): Promise<CheckResult> {
  if (!check.probe) throw new Error(`check ${check.id} is not probed by Vigie`);
  const run = await runProbe(check.probe, check.input, { timeoutMs: check.check.timeout });
  if (run.ok) return run.result;
  // The options were accepted when the plan was read; a refusal now is still a failure to see.
  return { status: 'down', latencyMs: 0, message: `The check cannot run: ${run.problems.join('; ')}`, values: {} };
}
