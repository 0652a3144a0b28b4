import { formatByteSize, type Language } from '@vigie/contract';

/** A check result produced from agents' reports: the shape of a probe's `ProbeResult`. */
export interface AgentCheckResult {
  status: 'up' | 'degraded' | 'down';
  latencyMs: number;
  message: string;
  values: Record<string, number | string | boolean>;
}

/** What one criterion of an agent check found in a report. */
export interface Finding {
  status: AgentCheckResult['status'];
  message: string;
  values: Record<string, number | string | boolean>;
}

/** Words in each language a check's messages are written in: the plan's (French by default) or English. */
export type Wording<T> = Readonly<Record<Language, T>>;

/** A number as the language writes it: `1.5` in English, `1,5` in French. */
export function decimal(value: number | string, language: Language): string {
  return language === 'fr' ? String(value).replace('.', ',') : String(value);
}

/**
 * An age or interval as a technician reads it: `45 s`, `12 min`, `26 h`, `3.5 d`; in French
 * `45 s`, `12 min`, `26 h`, `3,5 j`.
 */
export function formatAge(ms: number, language: Language = 'en'): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 3 * 86_400_000) return `${decimal(Number((ms / 3_600_000).toFixed(1)), language)} h`;
  return `${decimal(Number((ms / 86_400_000).toFixed(1)), language)} ${language === 'fr' ? 'j' : 'd'}`;
}

const FRENCH_BYTE_UNITS: Record<string, string> = { B: 'o', KB: 'ko', MB: 'Mo', GB: 'Go', TB: 'To' };

/** A size as `formatByteSize` writes it (`1.43 GB`), in French with octets (`1,43 Go`). */
export function formatSize(bytes: number, language: Language = 'en'): string {
  const english = formatByteSize(bytes);
  if (language === 'en') return english;
  const [amount = '', unit = ''] = english.split(' ');
  return `${decimal(amount, language)} ${FRENCH_BYTE_UNITS[unit] ?? unit}`;
}
