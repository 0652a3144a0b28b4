import type { Plan } from '@vigie/contract';
import { patternBacktrackRisk, patternCompileError } from '../detection/label-pattern';

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
        const source = matcher.slice(1);
        const risk = patternCompileError(source) === null ? patternBacktrackRisk(source) : null;
        if (risk) problems.push({ path: ['threats', i, 'detect', j, 'alert', label], message: `"${matcher}" ${risk}` });
      }
    }),
  );
  return problems;
}
