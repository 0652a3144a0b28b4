import { selectChecks, type CheckCondition, type DetectionRule, type Plan } from '@vigie/contract';
import { ruleMatchesState } from './match-rules';

/** Each check's current state by id; a check missing from the map has not reported yet (`unknown`). */
export type CheckStates = ReadonlyMap<string, string>;

/** What a rule says of the checks' current states. */
export interface RuleEvaluation {
  holds: boolean;
  /** The checks read by the rule that are in their condition's state, once each. */
  failing: string[];
}

type Condition = Pick<CheckCondition, 'check' | 'checks' | 'count' | 'state'>;

function checksOfCondition(plan: Plan, condition: Condition): string[] {
  if (condition.check !== undefined) return [condition.check];
  if (condition.checks !== undefined) return selectChecks(plan, condition.checks).map((check) => check.id);
  return [];
}

/** The conditions a rule is made of: its `all:` list, or the rule itself (none for an alert rule). */
function conditionsOf(rule: DetectionRule): Condition[] {
  if (rule.all !== undefined) return rule.all;
  return rule.check !== undefined || rule.checks !== undefined ? [rule] : [];
}

/** Every check a rule reads, once each. */
export function checksOfRule(plan: Plan, rule: DetectionRule): string[] {
  return [...new Set(conditionsOf(rule).flatMap((condition) => checksOfCondition(plan, condition)))];
}

function evaluateCondition(plan: Plan, condition: Condition, states: CheckStates): RuleEvaluation {
  const checks = checksOfCondition(plan, condition);
  const failing = checks.filter((id) => ruleMatchesState(condition, states.get(id) ?? 'unknown'));
  const count = condition.count ?? 'any';
  const needed = count === 'any' ? 1 : count === 'all' ? checks.length : count;
  return { holds: checks.length > 0 && failing.length >= needed, failing };
}

/**
 * Whether a rule on checks holds given their states: one check in the state; any, all or at
 * least `count` of the checks a selector picks; or every condition of `all:` at once.
 */
export function evaluateRule(plan: Plan, rule: DetectionRule, states: CheckStates): RuleEvaluation {
  const conditions = conditionsOf(rule).map((condition) => evaluateCondition(plan, condition, states));
  return {
    holds: conditions.length > 0 && conditions.every((c) => c.holds),
    failing: [...new Set(conditions.flatMap((c) => c.failing))],
  };
}
