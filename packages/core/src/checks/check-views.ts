import type { Check, CheckView, Plan } from '@vigie/contract';
import type { MaintenanceWindow } from '../detection/model';
import type { CheckStateRecord } from '../ports';
import { retryDelayOf } from './check-state';

/** A target as shown to people: any password in `scheme://user:password@host` is removed. */
export function redactTarget(target: string | undefined): string | null {
  if (target === undefined) return null;
  return target.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]+):[^@/]*@/i, '$1@');
}

/** Heartbeats and agents report by themselves: nothing to probe, no response time to measure. */
export function reportsByItself(check: Pick<Check, 'probe'>): boolean {
  return check.probe === 'heartbeat' || check.probe === 'agent';
}

/** A check of the plan with its persisted state and the maintenance covering it now, as the API lists it. */
export function toCheckView(
  plan: Plan,
  check: Check,
  state: CheckStateRecord | undefined,
  maintenance?: MaintenanceWindow,
): CheckView {
  const asset = plan.assets.find((a) => a.id === check.asset);
  const site = plan.sites.find((s) => s.id === asset?.site);
  const memory = state?.memory;
  return {
    id: check.id,
    name: check.name ?? check.id,
    probe: check.probe,
    target: redactTarget(check.target),
    everyMs: check.every,
    failAfter: check.failAfter,
    recoverAfter: check.recoverAfter,
    retryEveryMs: reportsByItself(check) ? null : retryDelayOf(check),
    example: check.example,
    asset: { id: check.asset, name: asset?.name ?? check.asset },
    site: { id: site?.id ?? '', name: site?.name ?? '' },
    clients: asset?.clients ?? [],
    state: memory?.state ?? 'unknown',
    since: memory?.since ?? null,
    lastResult:
      memory?.lastAt != null && memory.lastStatus !== null
        ? {
            at: memory.lastAt,
            status: memory.lastStatus,
            latencyMs: state?.lastLatencyMs ?? 0,
            message: state?.lastMessage ?? '',
          }
        : null,
    maintenance: maintenance ? { until: maintenance.to, reason: maintenance.reason } : null,
  };
}
