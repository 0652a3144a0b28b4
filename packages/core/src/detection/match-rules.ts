import type { DetectionRule, Plan, RuleState, ThreatDefinition } from '@vigie/contract';

/** The states a check can be in once it fails. */
export type FailingState = RuleState;

/** Whether a rule on a check is met by the check's state: `degraded` means degraded or worse. */
export function ruleMatchesState(rule: Pick<DetectionRule, 'state'>, state: string): boolean {
  if (rule.state === 'degraded') return state === 'degraded' || state === 'down';
  return rule.state === state;
}

/** The threats a check's new state reveals. */
export function threatsForCheck(plan: Plan, checkId: string, state: string): ThreatDefinition[] {
  return plan.threats.filter((threat) =>
    threat.detect.some((rule) => rule.check === checkId && ruleMatchesState(rule, state)),
  );
}

const COMPILED = new Map<string, RegExp>();

/** The anchored expression of a `~regex` matcher, compiled once: alerts arrive by the thousand. */
function compiled(matcher: string): RegExp {
  let regex = COMPILED.get(matcher);
  if (!regex) {
    regex = new RegExp(`^(?:${matcher.slice(1)})$`);
    COMPILED.set(matcher, regex);
  }
  return regex;
}

/** Whether an alert's labels satisfy every matcher (`value`, or `~regex` anchored). */
export function labelsMatch(matchers: Record<string, string>, labels: Record<string, string>): boolean {
  for (const name in matchers) {
    const matcher = matchers[name]!;
    const value = labels[name];
    if (value === undefined) return false;
    if (matcher.startsWith('~') ? !compiled(matcher).test(value) : value !== matcher) return false;
  }
  return true;
}

/** The threats an inbound alert reveals: named by a `threat` label, or matched by a rule. */
export function threatsForAlert(plan: Plan, labels: Record<string, string>): ThreatDefinition[] {
  const named = labels['threat'];
  if (named) return plan.threats.filter((threat) => threat.id === named);
  return plan.threats.filter((threat) => threat.detect.some((rule) => rule.alert && labelsMatch(rule.alert, labels)));
}

/** The plan's asset an alert is about: an `asset` label, else its `instance` or `host` matching an asset's host. */
export function assetForAlert(plan: Plan, labels: Record<string, string>): string | null {
  if (labels['asset'] && plan.assets.some((a) => a.id === labels['asset'])) return labels['asset'];
  const host = (labels['instance'] ?? labels['host'] ?? '').replace(/:\d+$/, '');
  return plan.assets.find((a) => a.host !== undefined && a.host === host)?.id ?? null;
}
