import { MatcherSyntaxError, parseMatchers, type LabelMatcher } from '@vigie/contract';
import { invalid } from '../errors';
import type { EngineContext } from '../incidents/context';
import type { Signal } from './model';
import { compileMatchers } from './silences';

/** A firing inbound alert as Vigie holds it: one per sender's alert, whatever threats it raised. */
export interface LiveAlert {
  fingerprint: string;
  labels: Record<string, string>;
  summary: string;
  threats: string[];
  startsAt: number;
  updatedAt: number;
}

/** Live signals read per page while gathering the live alerts. */
const SIGNALS_PER_PAGE = 1_000;

/** An inbound alert's labels, kept with its signal; null for a check's or a rule's signal. */
export function alertLabelsOf(signal: Signal): Record<string, string> | null {
  const labels = signal.data['labels'];
  return signal.source.startsWith('alert:') && typeof labels === 'object' && labels !== null
    ? (labels as Record<string, string>)
    : null;
}

/** Groups live signals of alerts (`alert:…` sources) by alert; other signals are left out. */
export function liveAlertsOf(signals: readonly Signal[]): LiveAlert[] {
  const alerts = new Map<string, LiveAlert>();
  for (const signal of signals) {
    if (!signal.source.startsWith('alert:')) continue;
    const known = alerts.get(signal.source);
    if (known) {
      if (!known.threats.includes(signal.threatId)) known.threats.push(signal.threatId);
      known.startsAt = Math.min(known.startsAt, signal.firstAt);
      known.updatedAt = Math.max(known.updatedAt, signal.lastAt);
      continue;
    }
    alerts.set(signal.source, {
      fingerprint: signal.source.slice('alert:'.length),
      labels: alertLabelsOf(signal) ?? {},
      summary: signal.message,
      threats: [signal.threatId],
      startsAt: signal.firstAt,
      updatedAt: signal.lastAt,
    });
  }
  return [...alerts.values()];
}

/**
 * The inbound alerts firing now (those that raised a threat and are not resolved), oldest
 * first, those matching every one of `matchers`; at most `limit`.
 */
export async function listLiveAlerts(
  ctx: EngineContext,
  matchers: readonly LabelMatcher[],
  limit: number,
): Promise<LiveAlert[]> {
  const matches = compileMatchers(matchers);
  const found: LiveAlert[] = [];
  const seen = new Set<string>();
  for (let offset = 0; found.length < limit; offset += SIGNALS_PER_PAGE) {
    const page = await ctx.store.transaction((tx) => tx.signals.live({ limit: SIGNALS_PER_PAGE, offset }));
    for (const alert of liveAlertsOf(page)) {
      if (seen.has(alert.fingerprint)) {
        // An alert raising several threats may straddle two pages: its threats are joined.
        const earlier = found.find((a) => a.fingerprint === alert.fingerprint);
        if (earlier) earlier.threats = [...new Set([...earlier.threats, ...alert.threats])];
        continue;
      }
      seen.add(alert.fingerprint);
      if (matches(alert.labels) && found.length < limit) found.push(alert);
    }
    if (page.length < SIGNALS_PER_PAGE) break;
  }
  return found;
}

/** The matchers of a `filter` query parameter (one text, or several as Alertmanager sends them); none when blank. */
export function filterMatchers(filter: string | readonly string[] | undefined): LabelMatcher[] {
  const texts = (filter === undefined ? [] : typeof filter === 'string' ? [filter] : filter).filter((t) => t.trim());
  try {
    return texts.flatMap((text) => parseMatchers(text));
  } catch (error) {
    if (error instanceof MatcherSyntaxError) throw invalid(`filter: ${error.message}`);
    throw error;
  }
}
