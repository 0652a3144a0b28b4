import type { Plan } from '@vigie/contract';

/** Every asset this one depends on, near ones first (the plan's `dependsOn`, followed through). */
export function ancestorsOf(plan: Plan, assetId: string): string[] {
  const byId = new Map(plan.assets.map((asset) => [asset.id, asset]));
  const seen: string[] = [];
  const queue = [...(byId.get(assetId)?.dependsOn ?? [])];
  while (queue.length) {
    const next = queue.shift()!;
    if (next === assetId || seen.includes(next)) continue;
    seen.push(next);
    queue.push(...(byId.get(next)?.dependsOn ?? []));
  }
  return seen;
}

/**
 * The failing asset that best explains this one's failure: the farthest failing
 * ancestor (the root of the chain), or undefined when none of its dependencies fails.
 */
export function rootCauseOf(plan: Plan, assetId: string, failing: ReadonlySet<string>): string | undefined {
  const failingAncestors = ancestorsOf(plan, assetId).filter((id) => failing.has(id));
  return failingAncestors.at(-1);
}

/**
 * The root cause of a failure spanning several assets (a combination of checks): found
 * only when every one of them is explained by a failing dependency; that of the first.
 */
export function rootCauseOfAll(
  plan: Plan,
  assetIds: readonly string[],
  failing: ReadonlySet<string>,
): string | undefined {
  const roots = assetIds.map((id) => rootCauseOf(plan, id, failing));
  return roots.length > 0 && roots.every((root) => root !== undefined) ? roots[0] : undefined;
}
