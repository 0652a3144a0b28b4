import { z } from 'zod';
import { PROBE_KINDS, type Check } from './checks';
import { IdSchema } from './common';
import { ASSET_KINDS, type Asset } from './organisation';

export const CHECK_STATES = ['down', 'degraded', 'flapping'] as const;
export type RuleState = (typeof CHECK_STATES)[number];

const RuleStateSchema = z.enum(CHECK_STATES, { error: `expected a check state: ${CHECK_STATES.join(', ')}` });

export const SELECTOR_KEYS = ['site', 'asset', 'assetKind', 'probe', 'client'] as const;

/** Checks picked by what they watch: every key given must match (`{ site: principal, probe: sql }`). */
export const CheckSelectorSchema = z
  .strictObject({
    site: IdSchema.optional(),
    asset: IdSchema.optional(),
    assetKind: z.enum(ASSET_KINDS, { error: `expected an asset kind: ${ASSET_KINDS.join(', ')}` }).optional(),
    probe: z.enum(PROBE_KINDS, { error: `expected a probe kind: ${PROBE_KINDS.join(', ')}` }).optional(),
    /** Checks of the assets serving this client. */
    client: IdSchema.optional(),
  })
  .refine((selector) => SELECTOR_KEYS.some((key) => selector[key] !== undefined), {
    error: `expected at least one of ${SELECTOR_KEYS.join(', ')}`,
  });
export type CheckSelector = z.infer<typeof CheckSelectorSchema>;

/** How many of the selected checks must be in the state: `any` (the default), `all`, or at least N. */
const COUNT_EXPECTED = 'expected any, all, or how many checks at least (2, 3…)';
export const RuleCountSchema = z.union([z.enum(['any', 'all']), z.int().min(1, { error: COUNT_EXPECTED })], {
  error: COUNT_EXPECTED,
});
export type RuleCount = z.infer<typeof RuleCountSchema>;

/** The keys of one condition on checks; a detection rule adds `alert` and `all`. */
const conditionShape = {
  check: IdSchema.optional(),
  checks: CheckSelectorSchema.optional(),
  count: RuleCountSchema.optional(),
  state: RuleStateSchema.optional(),
};

interface ConditionInput {
  check?: string | undefined;
  checks?: CheckSelector | undefined;
  count?: RuleCount | undefined;
}

/** `count` only says something about a selector. */
function refineCount(condition: ConditionInput, ctx: z.RefinementCtx): void {
  if (condition.count !== undefined && condition.checks === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'only with `checks:` (how many of the checks it selects must be in the state)',
      path: ['count'],
    });
  }
}

/** One condition of an `all:` combination: a check, or checks picked by a selector, in a state. */
export const CheckConditionSchema = z
  .strictObject({ ...conditionShape, alert: z.unknown().optional(), all: z.unknown().optional() })
  .superRefine((condition, ctx) => {
    if (condition.alert !== undefined || condition.all !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'a condition of `all:` names a `check` or `checks:` (alerts and nested `all:` cannot be combined)',
        path: [condition.alert !== undefined ? 'alert' : 'all'],
      });
    } else if ((condition.check === undefined) === (condition.checks === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a condition of `all:` names either a `check` or `checks:`',
        path: ['check'],
      });
    }
    refineCount(condition, ctx);
  })
  .transform(({ check, checks, count, state }) => ({
    ...(check !== undefined && { check }),
    ...(checks !== undefined && { checks }),
    ...(count !== undefined && { count }),
    state: state ?? 'down',
  }));
export type CheckCondition = z.infer<typeof CheckConditionSchema>;

const RULE_KINDS = ['check', 'checks', 'alert', 'all'] as const;

/**
 * How a threat is recognised: a check entering a state (`degraded` also matches `down`);
 * checks picked by what they watch (`checks:`, any / all / at least `count` of them);
 * `all:` conditions holding together; or an inbound alert whose labels match.
 */
export const DetectionRuleSchema = z
  .strictObject({
    ...conditionShape,
    /** Label matchers of an inbound alert: exact values, or `~regex`. */
    alert: z.record(z.string(), z.string(), { error: 'expected label: value pairs' }).optional(),
    /** Conditions that must all hold at once. */
    all: z.array(CheckConditionSchema, { error: 'expected a list of conditions' }).optional(),
  })
  .superRefine((rule, ctx) => {
    const kinds = RULE_KINDS.filter((kind) => rule[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'a detection rule names one of `check`, `checks`, `alert` or `all`',
        path: [kinds[1] ?? 'check'],
      });
    }
    refineCount(rule, ctx);
    if (rule.all !== undefined && rule.all.length < 2) {
      ctx.addIssue({
        code: 'custom',
        message: 'combines at least two conditions (a single one is written directly in `detect:`)',
        path: ['all'],
      });
    }
    if (rule.all !== undefined && rule.state !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'goes on each condition of `all:`, not on the list',
        path: ['state'],
      });
    }
  })
  .transform(({ state, ...rule }) => ({ ...rule, state: state ?? 'down' }));
export type DetectionRule = z.infer<typeof DetectionRuleSchema>;

/** Whether a rule reads several checks (a selector or `all:`) rather than one check or an alert. */
export function isCombination(rule: Pick<DetectionRule, 'checks' | 'all'>): boolean {
  return rule.checks !== undefined || rule.all !== undefined;
}

/** The checks a selector picks, in the plan's order. */
export function selectChecks(
  plan: { checks: readonly Check[]; assets: readonly Asset[] },
  selector: CheckSelector,
): Check[] {
  const assets = new Map(plan.assets.map((asset) => [asset.id, asset]));
  return plan.checks.filter((check) => {
    const asset = assets.get(check.asset);
    return (
      (selector.asset === undefined || check.asset === selector.asset) &&
      (selector.probe === undefined || check.probe === selector.probe) &&
      (selector.site === undefined || asset?.site === selector.site) &&
      (selector.assetKind === undefined || asset?.kind === selector.assetKind) &&
      (selector.client === undefined || (asset?.clients.includes(selector.client) ?? false))
    );
  });
}

/** A selector as a plan author wrote it: `{ site: principal, probe: sql }`. */
export function describeSelector(selector: CheckSelector): string {
  const parts = SELECTOR_KEYS.filter((key) => selector[key] !== undefined).map((key) => `${key}: ${selector[key]}`);
  return `{ ${parts.join(', ')} }`;
}
