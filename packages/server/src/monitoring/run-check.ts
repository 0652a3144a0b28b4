import type { CheckResult } from '@vigie/contract';
import { runParsedProbe } from '@vigie/probes';
import type { ScheduledCheck } from './plan-checks';

/** Runs a check's probe once, bounded by the check's timeout; whatever happens, a result in the plan's language. */
export async function runCheck(check: ScheduledCheck): Promise<CheckResult> {
  if (!check.probe) throw new Error(`check ${check.id} is not probed by Vigie`);
  return runParsedProbe(check.probe, check.config, { timeoutMs: check.check.timeout, language: check.language });
}
