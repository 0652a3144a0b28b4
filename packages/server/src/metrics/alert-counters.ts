import { metricFamily, type AlertOutcome, type MetricFamily } from '@vigie/core';

/** Where alerts come in: Alertmanager's webhook, Prometheus directly, or the generic JSON one. */
export type AlertFormat = 'alertmanager' | 'prometheus' | 'generic';

const OUTCOMES = ['matched', 'unmatched', 'silenced', 'resolved'] as const;
type Outcome = (typeof OUTCOMES)[number];

function outcomeOf(alert: AlertOutcome): Outcome {
  if (alert.status === 'resolved') return 'resolved';
  if (alert.silencedBy) return 'silenced';
  return alert.threats.length > 0 ? 'matched' : 'unmatched';
}

/**
 * Inbound alerts counted since the server started, per format and outcome (a firing alert
 * that matched a threat, one that matched none, one a silence muted, a resolved one): Prometheus' counters, which
 * start again from 0 at a restart.
 */
export class AlertCounters {
  private readonly counts = new Map<AlertFormat, Record<Outcome, number>>([
    ['alertmanager', { matched: 0, unmatched: 0, silenced: 0, resolved: 0 }],
    ['prometheus', { matched: 0, unmatched: 0, silenced: 0, resolved: 0 }],
    ['generic', { matched: 0, unmatched: 0, silenced: 0, resolved: 0 }],
  ]);

  count(format: AlertFormat, outcomes: readonly AlertOutcome[]): void {
    const counts = this.counts.get(format)!;
    for (const outcome of outcomes) counts[outcomeOf(outcome)]++;
  }

  families(): MetricFamily[] {
    const received = metricFamily(
      'vigie_alerts_received_total',
      'counter',
      'Inbound alerts received since the server started, per format (alertmanager, prometheus, generic) and outcome (matched a threat, unmatched, silenced, resolved).',
    );
    for (const [format, counts] of this.counts)
      for (const outcome of OUTCOMES) received.add({ format, outcome }, counts[outcome]);
    return [received];
  }
}
