import { isCombination, type DetectionRule, type Plan, type ThreatDefinition } from '@vigie/contract';
import { checksOfRule } from './evaluate-rule';

/** A rule of the plan that reads several checks (`checks:` or `all:`), and the source of its signals. */
export interface Combination {
  threat: ThreatDefinition;
  rule: DetectionRule;
  /** `rule:THREAT/N`, N counting the threat's `detect` rules from 1. */
  source: `rule:${string}`;
  checks: string[];
}

const BY_PLAN = new WeakMap<Plan, Combination[]>();

/** The plan's combination rules, worked out once per plan: transitions arrive by the thousand. */
export function combinationsOf(plan: Plan): Combination[] {
  let combinations = BY_PLAN.get(plan);
  if (!combinations) {
    combinations = plan.threats.flatMap((threat) =>
      threat.detect.flatMap((rule, index): Combination[] =>
        isCombination(rule)
          ? [{ threat, rule, source: `rule:${threat.id}/${index + 1}`, checks: checksOfRule(plan, rule) }]
          : [],
      ),
    );
    BY_PLAN.set(plan, combinations);
  }
  return combinations;
}

/** The combination rules that read this check. */
export function combinationsReading(plan: Plan, checkId: string): Combination[] {
  return combinationsOf(plan).filter((combination) => combination.checks.includes(checkId));
}
