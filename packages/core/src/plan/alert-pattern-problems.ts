import type { Plan } from '@vigie/contract';
import { labelPatternProblem } from '../detection/label-pattern';

/** A problem of a plan, where it is and what is wrong. */
interface PatternProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The plan's alert patterns (`~regex`) that compile but could take exponential time on an
 * unlucky label (one that does not compile is told by the plan's own checks).
 */
export function unsafeAlertPatterns(plan: Plan): PatternProblem[] {
  const problems: PatternProblem[] = [];
  plan.threats.forEach((threat, i) =>
    threat.detect.forEach((rule, j) => {
      for (const [label, matcher] of Object.entries(rule.alert ?? {})) {
        if (!matcher.startsWith('~')) continue;
        const problem = labelPatternProblem(matcher.slice(1));
        if (problem && !problem.startsWith('is not a regular expression')) {
          problems.push({ path: ['threats', i, 'detect', j, 'alert', label], message: `"${matcher}" ${problem}` });
        }
      }
    }),
  );
  return problems;
}
