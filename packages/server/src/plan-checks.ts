import { isActiveProbeKind, probeFor } from '@vigie/probes';
import { agentCheckProblems, type CheckProblem, type CheckValidator } from '@vigie/core';

/**
 * Checks each check's target and options against its probe's own schema (an agent check's
 * options against the agent checks' schema), so that a wrong option is an error at its line
 * in the plan file, not a failing check later.
 */
export const probeCheckValidator: CheckValidator = (check) => {
  if (check.probe === 'agent') return agentCheckProblems(check);
  if (!isActiveProbeKind(check.probe)) return [];
  const parsed = probeFor(check.probe).configSchema.safeParse({ target: check.target, ...check.options });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue): CheckProblem => {
    const [first, ...rest] = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys') {
      return {
        path: ['options'],
        message: `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    }
    if (first === undefined) return { path: ['options'], message: issue.message };
    const path = first === 'target' ? ['target'] : ['options', first, ...rest];
    return { path, message: `${String(first)}: ${issue.message}` };
  });
};
