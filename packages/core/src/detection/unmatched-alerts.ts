import type { Plan, UnmatchedAlert } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/roles';
import { notFound } from '../errors';
import type { EngineContext } from '../incidents/context';
import { Fnv64 } from './fnv64';
import { threatsForAlert } from './match-rules';

/** Unmatched alerts are listed while one of their kind arrived in the last week. */
export const UNMATCHED_ALERTS_KEPT_MS = 7 * 24 * 3_600_000;

/** A firing alert that revealed no threat, as the batch it came in had it. */
export interface UnmatchedArrival {
  labels: Record<string, string>;
  summary: string | null;
}

/** What a batch adds to the unmatched alerts of one kind (`key`). */
export type UnmatchedAlertGroup = Omit<UnmatchedAlert, 'firstAt' | 'lastAt'>;

export interface UnmatchedAlertRepository {
  /**
   * Adds the groups seen at `at`: a known key counts up and keeps the latest labels; a new one
   * starts at `at`. Kinds last seen before `forgetBefore` are forgotten first.
   */
  record(groups: readonly UnmatchedAlertGroup[], at: number, forgetBefore: number): Promise<void>;
  /** Forgets one kind of unmatched alert (until one of its kind comes again); false if unknown. */
  dismiss(key: string): Promise<boolean>;
  /** Those last seen at `since` or later, the latest first (then by alertname). */
  seenSince(since: number, limit: number): Promise<UnmatchedAlert[]>;
}

/** A kind of unmatched alert, by 64 bits of its two labels: whatever their length, a short key. */
function kindKey(alertname: string, threatLabel: string | null): string {
  const hash = new Fnv64();
  hash.addText(JSON.stringify([alertname, threatLabel]));
  return hash.hex();
}

/**
 * Groups a batch's unmatched alerts by what routes an alert — its `alertname`, and the
 * `threat` it names — so that a storm of one misrouted alert is one line, not thousands.
 */
export function groupUnmatchedAlerts(arrivals: readonly UnmatchedArrival[]): UnmatchedAlertGroup[] {
  const groups = new Map<string, UnmatchedAlertGroup>();
  for (const { labels, summary } of arrivals) {
    const alertname = labels['alertname'] ?? '';
    const threatLabel = labels['threat'] || null;
    const key = kindKey(alertname, threatLabel);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.labels = labels;
      group.summary = summary;
      continue;
    }
    // A `threat` label that named a threat of the plan would have matched it.
    const reason = threatLabel === null ? 'no-rule' : 'unknown-threat';
    groups.set(key, { key, alertname, threatLabel, reason, count: 1, labels, summary });
  }
  return [...groups.values()];
}

/**
 * The unmatched alerts worth telling an administrator of: seen within the last week, and
 * still matching nothing under the plan in force (a rule added since takes them off the list).
 */
export function stillUnmatched(plan: Plan, listed: readonly UnmatchedAlert[]): UnmatchedAlert[] {
  return listed.filter((alert) => threatsForAlert(plan, alert.labels).length === 0);
}

/** The unmatched alerts of the last week that the plan in force still leaves unmatched. */
export async function listUnmatchedAlerts(ctx: EngineContext, limit = 100): Promise<UnmatchedAlert[]> {
  const active = await ctx.plans.active();
  const since = ctx.clock.now() - UNMATCHED_ALERTS_KEPT_MS;
  const listed = await ctx.store.transaction((tx) => tx.unmatchedAlerts.seenSince(since, limit));
  return active ? stillUnmatched(active.plan, listed) : listed;
}

/** Takes one kind of unmatched alert off the list, as someone who has seen to it; it comes back if it fires again. */
export async function dismissUnmatchedAlert(ctx: EngineContext, actor: Actor, key: string): Promise<void> {
  const dismissed = await ctx.store.transaction(async (tx) => {
    const done = await tx.unmatchedAlerts.dismiss(key);
    if (done) await recordAudit(tx, ctx.clock.now(), actor, 'unmatched-alert.dismiss', `unmatched-alert:${key}`);
    return done;
  });
  if (!dismissed) throw notFound(`no unmatched alert ${key}`);
}
