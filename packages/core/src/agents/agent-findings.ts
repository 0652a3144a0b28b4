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

/** An age or interval as a technician reads it: `45 s`, `12 min`, `26 h`, `3.5 d`. */
export function formatAge(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 3 * 86_400_000) return `${Number((ms / 3_600_000).toFixed(1))} h`;
  return `${Number((ms / 86_400_000).toFixed(1))} d`;
}
