import type { AvailabilityScope, Check, Plan } from '@vigie/contract';
import type { Actor } from '../auth/roles';
import { notFound } from '../errors';

/**
 * Whether a person may see a check: everyone inside the contact centre; a client's user
 * only the checks of assets that name its client (an asset naming no client is internal).
 */
export function isCheckVisible(plan: Plan, check: Check, actor: Actor): boolean {
  if (actor.clientId === null) return true;
  const asset = plan.assets.find((a) => a.id === check.asset);
  return asset?.clients.includes(actor.clientId) ?? false;
}

/** The checks of the plan a person may see. */
export function visibleChecks(plan: Plan, actor: Actor): Check[] {
  return plan.checks.filter((check) => isCheckVisible(plan, check, actor));
}

/** A check the person may see, or NotFound (a hidden check looks absent, not forbidden). */
export function visibleCheckOrFail(plan: Plan, checkId: string, actor: Actor): Check {
  const check = plan.checks.find((c) => c.id === checkId);
  if (!check || !isCheckVisible(plan, check, actor)) throw notFound(`no check "${checkId}" in the active plan`);
  return check;
}

/**
 * The checks an availability figure covers: one check, the checks of an asset, of the
 * assets of a site, or of the assets that name a client — only those the person may see.
 */
export function checksInScope(plan: Plan, scope: AvailabilityScope, id: string, actor: Actor): Check[] {
  const visible = visibleChecks(plan, actor);
  switch (scope) {
    case 'check':
      return [visibleCheckOrFail(plan, id, actor)];
    case 'asset': {
      const asset = plan.assets.find((a) => a.id === id);
      if (!asset || (actor.clientId !== null && !asset.clients.includes(actor.clientId))) {
        throw notFound(`no asset "${id}" in the active plan`);
      }
      return visible.filter((check) => check.asset === id);
    }
    case 'site': {
      if (!plan.sites.some((s) => s.id === id)) throw notFound(`no site "${id}" in the active plan`);
      const assets = new Set(plan.assets.filter((a) => a.site === id).map((a) => a.id));
      return visible.filter((check) => assets.has(check.asset));
    }
    case 'client': {
      if (!plan.clients.some((c) => c.id === id) || (actor.clientId !== null && actor.clientId !== id)) {
        throw notFound(`no client "${id}" in the active plan`);
      }
      const assets = new Set(plan.assets.filter((a) => a.clients.includes(id)).map((a) => a.id));
      return visible.filter((check) => assets.has(check.asset));
    }
  }
}
