import { formatDecimal, type Language } from './language';

/**
 * Why a probe's signal aborts when its check's time is up: the timeout goes with it, so that
 * a "no answer within" message quotes the timeout the check set (3000 ms), not the
 * milliseconds the probe measured from its own start (2995, or 3004).
 */
export class ProbeTimeout extends DOMException {
  constructor(readonly timeoutMs: number) {
    super('The operation was aborted due to timeout', 'TimeoutError');
  }
}

/**
 * The wait a "no answer within" message quotes: the check's timeout when the probe's signal
 * was aborted by it; otherwise (a probe run without `runParsedProbe`, or a wait of its own)
 * the time measured, floored to two significant figures so that the message stays true.
 */
export function waitedMs(signal: AbortSignal, measuredMs: number): number {
  if (signal.aborted && signal.reason instanceof ProbeTimeout) return signal.reason.timeoutMs;
  return roundWait(measuredMs);
}

/** A measured wait floored to two significant figures (3004 → 3000, 1503 → 1500). */
export function roundWait(ms: number): number {
  // A millisecond of tolerance: a timer that fires a hair early still counts as its round figure.
  const tolerant = ms + 1;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(tolerant)) - 1);
  return Math.floor(tolerant / step) * step;
}

/**
 * Formats a wait for a "no answer within" message: `3000 ms` in English, as latencies below
 * 10 s are written; `3 s`, `1,5 s` in French. At or above 10 s, `15 s` in both.
 */
export function formatWait(ms: number, language: Language): string {
  if (ms < 1000 || (language === 'en' && ms < 10_000)) return `${ms} ms`;
  return `${formatDecimal(String(ms / 1000), language)} s`;
}
