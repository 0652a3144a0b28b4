import type { WatchedServiceState } from '@vigie/contract';

/** The arguments of `sc.exe` for one verb on one service (pure: unit-tested, never a shell). */
export function scArgs(verb: 'query' | 'start' | 'stop', service: string): string[] {
  return [verb, service];
}

/** `sc` exits with this code (and prints it) when the service is not installed. */
export const SC_SERVICE_MISSING = 1060;

const STATES: Record<string, WatchedServiceState> = {
  STOPPED: 'stopped',
  START_PENDING: 'starting',
  STOP_PENDING: 'stopping',
  RUNNING: 'running',
  CONTINUE_PENDING: 'starting',
  PAUSE_PENDING: 'stopping',
  PAUSED: 'paused',
};

/**
 * Reads `sc query` output. Labels are translated on a French Windows (`ÉTAT` for `STATE`)
 * but the state code and its English name are not: the line is found by those.
 */
export function parseScQuery(output: string, exitCode: number | null): { state: WatchedServiceState; detail: string } {
  if (exitCode === SC_SERVICE_MISSING || /\b1060\b/.test(output)) {
    return { state: 'missing', detail: 'sc: the service is not installed (1060)' };
  }
  const match = /:\s*[1-7]\s+(STOPPED|START_PENDING|STOP_PENDING|RUNNING|CONTINUE_PENDING|PAUSE_PENDING|PAUSED)\b/.exec(
    output,
  );
  if (!match) {
    const first = output.trim().split(/\r?\n/)[0] ?? '';
    return { state: 'unknown', detail: `sc query answered ${exitCode ?? '?'}: ${first.slice(0, 200)}` };
  }
  const name = match[1]!;
  const exit = /WIN32_EXIT_CODE\s*:\s*(\d+)/.exec(output)?.[1];
  const detail = name === 'STOPPED' && exit && exit !== '0' ? `${name}, exit code ${exit}` : name;
  return { state: STATES[name] ?? 'unknown', detail };
}
