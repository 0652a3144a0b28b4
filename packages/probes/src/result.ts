import { formatDecimal, type Language } from './language';
import type { ProbeResult, ProbeStatus, ProbeValue } from './probe';

const SEVERITY: Record<ProbeStatus, number> = { up: 0, degraded: 1, down: 2 };

/** Starts a clock; calling the returned function gives the milliseconds elapsed, to 0.1 ms. */
export function stopwatch(): () => number {
  const start = performance.now();
  // Rounded up: however fast a loopback answers, a measured latency is never zero.
  return () => Math.ceil((performance.now() - start) * 10) / 10;
}

/** Formats a latency for a message: `0.4 ms`, `12 ms`, `1.5 s` (`0,4 ms`, `1,5 s` in French). */
export function formatMs(ms: number, language: Language = 'en'): string {
  if (ms < 10) return `${formatDecimal(ms.toFixed(1), language)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${formatDecimal((ms / 1000).toFixed(1), language)} s`;
}

/** The worse of several statuses (`down` beats `degraded` beats `up`). */
export function worstStatus(...statuses: ProbeStatus[]): ProbeStatus {
  return statuses.reduce<ProbeStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'up');
}

/** Builds a result; `values` keeps only the measured values that are defined. */
export function probeResult(
  status: ProbeStatus,
  latencyMs: number,
  message: string,
  values: Record<string, ProbeValue | undefined> = {},
): ProbeResult {
  const defined: Record<string, ProbeValue> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) defined[key] = value;
  return { status, latencyMs, message, values: defined };
}
