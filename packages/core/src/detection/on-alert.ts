import type { EngineContext } from '../incidents/context';
import { activePlanOrFail } from '../incidents/with-incident';
import { labelFingerprint } from './label-fingerprint';
import { assetForAlert, threatsForAlert } from './match-rules';
import { SilenceMatcher } from './silences';
import { recordSignals, recoverSources, type SignalInput, type SourceRecovery } from './record-signal';
import { groupUnmatchedAlerts, UNMATCHED_ALERTS_KEPT_MS, type UnmatchedArrival } from './unmatched-alerts';

/** An alert from outside (Alertmanager, a generic JSON sender), already parsed. */
export interface InboundAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  summary: string | null;
  /** The sender's identity for the alert; when absent, the one Alertmanager would give its labels. */
  fingerprint: string | null;
  startsAt: number | null;
}

export interface AlertOutcome {
  fingerprint: string;
  threats: string[];
  status: 'firing' | 'resolved';
  /** The silence that muted a firing alert: it raised no signal. */
  silencedBy?: string;
}

/**
 * Applies the plan's rules to inbound alerts, a batch at a time: a firing alert is a
 * signal of the threats it matches (repeats refresh it), a resolved one recovers them; a
 * firing one that matches nothing is counted among the unmatched alerts. A firing alert an
 * active silence matches raises nothing: the silence counts it.
 */
export async function handleAlerts(ctx: EngineContext, alerts: readonly InboundAlert[]): Promise<AlertOutcome[]> {
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  const outcomes: AlertOutcome[] = [];
  const firing: SignalInput[] = [];
  const resolved: SourceRecovery[] = [];
  const unmatched: UnmatchedArrival[] = [];
  const silences = new SilenceMatcher(await ctx.store.transaction((tx) => tx.silences.endingAfter(now)), now);
  const muted = new Map<string, number>();
  for (const alert of alerts) {
    const fingerprint = alert.fingerprint ?? labelFingerprint(alert.labels);
    const source = `alert:${fingerprint}` as const;
    const message = alert.summary ?? alert.labels['alertname'] ?? 'alert';
    if (alert.status === 'resolved') {
      resolved.push({ source, message });
      outcomes.push({ fingerprint, threats: [], status: 'resolved' });
      continue;
    }
    const silencedBy = silences.silencing(alert.labels);
    if (silencedBy !== null) {
      muted.set(silencedBy, (muted.get(silencedBy) ?? 0) + 1);
      outcomes.push({ fingerprint, threats: [], status: 'firing', silencedBy });
      continue;
    }
    const threats = threatsForAlert(plan, alert.labels).map((t) => t.id);
    if (threats.length) {
      firing.push({
        source,
        threatIds: threats,
        assetId: assetForAlert(plan, alert.labels),
        state: 'down',
        message,
        at: Math.min(alert.startsAt ?? now, now),
        data: { labels: alert.labels },
      });
    } else {
      unmatched.push({ labels: alert.labels, summary: alert.summary });
    }
    outcomes.push({ fingerprint, threats, status: 'firing' });
  }
  // Those resolved first: an alert resolved then firing again in one batch is live after it.
  await recoverSources(ctx, resolved, now);
  await recordSignals(ctx, firing);
  // Told to whoever looks (`listUnmatchedAlerts`): a misrouted alert must not vanish unseen.
  if (muted.size) await ctx.store.transaction((tx) => tx.silences.recordMuted(muted, now));
  if (unmatched.length) {
    const groups = groupUnmatchedAlerts(unmatched);
    await ctx.store.transaction((tx) => tx.unmatchedAlerts.record(groups, now, now - UNMATCHED_ALERTS_KEPT_MS));
  }
  return outcomes;
}
