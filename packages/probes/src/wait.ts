import { formatDecimal, type Language } from './language';

/**
 * How long a probe waited for an answer that never came, as a person would set it: the
 * check's timeout when the probe was cut off by it (3000, where 3004 ms were measured).
 * Floored to two significant figures (a timer firing a millisecond early still counts),
 * so that "no answer within" it stays true.
 */
export function roundWait(ms: number): number {
  const tolerant = ms + 1;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(tolerant)) - 1);
  return Math.floor(tolerant / step) * step;
}

/**
 * Formats that wait for a "no answer within" message: `3000 ms` in English, as latencies
 * below 10 s are written; `3 s`, `1,5 s` in French. At or above 10 s, `15 s` in both.
 */
export function formatWait(ms: number, language: Language): string {
  const rounded = roundWait(ms);
  if (rounded < 1000 || (language === 'en' && rounded < 10_000)) return `${rounded} ms`;
  return `${formatDecimal(String(rounded / 1000), language)} s`;
}
