import { AgentCheckOptionsSchema, type Check } from '@vigie/contract';
import { describeIssue, valueAt } from '../plan/describe-issue';
import type { CheckProblem } from '../plan/load-plan';

const OPTION_NAMES = Object.keys(AgentCheckOptionsSchema.shape).join(', ');

/**
 * The problems of a `probe: agent` check's options, each at its place in the check, so that
 * a wrong option is an error at its line when the plan is loaded, not a check down later.
 */
export function agentCheckProblems(check: Check): CheckProblem[] {
  if (check.probe !== 'agent') return [];
  const parsed = AgentCheckOptionsSchema.safeParse(check.options);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue): CheckProblem[] => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: ['options', ...path, key],
        atKey: true,
        message: `unknown option "${key}": an agent check takes ${OPTION_NAMES}`,
      }));
    }
    return [{ path: ['options', ...path], message: describeIssue(issue, valueAt(check.options, path)) }];
  });
}
