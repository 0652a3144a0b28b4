import { describeSelector, selectChecks, type CheckSelector, type RuleCount } from './detection';
import type { PlanProblem } from './plan-references';
import type { Plan } from './plan-schema';

type Path = (string | number)[];

/** Reports an id the plan does not define, in the caller's words. */
export type ExpectKnown = (known: ReadonlySet<string>, id: string | undefined, path: Path, what: string) => void;

/** The ids the plan defines, by kind. */
export interface KnownIds {
  checks: ReadonlySet<string>;
  sites: ReadonlySet<string>;
  assets: ReadonlySet<string>;
  clients: ReadonlySet<string>;
}

/**
 * Problems of one threat's detection rules: ids the plan does not define, selectors that
 * pick no check (or fewer than their `count`), alert matchers that are not valid regexes.
 */
export function findDetectionProblems(
  plan: Plan,
  threatIndex: number,
  known: KnownIds,
  expect: ExpectKnown,
): PlanProblem[] {
  const problems: PlanProblem[] = [];

  const checkCondition = (condition: { check?: string; checks?: CheckSelector; count?: RuleCount }, at: Path): void => {
    expect(known.checks, condition.check, [...at, 'check'], 'check');
    const selector = condition.checks;
    if (!selector) return;
    const references = [
      [known.sites, selector.site, 'site'],
      [known.assets, selector.asset, 'asset'],
      [known.clients, selector.client, 'client'],
    ] as const;
    for (const [ids, id, what] of references) expect(ids, id, [...at, 'checks', what], what);
    // A selector naming an unknown site, asset or client matches nothing: that one error is enough.
    if (references.some(([ids, id]) => id !== undefined && !ids.has(id))) return;
    const selected = selectChecks(plan, selector);
    if (selected.length === 0) {
      problems.push({ path: [...at, 'checks'], message: `no check matches ${describeSelector(selector)}` });
    } else if (typeof condition.count === 'number' && condition.count > selected.length) {
      problems.push({
        path: [...at, 'count'],
        message: `count ${condition.count}, but only ${selected.length} ${selected.length === 1 ? 'check matches' : 'checks match'} ${describeSelector(selector)}: ${selected.map((c) => c.id).join(', ')}`,
      });
    }
  };

  const threat = plan.threats[threatIndex]!;
  threat.detect.forEach((rule, j) => {
    const at: Path = ['threats', threatIndex, 'detect', j];
    checkCondition(rule, at);
    rule.all?.forEach((condition, k) => checkCondition(condition, [...at, 'all', k]));
    for (const [label, matcher] of Object.entries(rule.alert ?? {})) {
      if (!matcher.startsWith('~')) continue;
      try {
        new RegExp(matcher.slice(1));
      } catch {
        problems.push({ path: [...at, 'alert', label], message: `"${matcher}" is not a valid regular expression` });
      }
    }
  });
  return problems;
}
